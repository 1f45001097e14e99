import { XMLParser } from 'fast-xml-parser';
import type { S3rverContext, S3rverMiddleware } from 's3rver';
import { escapeXml } from './s3rverShim.ts';

/**
 * S3 Object Lock for s3rver, which has none: no S3 server with Object Lock can be installed on the project's machines
 * (MinIO is neither a Debian nor an npm package), so the archive's use of the Object Lock API is exercised against
 * this. Tests only.
 *
 * What it does, on the wire as S3 does it: `GET ?object-lock` answers the bucket's configuration; `PUT`/`GET
 * ?retention` set and read an object's retention (COMPLIANCE may not be shortened, GOVERNANCE only with the bypass
 * header); a retained version cannot be
 * deleted by its version id, alone or in a multi-object delete (`AccessDenied` per key), GOVERNANCE giving way to
 * `x-amz-bypass-governance-retention: true`; with a default rule every new object is retained from its PUT.
 * `PUT`/`GET ?legal-hold` set and read an object's legal hold (`ON`/`OFF`, or from the PUT's
 * `x-amz-object-lock-legal-hold` header); a version under legal hold cannot be deleted by its version id whatever its
 * retention, the governance bypass included, until the hold is turned `OFF`.
 *
 * An Object Lock bucket is always versioned, and there a DELETE without a version id is no deletion: it succeeds
 * whatever the retention, adding a delete marker in front of the retained version (Ceph RGW and AWS alike; checked by
 * ocflStoreObjectLockReal.test.ts). s3rver keeps no versions, so here such a delete removes the key, and an overwrite
 * replaces it (with the retention of the new object only) where the bucket would keep the old version, still retained.
 * What is gone here would be a noncurrent version there: the archive never reads those, and erasing an object deletes
 * every version by id only after checking that none is retained. A retention without one reads as
 * `NoSuchObjectLockConfiguration` (AWS, MinIO; RGW says `ObjectLockConfigurationNotFoundError`), and so does a legal
 * hold never set. An overwrite or a DELETE without a version id drops the key's legal hold with the key (there the held
 * version would stay behind). Limits: no versions, one bucket, path-style requests only.
 */
export interface ObjectLockEmulation {
  readonly middleware: S3rverMiddleware;
  /** the retention of a key, as stored (retention runs by `Date.now()`, so tests move time with fake Dates) */
  retention(key: string): { mode: RetentionMode; until: Date } | undefined;
  /** whether the key is under legal hold */
  legalHold(key: string): boolean;
}

export type RetentionMode = 'COMPLIANCE' | 'GOVERNANCE';

export interface ObjectLockOptions {
  bucket: string;
  /** the bucket's default rule; without it only objects given a retention are retained */
  defaultRetention?: { mode: RetentionMode; days: number };
}

const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => name === 'Object' });

