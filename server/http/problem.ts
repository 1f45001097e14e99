// RFC 9457 problem details. Handlers throw AppError; the error middleware renders it.
import { errorCatalog, type ErrorCode } from './errorCatalog.ts';

export interface FieldError {
  path: string;
  message: string;
  messageRu?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  messages: { ru: string; en: string };
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface AppErrorOptions {
  /** Specific messages that replace the catalogue's generic ones. */
  ru?: string;
  en?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly messages: { ru: string; en: string };
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    const def = errorCatalog[code];
    super(options.en ?? def.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = def.status;
    this.messages = { ru: options.ru ?? def.ru, en: options.en ?? def.en };
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

export function problemType(code: string): string {
  return `https://kartoteka.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export function toProblem(error: AppError, instance: string, requestId: string): Problem {
  const def = errorCatalog[error.code];
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: def.en,
    status: error.status,
    detail: error.messages.ru,
    code: error.code,
    messages: error.messages,
    instance,
    requestId,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export const notFound = (): AppError => new AppError('NOT_FOUND');
export const forbidden = (): AppError => new AppError('FORBIDDEN');
