// Test harness: a real server on a random port, on in-memory PGlite by default or on PostgreSQL in a fresh
// schema when DATABASE_URL is set (npm run test:pg). Nothing is mocked: requests go through HTTP.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import knexFactory from 'knex';
import { loadConfig, type Config } from '../config.ts';
import { boot } from '../boot.ts';
import { createHttpApp } from '../http/app.ts';
import { seedDemo } from '../demo/seedDemo.ts';
import type { WorkerOptions } from '../jobs/worker.ts';

export const TEST_PASSWORD = 'test-password-42';

export type Runtime = Awaited<ReturnType<typeof boot>>;

export interface TestServer {
  url: string;
  rt: Runtime;
  config: Config;
  dataDir: string;
  client(): TestClient;
  login(login: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

export function usingPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

export function freshSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const k = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    await k.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
  } finally {
    await k.destroy();
  }
}

export interface StartOptions {
  env?: Record<string, string>;
  worker?: boolean;
  workerOptions?: WorkerOptions;
  seed?: boolean;
}

// Each test file boots several servers; initdb dominates PGlite start-up, so the first migrated database of
// the process is dumped and the next ones start from that dump.
let pgliteTemplate: Blob | null = null;

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kartoteka-test-'));
  const schema = usingPostgres() ? freshSchemaName() : null;
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    ...(schema ? { DATABASE_SCHEMA: schema } : {}),
    S3_ENDPOINT: '',
    ...options.env,
  });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const rt = await boot(config, log, {
    inMemory: !usingPostgres(),
    pgliteTemplate,
    worker: options.worker ?? false,
    ...(options.workerOptions ? { workerOptions: options.workerOptions } : {}),
  });
  if (!usingPostgres() && !pgliteTemplate && rt.db.dump) pgliteTemplate = await rt.db.dump();
  if (options.seed !== false) await seedDemo(rt.knex, { password: TEST_PASSWORD });
  const app = createHttpApp(rt);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    rt,
    config,
    dataDir,
    client: () => new TestClient(url),
    async login(login, password = TEST_PASSWORD) {
      const c = new TestClient(url);
      const res = await c.post('/api/auth/login', { login, password });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await rt.shutdown();
      if (schema) await dropSchema(schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A minimal browser: keeps cookies, echoes the CSRF cookie on writes like the real client does. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  bearer: string | null = null;
  sendCsrf = true;

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const csrf = this.cookies.get('kt_csrf');
    if (this.sendCsrf && csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + pathname, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(p: string, headers?: Record<string, string>) {
    return this.request<T>('GET', p, undefined, headers);
  }
  post<T = unknown>(p: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', p, body ?? {}, headers);
  }
  patch<T = unknown>(p: string, body: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', p, body, headers);
  }
  delete<T = unknown>(p: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', p, undefined, headers);
  }

  /** POST /api/files as multipart, the way the browser uploads. */
  async upload<T = { id: string }>(bytes: Uint8Array, name: string): Promise<TestResponse<T>> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const csrf = this.cookies.get('kt_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(`${this.baseUrl}/api/files`, { method: 'POST', body: form, headers });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T, text };
  }
}
