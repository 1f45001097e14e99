import type S3rver from 's3rver';
import type { S3rverContext, S3rverMiddleware } from 's3rver';

/**
 * s3rver 3.7 answers ListMultipartUploads (`GET /bucket?uploads`) with NotImplemented, but the minio
 * client calls it before every multipart upload (to resume an interrupted one) and in
 * removeIncompleteUpload. This middleware answers it with an empty, well-formed listing.
 *
 * Limits: it always reports no uploads in progress, so minio never resumes against s3rver and
 * abandoned parts stay in s3rver's directory; it does not check the request signature or the
 * prefix/marker/max-uploads parameters; it only handles path-style requests. Tests only.
 */
export const listMultipartUploadsShim: S3rverMiddleware = async (ctx, next) => {
  const bucket = matchListUploads(ctx);
  // An unknown bucket falls through so that s3rver itself answers NoSuchBucket.
  if (bucket === undefined || !(await ctx.store.getBucket(bucket))) return next();
  const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Bucket>${escapeXml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
    `<NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker><Prefix>${escapeXml(prefix)}</Prefix>` +
    '<MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>';
};

/** Puts the shim in front of s3rver's own router; call before `run()`, which composes the middleware. */
export function installS3rverShim(server: S3rver): void {
  server.middleware.unshift(listMultipartUploadsShim);
}

function matchListUploads(ctx: S3rverContext): string | undefined {
  if (ctx.method !== 'GET' || !('uploads' in ctx.query)) return undefined;
  const match = /^\/([^/]+)\/?$/.exec(ctx.path);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
