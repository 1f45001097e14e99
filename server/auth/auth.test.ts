import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing/testServer.ts';
import { forgetCached } from '../db/sharedCache.ts';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10' } });
});
afterAll(async () => srv?.close());

interface Problem {
  code: string;
  messages: { ru: string; en: string };
}

describe('authentication', () => {
  it('logs in every demo role and reports the profile', async () => {
    for (const role of ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor']) {
      const c = await srv.login(role);
      const me = await c.get<{ user: { login: string; roles: string[]; org: { name: string } } }>('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.login).toBe(role);
      expect(me.body.user.roles).toEqual([role]);
      expect(me.body.user.org.name).toContain('Заречный');
    }
  });

  it('sets an httpOnly SameSite session cookie and a readable CSRF cookie', async () => {
    const c = srv.client();
    const res = await c.post('/api/auth/login', { login: 'clerk', password: TEST_PASSWORD });
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((l) => l.startsWith('kt_session='));
    const csrf = cookies.find((l) => l.startsWith('kt_csrf='));
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(csrf).not.toMatch(/httponly/i);
  });

  it('refuses a wrong password with a bilingual problem', async () => {
    const res = await srv.client().post<Problem>('/api/auth/login', { login: 'manager', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(res.body.messages.ru).toMatch(/Неверный логин или пароль/);
    expect(res.body.messages.en).toMatch(/Wrong login or password/);
  });

  it('locks the account after repeated failures, even for the right password, and audits it', async () => {
    const c = srv.client();
    for (let i = 0; i < 3; i += 1) expect((await c.post('/api/auth/login', { login: 'lawyer', password: `nope-${i}` })).status).toBe(401);
    const locked = await c.post<Problem>('/api/auth/login', { login: 'lawyer', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('AUTH_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const actions = (await srv.rt.knex('audit_log').where({ object_type: 'user' }).pluck('action')) as string[];
    expect(actions).toContain('auth.locked');
    // An administrator unlocks the account.
    const admin = await srv.login('admin');
    const lawyer = (await admin.get<{ items: { id: string; login: string; version: number }[] }>('/api/users?limit=100')).body.items.find((u) => u.login === 'lawyer');
    if (!lawyer) throw new Error('lawyer missing');
    const unlocked = await admin.patch(`/api/users/${lawyer.id}`, { unlock: true }, { 'if-match': `"v${lawyer.version}"` });
    expect(unlocked.status).toBe(200);
    expect((await srv.login('lawyer')).cookies.has('kt_session')).toBe(true);
  });

  it('needs the CSRF header for cookie-authenticated writes', async () => {
    const c = await srv.login('admin');
    c.sendCsrf = false;
    const res = await c.post<Problem>('/api/tokens', { name: 'no csrf' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    const forged = await c.post<Problem>('/api/tokens', { name: 'forged' }, { 'x-csrf-token': 'forged-value' });
    expect(forged.status).toBe(403);
    c.sendCsrf = true;
    expect((await c.post('/api/tokens', { name: 'with csrf' })).status).toBe(201);
  });

  it('refuses non-JSON bodies so that cross-site forms cannot post', async () => {
    const res = await srv.client().post<Problem>('/api/auth/login', 'login=admin&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('logout revokes the session server-side', async () => {
    const c = await srv.login('executor');
    const stolen = new Map(c.cookies);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = srv.client();
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('expires idle and absolutely expired sessions', async () => {
    const c = await srv.login('archivist');
    const me = await c.get<{ user: { id: string } }>('/api/auth/me');
    // Time passing is simulated by editing the rows behind the server's back, which no command does; the edit is
    // announced to the session cache as a revocation would be (db/sharedCache.ts).
    await srv.rt.knex('sessions').where({ user_id: me.body.user.id }).whereNull('revoked_at').update({ last_seen_at: new Date(Date.now() - 31 * 60_000) });
    forgetCached('auth');
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const d = await srv.login('archivist');
    await srv.rt.knex('sessions').where({ user_id: me.body.user.id }).whereNull('revoked_at').update({ expires_at: new Date(Date.now() - 1000) });
    forgetCached('auth');
    expect((await d.get('/api/auth/me')).status).toBe(401);
  });

  it('lists and revokes own sessions', async () => {
    const a = await srv.login('auditor');
    const b = await srv.login('auditor');
    const list = await a.get<{ items: { id: string; current: boolean }[] }>('/api/sessions');
    const other = list.body.items.find((s) => !s.current);
    expect(list.body.items.filter((s) => s.current)).toHaveLength(1);
    if (!other) throw new Error('second session missing');
    expect((await a.delete(`/api/sessions/${other.id}`)).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await a.get('/api/auth/me')).status).toBe(200);
  });

  it('API tokens work without cookies or CSRF, are stored hashed, and are revocable', async () => {
    const admin = await srv.login('admin');
    const created = await admin.post<{ id: string; token: string }>('/api/tokens', { name: 'script' });
    expect(created.status).toBe(201);
    const raw = created.body.token;
    const stored = (await srv.rt.knex('api_tokens').where({ id: created.body.id }).first()) as { token_hash: string };
    expect(stored.token_hash).not.toContain(raw);
    const script = srv.client();
    script.bearer = raw;
    expect((await script.get('/api/auth/me')).status).toBe(200);
    expect((await script.post('/api/departments', { name: 'Отдел по токену', code: 'T1' })).status).toBe(201);
    expect((await admin.delete(`/api/tokens/${created.body.id}`)).status).toBe(204);
    const after = await script.get<Problem>('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('stores passwords as scrypt hashes', async () => {
    const row = (await srv.rt.knex('users').where({ login: 'clerk' }).first()) as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('enforces the role policy', async () => {
    const clerk = await srv.login('clerk');
    const res = await clerk.get<Problem>('/api/audit');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect((await srv.client().get<Problem>('/api/users')).status).toBe(401);
  });
});
