import type Koa from 'koa';
import { AppError, toProblem } from './problem.ts';
import { isStorageError } from '../storage/index.ts';

function fromKnown(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isStorageError(error)) {
    if (error.code === 'BLOB_RETENTION_HOLD') return new AppError('BLOB_RETENTION_HOLD');
    if (error.code === 'BLOB_TOO_LARGE') return new AppError('BLOB_TOO_LARGE');
    if (error.code === 'BLOB_NOT_FOUND' || error.code === 'BLOB_INVALID_ID') return new AppError('NOT_FOUND');
  }
  const pgCode = (error as { code?: unknown } | null)?.code;
  // Unique violations that slipped past a command's own checks are conflicts, not server faults.
  if (pgCode === '23505') return new AppError('CONFLICT', { cause: error });
  return null;
}

/** Renders every error as RFC 9457 problem+json; unexpected ones are logged with the request id and hidden. */
export function errorHandler(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) throw new AppError('ROUTE_NOT_FOUND');
    } catch (error) {
      let appError = fromKnown(error);
      if (!appError) {
        ctx.state.log?.error({ err: error }, 'unhandled error');
        appError = new AppError('INTERNAL_ERROR');
      } else if (appError.status >= 500) {
        ctx.state.log?.error({ err: error }, 'server error');
      }
      ctx.status = appError.status;
      for (const [k, v] of Object.entries(appError.headers)) ctx.set(k, v);
      ctx.type = 'application/problem+json';
      ctx.body = toProblem(appError, ctx.path, String(ctx.state.requestId ?? ''));
    }
  };
}
