// Serves the built Svelte client from client/dist, with index.html for any non-API path (client-side routing).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import send from 'koa-send';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export function staticClient(): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/api/') || ctx.path === '/api' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    const index = path.join(CLIENT_DIST, 'index.html');
    if (!fs.existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Клиент не собран: выполните npm run build / The client is not built: run npm run build\n';
      return;
    }
    const isAsset = ctx.path.startsWith('/assets/');
    try {
      // koa-send resolves inside root and refuses paths that escape it.
      await send(ctx, ctx.path === '/' ? 'index.html' : ctx.path, {
        root: CLIENT_DIST,
        immutable: isAsset,
        maxage: isAsset ? 365 * 86_400_000 : 0,
      });
    } catch (error) {
      if ((error as { status?: number }).status !== 404 || isAsset || path.extname(ctx.path) !== '') throw error;
      await send(ctx, 'index.html', { root: CLIENT_DIST });
    }
    if (ctx.path === '/' || !isAsset) ctx.set('Cache-Control', 'no-cache');
  };
}
