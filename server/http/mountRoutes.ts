import Router from '@koa/router';
import type Koa from 'koa';
import type { AppServices } from '../services.ts';
import type { Actor } from './actor.ts';
import { routes, runWrite, type AnyRoute, type AuthedContext, type PublicContext, type WriteOptions, type WriteUnit } from './route.ts';
import { validate } from './validation.ts';
import { readJsonBody } from './jsonBody.ts';
import { AppError } from './problem.ts';
import { authorize } from '../policies/index.ts';
import { TenantScope } from '../tenancy/scope.ts';
import { CSRF_HEADER } from '../auth/cookies.ts';
import { safeEqual } from '../auth/secrets.ts';

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

function parseIfMatch(ctx: Koa.Context): number {
  const header = ctx.get('If-Match');
  if (!header) throw new AppError('PRECONDITION_REQUIRED');
  const match = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  if (!match?.[1]) throw new AppError('PRECONDITION_FAILED');
  return Number(match[1]);
}

function checkCsrf(ctx: Koa.Context, actor: Actor): void {
  if (actor.via !== 'session') return;
  const sent = ctx.get(CSRF_HEADER);
  if (!sent || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) throw new AppError('CSRF_TOKEN_INVALID');
}

// Classes rather than object literals of closures: a request builds one object and no functions (the tsx loader
// names every function it sees created, which costs on the hottest path).
class PublicRequestContext {
  constructor(
    readonly app: AppServices,
    readonly koa: Koa.Context,
    readonly params: unknown,
    readonly query: unknown,
    readonly body: unknown,
    readonly requestId: string,
    readonly actor: Actor | null,
  ) {}

  setVersion(version: number): void {
    this.koa.set('ETag', `"v${version}"`);
  }

  ifMatch(): number {
    return parseIfMatch(this.koa);
  }
}

class AuthedRequestContext extends PublicRequestContext {
  readonly scope: TenantScope;

  constructor(
    app: AppServices,
    koa: Koa.Context,
    params: unknown,
    query: unknown,
    body: unknown,
    requestId: string,
    override readonly actor: Actor,
  ) {
    super(app, koa, params, query, body, requestId, actor);
    this.scope = new TenantScope(actor.orgId, app.knex);
  }

  write<T>(work: (unit: WriteUnit) => Promise<T>, options?: WriteOptions): Promise<T> {
    return runWrite(this.app, this.actor, this.requestId, work, options);
  }
}

function handlerFor(route: AnyRoute, app: AppServices): Koa.Middleware {
  return async (ctx) => {
    const actor = (ctx.state.actor as Actor | null) ?? null;
    if (route.access === 'authenticated') {
      if (!actor) throw new AppError('AUTH_REQUIRED');
      if (UNSAFE.has(route.method)) checkCsrf(ctx, actor);
      authorize(actor, route.permission ?? 'self.manage');
    }
    const params = route.params ? validate(route.params, { ...ctx.params }, 'params') : undefined;
    const query = route.query ? validate(route.query, { ...ctx.query }, 'query') : undefined;
    let body: unknown;
    if (route.body) {
      const raw = await readJsonBody(ctx, app.config.limits.jsonBodyBytes);
      body = validate(route.body, raw ?? {}, 'body');
    }
    const requestId = String(ctx.state.requestId);
    let result: unknown;
    if (route.access === 'authenticated' && actor) {
      const authed = new AuthedRequestContext(app, ctx, params, query, body, requestId, actor);
      result = await (route.handler as (c: AuthedContext<unknown, unknown, unknown>) => Promise<unknown>)(authed);
    } else {
      const open = new PublicRequestContext(app, ctx, params, query, body, requestId, actor);
      result = await (route.handler as (c: PublicContext<unknown, unknown, unknown>) => Promise<unknown>)(open);
    }
    if (ctx.body !== undefined && ctx.body !== null) return; // the handler streamed or set the body itself
    if (result === undefined) {
      ctx.status = 204;
      return;
    }
    ctx.status = route.success.status;
    ctx.body = result;
  };
}

export function mountRoutes(app: AppServices): Router {
  const router = new Router();
  for (const route of routes()) router[route.method](route.path, handlerFor(route, app));
  return router;
}