export function emulateObjectLock(options: ObjectLockOptions): ObjectLockEmulation {
  const retained = new Map<string, { mode: RetentionMode; until: Date }>();
  const legalHolds = new Map<string, 'ON' | 'OFF'>();
  const now = (): number => Date.now();
  const HELD = { mode: 'LEGAL_HOLD' as const };
  const retaining = (ctx: S3rverContext, key: string): { mode: RetentionMode; until: Date } | undefined => {
    const r = retained.get(key);
    if (!r || r.until.getTime() <= now()) return undefined;
    if (r.mode === 'GOVERNANCE' && ctx.get('x-amz-bypass-governance-retention').toLowerCase() === 'true') return undefined;
    return r;
  };
  /** What refuses a deletion by version id: a legal hold (nothing bypasses it), else a running retention. */
  const blocking = (ctx: S3rverContext, key: string): { mode: RetentionMode; until: Date } | typeof HELD | undefined =>
    legalHolds.get(key) === 'ON' ? HELD : retaining(ctx, key);

  const middleware: S3rverMiddleware = async (ctx, next) => {
    const target = parsePath(ctx.path);
    if (!target || target.bucket !== options.bucket) return next();
    const { key } = target;
    const q = ctx.query;

    if (key === undefined && ctx.method === 'GET' && 'object-lock' in q) {
      const rule = options.defaultRetention
        ? `<Rule><DefaultRetention><Mode>${options.defaultRetention.mode}</Mode><Days>${options.defaultRetention.days}</Days></DefaultRetention></Rule>`
        : '';
      return answer(ctx, 200, `<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled>${rule}</ObjectLockConfiguration>`);
    }

    if (key === undefined && ctx.method === 'POST' && 'delete' in q) {
      const body = xml.parse(await readBody(ctx)) as { Delete?: { Object?: { Key?: string; VersionId?: string }[]; Quiet?: string } };
      const objects = (body.Delete?.Object ?? []).map((o) => ({ key: String(o.Key ?? ''), byVersion: Boolean(o.VersionId) }));
      const quiet = body.Delete?.Quiet === 'true';
      const parts: string[] = [];
      for (const { key: k, byVersion } of objects) {
        const r = byVersion ? blocking(ctx, k) : undefined;
        if (r) {
          const why = 'until' in r ? `until ${r.until.toISOString()}` : 'while under legal hold';
          parts.push(`<Error><Key>${escapeXml(k)}</Key><Code>AccessDenied</Code><Message>Object is WORM protected and cannot be overwritten or deleted ${why}</Message></Error>`);
          continue;
        }
        if (await ctx.store.existsObject(options.bucket, k)) await ctx.store.deleteObject(options.bucket, k);
        retained.delete(k);
        legalHolds.delete(k);
        if (!quiet) parts.push(`<Deleted><Key>${escapeXml(k)}</Key></Deleted>`);
      }
      return answer(ctx, 200, `<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</DeleteResult>`);
    }

    if (key === undefined) return next();

    if ('legal-hold' in q) {
      if (ctx.method === 'GET') {
        const status = legalHolds.get(key);
        if (!status) return s3Error(ctx, 404, 'NoSuchObjectLockConfiguration', 'The specified object does not have an ObjectLock configuration', key);
        return answer(ctx, 200, `<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>${status}</Status></LegalHold>`);
      }
      if (ctx.method === 'PUT') {
        if (!(await ctx.store.existsObject(options.bucket, key))) return s3Error(ctx, 404, 'NoSuchKey', 'The specified key does not exist.', key);
        const status = (xml.parse(await readBody(ctx)) as { LegalHold?: { Status?: string } }).LegalHold?.Status;
        if (status !== 'ON' && status !== 'OFF') return s3Error(ctx, 400, 'MalformedXML', 'The XML you provided was not well-formed', key);
        legalHolds.set(key, status);
        return answer(ctx, 200, '');
      }
      return next();
    }

    if ('retention' in q) {
      if (ctx.method === 'GET') {
        const r = retained.get(key);
        if (!r) return s3Error(ctx, 404, 'NoSuchObjectLockConfiguration', 'The specified object does not have an ObjectLock configuration', key);
        return answer(ctx, 200, `<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>${r.mode}</Mode><RetainUntilDate>${r.until.toISOString()}</RetainUntilDate></Retention>`);
      }
      if (ctx.method === 'PUT') {
        if (!(await ctx.store.existsObject(options.bucket, key))) return s3Error(ctx, 404, 'NoSuchKey', 'The specified key does not exist.', key);
        const body = xml.parse(await readBody(ctx)) as { Retention?: { Mode?: string; RetainUntilDate?: string } };
        const mode = body.Retention?.Mode;
        const until = new Date(body.Retention?.RetainUntilDate ?? '');
        if ((mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') || Number.isNaN(until.getTime())) return s3Error(ctx, 400, 'MalformedXML', 'The XML you provided was not well-formed', key);
        // Shortening a running retention (or weakening COMPLIANCE to GOVERNANCE): never for COMPLIANCE, for GOVERNANCE
        // only with the bypass header — as Ceph RGW answers it (ocflStoreObjectLockReal.test.ts).
        const current = retained.get(key);
        const weaker = current && current.until.getTime() > now() && (until < current.until || (current.mode === 'COMPLIANCE' && mode !== 'COMPLIANCE'));
        if (weaker && (current.mode === 'COMPLIANCE' || retaining(ctx, key))) return s3Error(ctx, 403, 'AccessDenied', 'Access Denied because object protected by object lock', key);
        retained.set(key, { mode, until });
        return answer(ctx, 200, '');
      }
      return next();
    }

    const plain = Object.keys(q).length === 0;
    if (ctx.method === 'DELETE' && (plain || 'versionId' in q)) {
      if (!plain && blocking(ctx, key)) return s3Error(ctx, 403, 'AccessDenied', 'Object is WORM protected and cannot be overwritten or deleted', key);
      retained.delete(key);
      legalHolds.delete(key);
      return next();
    }
    if (ctx.method === 'PUT' && plain) {
      await next();
      if (ctx.status === 200) {
        retained.delete(key);
        const hold = ctx.get('x-amz-object-lock-legal-hold').toUpperCase();
        if (hold === 'ON' || hold === 'OFF') legalHolds.set(key, hold);
        else legalHolds.delete(key);
        if (options.defaultRetention) {
          const { mode, days } = options.defaultRetention;
          retained.set(key, { mode, until: new Date(now() + days * 86_400_000) });
        }
      }
      return;
    }
    return next();
  };

  return {
    middleware,
    retention: (key) => retained.get(key),
    legalHold: (key) => legalHolds.get(key) === 'ON',
  };
}

function parsePath(path: string): { bucket: string; key?: string } | undefined {
  const m = /^\/([^/]+)(?:\/(.+))?$/.exec(path);
  if (!m?.[1]) return undefined;
  return m[2] === undefined ? { bucket: decodeURIComponent(m[1]) } : { bucket: decodeURIComponent(m[1]), key: decodeURIComponent(m[2]) };
}

async function readBody(ctx: S3rverContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.req) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}

function answer(ctx: S3rverContext, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'application/xml';
  ctx.body = body === '' ? '' : `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

function s3Error(ctx: S3rverContext, status: number, code: string, message: string, key: string): void {
  answer(ctx, status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><Key>${escapeXml(key)}</Key><RequestId>0</RequestId></Error>`);
}
