import Router from '@koa/router';
import type Koa from 'koa';
import type { AppServices } from '../services.ts';
import type { Actor } from './actor.ts';
import { routes, makeWrite, type AnyRoute, type AuthedContext, type PublicContext } from './route.ts';
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
    const base = {
      app,
      koa: ctx,
      params,
      query,
      body,
      requestId,
      setVersion: (version: number) => ctx.set('ETag', `"v${version}"`),
      ifMatch: () => parseIfMatch(ctx),
    };
    let result: unknown;
    if (route.access === 'authenticated' && actor) {
      const authed: AuthedContext<unknown, unknown, unknown> = {
        ...base,
        actor,
        scope: new TenantScope(actor.orgId, app.knex),
        write: makeWrite(app, actor, requestId),
      };
      result = await (route.handler as (c: AuthedContext<unknown, unknown, unknown>) => Promise<unknown>)(authed);
    } else {
      const open: PublicContext<unknown, unknown, unknown> = { ...base, actor };
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
