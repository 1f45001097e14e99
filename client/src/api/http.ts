import { CSRF_COOKIE, CSRF_HEADER, isWriteMethod, readCookie } from './csrf.ts';
import { ApiError, errorFromBody, networkError } from './problem.ts';

export type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  ifMatch?: string;
  /** Login and the start-up session probe expect 401 and must not trigger the "session ended" hook. */
  expectUnauthorized?: boolean;
}

export interface HttpResult<T> {
  status: number;
  data: T;
  etag: string | null;
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the CSRF cookie is read from; `document.cookie` in the browser. */
  cookies?: () => string;
  onUnauthorized?: (error: ApiError) => void;
}

function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /[/+]json\b/.test(type);
}

export class HttpClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly cookies: () => string;
  private onUnauthorized: ((error: ApiError) => void) | undefined;
  /** The csrfToken from the login or me response; used when the cookie cannot be read. */
  csrfToken: string | null = null;

  constructor(options: HttpClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
    this.onUnauthorized = options.onUnauthorized;
  }

  setUnauthorizedHandler(handler: (error: ApiError) => void): void {
    this.onUnauthorized = handler;
  }

  currentCsrfToken(): string | null {
    return readCookie(this.cookies(), CSRF_COOKIE) ?? this.csrfToken;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers = new Headers({ Accept: 'application/json, application/problem+json' });
    if (options.body !== undefined) headers.set('Content-Type', 'application/json');
    if (options.ifMatch !== undefined) headers.set('If-Match', options.ifMatch);
    if (isWriteMethod(method)) {
      const token = this.currentCsrfToken();
      if (token !== null) headers.set(CSRF_HEADER, token);
    }

    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(this.baseUrl, path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? null : JSON.stringify(options.body),
      });
    } catch (cause) {
      throw networkError(cause);
    }

    const body: unknown = isJson(response) ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const error = errorFromBody(response.status, body, response.headers.get('retry-after'));
      if (response.status === 401 && !options.expectUnauthorized) this.onUnauthorized?.(error);
      throw error;
    }
    // The server's schemas define these shapes; the client trusts its own API here.
    return { status: response.status, data: body as T, etag: response.headers.get('etag') };
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', path, query ? { query } : {})).data;
  }

  async post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return (await this.request<T>('POST', path, { ...options, body })).data;
  }

  /** Multipart upload of one file in the field `file`; the browser sets the boundary itself. */
  async upload<T>(path: string, file: Blob, name: string): Promise<T> {
    const form = new FormData();
    form.append('file', file, name);
    return this.sendForm<T>(path, form);
  }

  /** POST of a multipart form (fields and files); the browser sets the boundary itself. */
  async sendForm<T>(path: string, form: FormData): Promise<T> {
    const response = await this.send(path, { method: 'POST', body: form });
    return (isJson(response) ? await response.json().catch(() => null) : null) as T;
  }

  /** POST of a JSON body whose answer is a file (a PDF), read whole. */
  async postForBlob(path: string, body: unknown): Promise<Blob> {
    const response = await this.send(path, { method: 'POST', body: JSON.stringify(body), contentType: 'application/json' });
    return response.blob();
  }

  private async send(path: string, init: { method: string; body: BodyInit; contentType?: string }): Promise<Response> {
    const headers = new Headers({ Accept: 'application/json, application/problem+json, application/pdf' });
    if (init.contentType) headers.set('Content-Type', init.contentType);
    const token = this.currentCsrfToken();
    if (token !== null) headers.set(CSRF_HEADER, token);
    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(this.baseUrl, path), { method: init.method, headers, credentials: 'same-origin', body: init.body });
    } catch (cause) {
      throw networkError(cause);
    }
    if (!response.ok) {
      const body: unknown = isJson(response) ? await response.json().catch(() => null) : null;
      const error = errorFromBody(response.status, body, response.headers.get('retry-after'));
      if (response.status === 401) this.onUnauthorized?.(error);
      throw error;
    }
    return response;
  }

  async delete(path: string): Promise<void> {
    await this.request<unknown>('DELETE', path);
  }
}
