import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApi } from './endpoints.ts';
import { HttpClient } from './http.ts';
import { ApiError, CLIENT_ERROR_CODES } from './problem.ts';
import { startRecordingServer, type RecordingServer, type SeenRequest } from './recordingServer.ts';

// A small real HTTP server that answers like the Kartoteka API, so the client's real fetch path is exercised.
let server: RecordingServer;
let baseUrl = '';
let seen: RecordingServer['seen'] = [];

beforeAll(async () => {
  server = await startRecordingServer((request, url, json) => {
    if (url.pathname === '/api/auth/login') {
      const { password } = JSON.parse(request.body.toString('utf8')) as { password: string };
      if (password !== 'right') {
        return json(
          401,
          { code: 'AUTH_INVALID_CREDENTIALS', status: 401, detail: 'Неверный логин или пароль', messages: { ru: 'Неверный логин или пароль', en: 'Invalid login or password' } },
          'application/problem+json',
        );
      }
      return json(200, { user: { id: 'u1', login: 'clerk' }, csrfToken: 'from-body' });
    }
    if (url.pathname === '/api/users') {
      const cursor = url.searchParams.get('cursor');
      return cursor === null
        ? json(200, { items: [{ id: 'u1', login: 'a' }], nextCursor: 'p2' })
        : json(200, { items: [{ id: 'u2', login: 'b' }], nextCursor: null });
    }
    if (url.pathname === '/api/sessions') return json(200, { items: [{ id: 's1', current: true }] });
    if (url.pathname === '/api/tokens/t1' && request.method === 'DELETE') {
      return json(204);
    }
    if (url.pathname === '/api/users/u1') return json(200, { id: 'u1' }, 'application/json', { etag: 'W/"3"' });
    if (url.pathname === '/api/expired') {
      return json(401, { code: 'AUTH_REQUIRED', detail: 'Требуется вход' }, 'application/problem+json');
    }
    if (url.pathname === '/api/html-error') {
      return json(502, '<h1>Bad gateway</h1>', 'text/html');
    }
    return json(404, { code: 'NOT_FOUND', detail: 'Не найдено' }, 'application/problem+json');
  });
  baseUrl = server.baseUrl;
  seen = server.seen;
});

afterAll(() => server.close());

function lastSeen(): SeenRequest {
  const last = seen.at(-1);
  if (!last) throw new Error('no request reached the server');
  return last;
}

describe('HttpClient', () => {
  test('sends the kt_csrf cookie value on writes and never on reads', async () => {
    const http = new HttpClient({ baseUrl, cookies: () => 'a=1; kt_csrf=cookie-token' });
    await http.get('/api/users/u1');
    expect(lastSeen().csrf).toBeUndefined();
    await http.delete('/api/tokens/t1');
    expect(lastSeen()).toMatchObject({ method: 'DELETE', csrf: 'cookie-token' });
  });

  test('falls back to the token from the login response when the cookie is unreadable', async () => {
    const api = createApi(new HttpClient({ baseUrl, cookies: () => '' }));
    await api.auth.login('clerk', 'right');
    await api.tokens.revoke('t1');
    expect(lastSeen().csrf).toBe('from-body');
  });

  test('turns problem+json into an ApiError with both languages', async () => {
    const api = createApi(new HttpClient({ baseUrl, cookies: () => '' }));
    const error = await api.auth.login('clerk', 'wrong').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      status: 401,
      problem: { messages: { ru: 'Неверный логин или пароль', en: 'Invalid login or password' } },
    });
    expect(JSON.parse(lastSeen().body.toString('utf8'))).toEqual({ login: 'clerk', password: 'wrong' });
  });

  test('reports a 401 on an ordinary request as a lost session, but not on login', async () => {
    const lost: string[] = [];
    const http = new HttpClient({ baseUrl, cookies: () => '', onUnauthorized: (error) => lost.push(error.code) });
    await createApi(http).auth.login('clerk', 'wrong').catch(() => undefined);
    expect(lost).toEqual([]);
    await http.get('/api/expired').catch(() => undefined);
    expect(lost).toEqual(['AUTH_REQUIRED']);
  });

  test('returns the ETag and sends If-Match', async () => {
    const http = new HttpClient({ baseUrl, cookies: () => '' });
    const result = await http.request<{ id: string }>('PATCH', '/api/users/u1', { body: { fullName: 'x' }, ifMatch: 'W/"3"' });
    expect(result).toEqual({ status: 200, data: { id: 'u1' }, etag: 'W/"3"' });
    expect(lastSeen().ifMatch).toBe('W/"3"');
  });

  test('updates a user with the If-Match version the server issued', async () => {
    const api = createApi(new HttpClient({ baseUrl, cookies: () => 'kt_csrf=c' }));
    await api.users.update({ id: 'u1', version: 3 }, { disabled: true });
    expect(lastSeen()).toMatchObject({ method: 'PATCH', url: '/api/users/u1', ifMatch: '"v3"', csrf: 'c' });
    expect(JSON.parse(lastSeen().body.toString('utf8'))).toEqual({ disabled: true });
  });

  test('follows nextCursor through every page', async () => {
    const api = createApi(new HttpClient({ baseUrl, cookies: () => '' }));
    const first = await api.users.page({ limit: 1 });
    expect(lastSeen().url).toBe('/api/users?limit=1');
    const second = await api.users.page({ limit: 1, cursor: first.nextCursor });
    expect(lastSeen().url).toBe('/api/users?limit=1&cursor=p2');
    expect([...first.items, ...second.items].map((user) => user.id)).toEqual(['u1', 'u2']);
  });

  test('reads a whole short list sent without a cursor as a single page', async () => {
    const api = createApi(new HttpClient({ baseUrl, cookies: () => '' }));
    expect(await api.sessions.list()).toEqual({ items: [{ id: 's1', current: true }], nextCursor: null });
    expect(lastSeen().url).toBe('/api/sessions');
  });

  test('classifies non-problem errors and unreachable servers', async () => {
    const http = new HttpClient({ baseUrl, cookies: () => '' });
    await expect(http.get('/api/html-error')).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.unexpected, status: 502 });
    const closed = new HttpClient({ baseUrl: 'http://127.0.0.1:1', cookies: () => '' });
    await expect(closed.get('/api/health')).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.network, status: 0 });
  });
});
