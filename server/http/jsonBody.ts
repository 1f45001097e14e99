import type Koa from 'koa';
import { AppError } from './problem.ts';

/**
 * Reads a JSON body with a hard size limit. Requiring application/json also keeps HTML forms from other
 * sites out: a cross-site form cannot send that content type without a CORS preflight.
 */
export async function readJsonBody(ctx: Koa.Context, limit: number): Promise<unknown> {
  const length = Number(ctx.get('Content-Length') || '0');
  const hasBody = length > 0 || ctx.get('Transfer-Encoding') !== '';
  if (!hasBody) return undefined;
  if (!ctx.is('application/json', 'application/*+json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (length > limit) throw new AppError('PAYLOAD_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('MALFORMED_JSON');
  }
}
