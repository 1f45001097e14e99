import Koa from 'koa';
import type { AppServices } from '../services.ts';
import { requestContext } from './requestContext.ts';
import { errorHandler } from './errorHandler.ts';
import { securityHeaders } from './securityHeaders.ts';
import { authenticate } from '../auth/authenticate.ts';
import { mountRoutes } from './mountRoutes.ts';
import { staticClient } from './staticClient.ts';
import '../api/index.ts';

export function createHttpApp(app: AppServices): Koa {
  const koa = new Koa({ proxy: process.env.TRUST_PROXY === '1' });
  const router = mountRoutes(app);
  koa.use(requestContext(app.log));
  koa.use(securityHeaders());
  koa.use(errorHandler());
  koa.use(staticClient());
  koa.use(authenticate(app.knex, app.config));
  koa.use(router.routes());
  koa.use(router.allowedMethods({ throw: false }));
  return koa;
}
