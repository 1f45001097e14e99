import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from './blobStore.ts';
import { parseS3Endpoint } from './s3Endpoint.ts';
import { describeBlobStoreContract, expectCode, readAll, sha256 } from './testing/blobStoreContract.ts';
import { HoldSet } from './testing/holdSet.ts';

// The same contract against a real S3 service (Ceph RGW from scripts/ceph-rgw.sh in CI, MinIO, production staging). Fixtures carry a
// random salt and only blobs created by the suite are deleted, so a shared bucket is safe.
const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION } = process.env;

const configured = Boolean(S3_ENDPOINT && S3_BUCKET && S3_ACCESS_KEY && S3_SECRET_KEY);
const s3 = { endpoint: S3_ENDPOINT ?? '', bucket: S3_BUCKET ?? '', accessKey: S3_ACCESS_KEY ?? '', secretKey: S3_SECRET_KEY ?? '', ...(S3_REGION ? { region: S3_REGION } : {}) };
if (!configured) {
  console.warn(
    S3_ENDPOINT
      ? 'server/storage: real S3 contract skipped: S3_ENDPOINT is set but S3_BUCKET, S3_ACCESS_KEY or S3_SECRET_KEY is missing'
      : 'server/storage: real S3 contract skipped: set S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY to run it against MinIO/S3',
  );
}

describe.skipIf(!configured)('BlobStore contract: real S3', () => {
  describeBlobStoreContract(`S3 at ${S3_ENDPOINT ?? '(not configured)'}`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-s3-real-'));
    const holds = new HoldSet();
    const store = await createBlobStore({ dataDir, s3 }, holds);
    return {
      store,
      holds,
      tempFiles: () => readdir(join(dataDir, 'tmp', 'blob-upload')),
      teardown: () => rm(dataDir, { recursive: true, force: true }),
    };
  });
});

describe.skipIf(!configured)('S3 blob store on a real server', () => {
  let dataDir: string;
  let store: BlobStore;
  let client: Client;
  const created: string[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-s3-real-'));
    store = await createBlobStore({ dataDir, s3 }, new HoldSet());
    client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region ?? 'us-east-1', pathStyle: true });
  });
  afterAll(async () => {
    for (const sha of created) await store.delete(sha);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uploads a 17 MiB blob in parts, with its MIME and digest on the object, and reads ranges across the part boundary', async () => {
    const big = randomBytes(17 * 1024 * 1024 + 123);
    const info = await store.put(big);
    created.push(info.sha256);
    expect(info).toEqual({ sha256: sha256(big), size: big.length, mime: 'application/octet-stream' });
    const stat = await client.statObject(s3.bucket, `${info.sha256.slice(0, 2)}/${info.sha256.slice(2, 4)}/${info.sha256}`);
    // A multipart object's ETag is the digest of its parts' digests, suffixed with their count: 16 MiB parts, two.
    expect(stat.etag).toMatch(/-2$/);
    expect(stat.metaData['content-type']).toBe('application/octet-stream');
    expect(stat.metaData['sha256']).toBe(info.sha256);
    const boundary = 16 * 1024 * 1024;
    expect(await readAll(await store.get(info.sha256, { start: boundary - 10, end: boundary + 9 }))).toEqual(big.subarray(boundary - 10, boundary + 10));
    expect(sha256(await readAll(await store.get(info.sha256)))).toBe(info.sha256);
  });
});

describe.skipIf(!configured)('S3 blob store in a versioned bucket and under Object Lock (real server)', () => {
  let dataDir: string;
  let client: Client;
  const buckets: string[] = [];
  const region = s3.region ?? 'us-east-1';

  async function versionsOf(bucket: string, key: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const item of client.listObjects(bucket, key, false, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null }>) {
      if (item.name === key && item.versionId) ids.push(item.versionId);
    }
    return ids;
  }

  async function storeIn(prepare: (bucket: string) => Promise<void>): Promise<{ store: BlobStore; bucket: string }> {
    const bucket = `kartoteka-blobs-${randomBytes(6).toString('hex')}`;
    await prepare(bucket);
    buckets.push(bucket);
    return { store: await createBlobStore({ dataDir, s3: { ...s3, bucket } }, new HoldSet()), bucket };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-s3-real-'));
    client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region, pathStyle: true });
  });
  afterAll(async () => {
    for (const bucket of buckets) {
      for await (const item of client.listObjects(bucket, '', true, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null }>) {
        if (item.name) await client.removeObject(bucket, item.name, { ...(item.versionId ? { versionId: item.versionId } : {}), governanceBypass: true }).catch(() => undefined);
      }
      await client.removeBucket(bucket).catch(() => undefined);
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('deletes every stored version of a blob, not only the current one, and leaves no health probe behind', async () => {
    const { store, bucket } = await storeIn(async (name) => {
      await client.makeBucket(name, region);
      await client.setBucketVersioning(name, { Status: 'Enabled' });
    });
    const bytes = randomBytes(4096);
    const { sha256: sha } = await store.put(bytes);
    const key = `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
    await store.delete(sha);
    await store.put(bytes);
    expect((await versionsOf(bucket, key)).length).toBeGreaterThan(0);
    await store.delete(sha);
    expect(await versionsOf(bucket, key)).toEqual([]);
    expect(await store.stat(sha)).toBeNull();
    await store.check();
    const left: string[] = [];
    for await (const item of client.listObjects(bucket, '.health/', true, { IncludeVersion: true }) as AsyncIterable<{ name?: string }>) if (item.name) left.push(item.name);
    expect(left).toEqual([]);
  });

  it('refuses to delete a blob the bucket retains (Object Lock default rule): BLOB_RETENTION_HOLD, the blob still there', async () => {
    const { store } = await storeIn(async (name) => {
      await client.makeBucket(name, region, { ObjectLocking: true });
      await client.setObjectLockConfig(name, { mode: 'GOVERNANCE', unit: 'Days', validity: 1 });
    });
    const bytes = randomBytes(4096);
    const info = await store.put(bytes);
    await expectCode(store.delete(info.sha256), 'BLOB_RETENTION_HOLD');
    expect(await store.stat(info.sha256)).toEqual(info);
    expect(await readAll(await store.get(info.sha256))).toEqual(bytes);
  });
});
