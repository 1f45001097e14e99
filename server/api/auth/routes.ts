import type Koa from 'koa';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { LoginBody } from './schema.ts';
import { MeSchema, presentMe } from '../../presenters/mePresenter.ts';
import { loginUser } from '../../commands/loginUser.ts';
import { revokeSession } from '../../commands/revokeSession.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../auth/cookies.ts';
import type { Config } from '../../config.ts';

function setAuthCookies(ctx: Koa.Context, config: Config, session: string, csrf: string, expires: Date): void {
  const common = { sameSite: 'lax' as const, secure: config.session.secureCookies, path: '/', expires, overwrite: true };
  ctx.cookies.set(SESSION_COOKIE, session, { ...common, httpOnly: true });
  // Readable by the client, which echoes it in X-CSRF-Token; a site that cannot read our cookies cannot forge it.
  ctx.cookies.set(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

function clearAuthCookies(ctx: Koa.Context): void {
  ctx.cookies.set(SESSION_COOKIE, null, { path: '/' });
  ctx.cookies.set(CSRF_COOKIE, null, { path: '/' });
}

defineRoute({
  operationId: 'login',
  method: 'post',
  path: '/api/auth/login',
  summary: 'Вход по логину и паролю / log in',
  tags: ['auth'],
  access: 'public',
  body: LoginBody,
  success: { status: 200, description: 'Профиль и CSRF-токен; ставит cookie сеанса', schema: MeSchema },
  errors: ['AUTH_INVALID_CREDENTIALS', 'AUTH_LOCKED', 'AUTH_THROTTLED'],
  async handler(ctx) {
    const address = ctx.koa.ip || 'unknown';
    const wait = ctx.app.loginThrottle.check(address);
    if (wait > 0) throw new AppError('AUTH_THROTTLED', { headers: { 'Retry-After': String(wait) }, extensions: { retryAfter: wait } });
    const result = await loginUser(ctx.app.knex, ctx.app.config, {
      login: ctx.body.login,
      password: ctx.body.password,
      ip: ctx.koa.ip || null,
      userAgent: ctx.koa.get('User-Agent') || null,
      requestId: ctx.requestId,
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'AUTH_INVALID_CREDENTIALS') ctx.app.loginThrottle.fail(address);
      throw error;
    });
    setAuthCookies(ctx.koa, ctx.app.config, result.sessionToken, result.csrfToken, result.expiresAt);
    return presentMe(ctx.app.knex, { userId: result.userId, orgId: result.orgId, csrfToken: result.csrfToken });
  },
});

defineRoute({
  operationId: 'getMe',
  method: 'get',
  path: '/api/auth/me',
  summary: 'Текущий пользователь / current user',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  success: { status: 200, description: 'Профиль', schema: MeSchema },
  async handler(ctx) {
    return presentMe(ctx.app.knex, ctx.actor);
  },
});

defineRoute({
  operationId: 'logout',
  method: 'post',
  path: '/api/auth/logout',
  summary: 'Выход: сеанс отзывается / log out and revoke the session',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  success: { status: 204, description: 'Сеанс завершён' },
  async handler(ctx) {
    const sessionId = ctx.actor.sessionId;
    if (sessionId) await ctx.write((unit) => revokeSession(unit, ctx.actor, sessionId, 'logout'));
    clearAuthCookies(ctx.koa);
    return undefined;
  },
});
