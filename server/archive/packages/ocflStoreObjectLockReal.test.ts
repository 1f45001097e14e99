// The Object Lock suite of testing/objectLockSuite.ts against a real S3 server with Object Lock — Ceph RGW
// (`scripts/ceph-rgw.sh start`, then its `env` lines exported) or MinIO — when S3_ENDPOINT, S3_ACCESS_KEY and
// S3_SECRET_KEY are set; skipped otherwise. Each run makes its own buckets with Object Lock (kartoteka-lock-<random>)
// and removes them afterwards as far as retention allows: per-file retention is seconds long (COMPLIANCE cannot be
// shortened), the default rule's is a day in GOVERNANCE mode, shortened by the test with the governance bypass.
import { randomBytes } from 'node:crypto';
import { Client } from 'minio';
import { describe } from 'vitest';
import { parseS3Endpoint } from '../../storage/s3Endpoint.ts';
import { describeOcflObjectLock, type LockedBucket, type ObjectLockBackend } from './testing/objectLockSuite.ts';

const { S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION } = process.env;
const configured = Boolean(S3_ENDPOINT && S3_ACCESS_KEY && S3_SECRET_KEY);
if (!configured) {
  console.warn(
    'server/archive/packages: Object Lock on a real S3 server skipped: set S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY ' +
      '(e.g. `scripts/ceph-rgw.sh start` and export what `scripts/ceph-rgw.sh env` prints) to run it',
  );
}

const NOT_RETAINED = ['NoSuchObjectLockConfiguration', 'ObjectLockConfigurationNotFoundError'];
/** per-file retention on the real server: long enough for a test's refusals, short enough to wait out */
const LOCK_SECONDS = 10;

function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

interface Version {
  name: string;
  versionId: string;
  deleteMarker: boolean;
}

async function everyVersion(client: Client, bucket: string, prefix: string): Promise<Version[]> {
  const out: Version[] = [];
  const listing = client.listObjects(bucket, prefix, true, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null; isDeleteMarker?: boolean }>;
  for await (const item of listing) if (item.name && item.versionId) out.push({ name: item.name, versionId: item.versionId, deleteMarker: Boolean(item.isDeleteMarker) });
  return out;
}

async function retentionOf(client: Client, bucket: string, key: string, versionId?: string): Promise<{ mode: string; until: Date } | undefined> {
  try {
    const r = (await client.getObjectRetention(bucket, key, versionId ? { versionId } : undefined)) as { mode?: string; retainUntilDate?: string } | null;
    return r?.mode && r.retainUntilDate ? { mode: r.mode, until: new Date(r.retainUntilDate) } : undefined;
  } catch (error) {
    if (NOT_RETAINED.includes(code(error) ?? '')) return undefined;
    throw error;
  }
}

describe.skipIf(!configured)('Object Lock on a real S3 server', () => {
  describeOcflObjectLock(`OCFL storage root on ${S3_ENDPOINT ?? '(not configured)'}`, true, async () => {
    const region = S3_REGION ?? 'us-east-1';
    const credentials = { accessKey: S3_ACCESS_KEY ?? '', secretKey: S3_SECRET_KEY ?? '' };
    const client = new Client({ ...parseS3Endpoint(S3_ENDPOINT ?? ''), ...credentials, region, pathStyle: true });
    const made: string[] = [];
    const ruleDays = 1;
    const backend: ObjectLockBackend = {
      lockDays: LOCK_SECONDS / 86_400,
      ruleDays,
      async bucket(defaultRule): Promise<LockedBucket> {
        const name = `kartoteka-lock-${randomBytes(6).toString('hex')}`;
        await client.makeBucket(name, region, { ObjectLocking: true });
        made.push(name);
        if (defaultRule) await client.setObjectLockConfig(name, { mode: defaultRule, unit: 'Days', validity: ruleDays });
        return { client, s3: { endpoint: S3_ENDPOINT ?? '', bucket: name, ...credentials, ...(S3_REGION ? { region: S3_REGION } : {}) } };
      },
      retention: (bucket, key) => retentionOf(client, bucket.s3.bucket, key),
      async legalHold(bucket, key, versionId) {
        try {
          const r = (await client.getObjectLegalHold(bucket.s3.bucket, key, versionId ? { versionId } : undefined)) as unknown as { Status?: string } | string | null;
          return (typeof r === 'string' ? r : r?.Status) === 'ON';
        } catch (error) {
          if (NOT_RETAINED.includes(code(error) ?? '')) return false;
          throw error;
        }
      },
      async endRetention(bucket, prefix) {
        // GOVERNANCE retention is shortened to a few seconds from now (the bypass is what an administrator would use;
        // RGW refuses a date it finds past, and compares whole seconds, so one second flaked under load); COMPLIANCE,
        // seconds long here, is waited out.
        let last = Date.now();
        for (const v of await everyVersion(client, bucket.s3.bucket, prefix)) {
          if (v.deleteMarker) continue;
          const r = await retentionOf(client, bucket.s3.bucket, v.name, v.versionId);
          if (!r || r.until.getTime() <= Date.now()) continue;
          let until = r.until;
          if (r.mode === 'GOVERNANCE') {
            until = new Date(Date.now() + 3000);
            await client.putObjectRetention(bucket.s3.bucket, v.name, { versionId: v.versionId, mode: 'GOVERNANCE', retainUntilDate: until.toISOString(), governanceBypass: true });
          } else if (until.getTime() > Date.now() + 2 * LOCK_SECONDS * 1000) {
            throw new Error(`${v.name} is retained in ${r.mode} mode until ${until.toISOString()}: too long to wait for`);
          }
          last = Math.max(last, until.getTime());
        }
        await new Promise((resolve) => setTimeout(resolve, last - Date.now() + 500));
      },
      async stop() {
        // Best effort: what is still retained in COMPLIANCE mode stays until its (short) retention ends.
        for (const name of made) {
          for (const v of await everyVersion(client, name, '')) await client.removeObject(name, v.name, { versionId: v.versionId, governanceBypass: true }).catch(() => undefined);
          await client.removeBucket(name).catch(() => undefined);
        }
      },
    };
    return backend;
  });
});

