import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../testing/testServer.ts';
import { routes } from './route.ts';

let srv: TestServer;
let admin: TestClient;
beforeAll(async () => {
  srv = await startTestServer({ env: { MAX_JSON_BYTES: '2048' } });
  admin = await srv.login('admin');
});
afterAll(async () => srv?.close());

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  messages: { ru: string; en: string };
  instance: string;
  requestId: string;
  errors?: { path: string; message: string; messageRu: string }[];
}

describe('HTTP conventions', () => {
  it('health answers ok with database and storage checks', async () => {
    const res = await srv.client().get<{ status: string; checks: Record<string, string> }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { database: 'ok', storage: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document covering every route', async () => {
    const res = await srv.client().get<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>('/api/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    for (const r of routes()) {
      const p = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(res.body.paths[p]?.[r.method]?.operationId, `${r.method} ${p}`).toBe(r.operationId);
    }
    expect(JSON.stringify(res.body.paths['/api/auth/login'])).toContain('"password"');
  });

  it('validation errors are RFC 9457 problems with a stable code and both languages', async () => {
    const res = await admin.post<Problem>('/api/departments', { name: '', code: 'Z', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', instance: '/api/departments' });
    expect(res.body.type).toBe('https://kartoteka.dev/problems/validation-failed');
    expect(res.body.messages.ru).toMatch(/[а-я]/);
    expect(res.body.messages.en).toMatch(/must/);
    expect(res.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/body/name']));
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('malformed JSON, oversized bodies and unknown routes get their own codes', async () => {
    expect((await admin.post<Problem>('/api/departments', '{"name": ')).body.code).toBe('MALFORMED_JSON');
    const big = await admin.post<Problem>('/api/departments', { name: 'x'.repeat(5000), code: 'B' });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const missing = await admin.get<Problem>('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
    const badId = await admin.get<Problem>('/api/departments/not-a-uuid');
    expect(badId.status).toBe(400);
  });

  it('keeps a sane incoming request id and makes one otherwise', async () => {
    const res = await srv.client().get('/api/health', { 'x-request-id': 'trace-123' });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    const bad = await srv.client().get('/api/health', { 'x-request-id': 'bad id\twith spaces' });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await srv.client().get('/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('optimistic locking: ETag on read, If-Match required, stale versions refused', async () => {
    const created = await admin.post<{ id: string; version: number }>('/api/departments', { name: 'Отдел кадров', code: 'K1' });
    expect(created.headers.get('etag')).toBe('"v1"');
    const id = created.body.id;
    const noMatch = await admin.patch<Problem>(`/api/departments/${id}`, { name: 'Отдел кадров и спецработы' });
    expect(noMatch.status).toBe(428);
    expect(noMatch.body.code).toBe('PRECONDITION_REQUIRED');
    const ok = await admin.patch<{ version: number; name: string }>(`/api/departments/${id}`, { name: 'Отдел кадров и спецработы' }, { 'if-match': '"v1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"v2"');
    const stale = await admin.patch<Problem>(`/api/departments/${id}`, { name: 'Чужая правка' }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const audit = (await srv.rt.knex('audit_log').where({ object_id: id, action: 'department.updated' })) as { payload: { from: { name: string } } }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.payload.from.name).toBe('Отдел кадров');
  });

  it('refuses a department cycle', async () => {
    const parent = await admin.post<{ id: string }>('/api/departments', { name: 'Родитель', code: 'P1' });
    const child = await admin.post<{ id: string }>('/api/departments', { name: 'Потомок', code: 'P2', parentId: parent.body.id });
    const res = await admin.patch<Problem>(`/api/departments/${parent.body.id}`, { parentId: child.body.id }, { 'if-match': '"v1"' });
    expect(res.status).toBe(409);
  });

  it('cursor pagination walks a list without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { login: string }[]; nextCursor: string | null } } = await admin.get(`/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((u) => u.login));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor']));
    expect((await admin.get<Problem>('/api/users?cursor=garbage')).body.code).toBe('INVALID_CURSOR');
  });

  it('staff search runs on the server by name fragment', async () => {
    const res = await admin.get<{ items: { fullName: string }[] }>(`/api/staff?q=${encodeURIComponent('иванова')}`);
    expect(res.body.items.map((s) => s.fullName)).toEqual(['Иванова Мария Петровна']);
  });

  it('creating a user is audited and logins are unique', async () => {
    const body = { login: 'new.clerk', fullName: 'Новикова Анна Сергеевна', password: 'long-enough-password', roles: ['clerk'] };
    const res = await admin.post<{ id: string }>('/api/users', body);
    expect(res.status).toBe(201);
    expect((await admin.post<Problem>('/api/users', body)).body.code).toBe('LOGIN_TAKEN');
    const entry = (await srv.rt.knex('audit_log').where({ action: 'user.created', object_id: res.body.id }).first()) as { payload: Record<string, unknown> };
    expect(entry.payload).toMatchObject({ login: 'new.clerk' });
    expect(JSON.stringify(entry.payload)).not.toContain('long-enough-password');
    expect((await srv.login('new.clerk', 'long-enough-password')).cookies.has('kt_session')).toBe(true);
  });
});
