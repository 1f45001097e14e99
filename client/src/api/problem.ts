// RFC 9457 problem details as the Kartoteka server sends them, and the one error type the client throws.

export interface ProblemFieldError {
  path: string;
  message: string;
  /** the same in Russian, when the server gave it */
  messageRu?: string;
}

export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  messages?: { ru?: string; en?: string };
  instance?: string;
  requestId?: string;
  errors?: ProblemFieldError[];
}

/** Codes the client itself assigns when the server gave no problem document. */
export const CLIENT_ERROR_CODES = {
  network: 'CLIENT_NETWORK_ERROR',
  unexpected: 'CLIENT_UNEXPECTED_RESPONSE',
} as const;

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly problem: ProblemDocument | null;
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    code: string;
    status: number;
    problem?: ProblemDocument | null;
    retryAfterSeconds?: number | null;
    cause?: unknown;
  }) {
    const problem = options.problem ?? null;
    super(problem?.detail ?? problem?.title ?? options.code, { cause: options.cause });
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.problem = problem;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Keeps only the fields of a problem document that have the documented types. */
export function toProblem(value: unknown): ProblemDocument | null {
  if (!isRecord(value)) return null;
  const problem: ProblemDocument = {};
  for (const key of ['type', 'title', 'detail', 'code', 'instance', 'requestId'] as const) {
    const text = optionalString(value[key]);
    if (text !== undefined) problem[key] = text;
  }
  if (typeof value.status === 'number') problem.status = value.status;
  if (isRecord(value.messages)) {
    const ru = optionalString(value.messages.ru);
    const en = optionalString(value.messages.en);
    problem.messages = {};
    if (ru !== undefined) problem.messages.ru = ru;
    if (en !== undefined) problem.messages.en = en;
  }
  if (Array.isArray(value.errors)) {
    problem.errors = value.errors.flatMap((item: unknown) =>
      isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
        ? [typeof item.messageRu === 'string' ? { path: item.path, message: item.message, messageRu: item.messageRu } : { path: item.path, message: item.message }]
        : [],
    );
  }
  return problem.code !== undefined || problem.title !== undefined || problem.detail !== undefined ? problem : null;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function errorFromBody(status: number, body: unknown, retryAfter: string | null): ApiError {
  const problem = toProblem(body);
  return new ApiError({
    code: problem?.code ?? CLIENT_ERROR_CODES.unexpected,
    status,
    problem,
    retryAfterSeconds: parseRetryAfter(retryAfter),
  });
}

export function networkError(cause: unknown): ApiError {
  return new ApiError({ code: CLIENT_ERROR_CODES.network, status: 0, cause });
}
