import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from './blobStore.ts';
import { parseS3Endpoint } from './s3Endpoint.ts';
import { describeBlobStoreContract, expectCode, readAll, sha256 } from './testing/blobStoreContract.ts';
import { HoldSet } from './testing/holdSet.ts';
import { startS3rver, type RunningS3rver } from './testing/startS3rver.ts';

describeBlobStoreContract('S3 on s3rver', async () => {
  const s3 = await startS3rver();
  const dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-s3-spool-'));
  const holds = new HoldSet();
  const store = await createBlobStore(
    { dataDir, s3: { endpoint: s3.endpoint, bucket: 'contract', accessKey: s3.accessKey, secretKey: s3.secretKey } },
    holds,
  );
  return {
    store,
    holds,
    tempFiles: () => readdir(join(dataDir, 'tmp', 'blob-upload')),
    async teardown() {
      await s3.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('S3 blob store on s3rver', () => {
  let s3: RunningS3rver;
  let dataDir = '';
  let store: BlobStore;
  let client: Client;
  const bucket = 'kartoteka-blobs';

  beforeAll(async () => {
    s3 = await startS3rver();
    dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-s3-spool-'));
    client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region: 'us-east-1', pathStyle: true });
    store = await createBlobStore({ dataDir, s3: { endpoint: s3.endpoint, bucket, accessKey: s3.accessKey, secretKey: s3.secretKey } }, new HoldSet());
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates its bucket when missing and keeps an existing one', async () => {
    expect(store.kind).toBe('s3');
    expect(await client.bucketExists(bucket)).toBe(true);
    const { sha256: sha } = await store.put(Buffer.from('kept'));
    const again = await createBlobStore({ dataDir, s3: { endpoint: s3.endpoint, bucket, accessKey: s3.accessKey, secretKey: s3.secretKey } }, new HoldSet());
    expect(await again.stat(sha)).not.toBeNull();
  });

  it('uploads a 17 MiB blob in parts and reads ranges across the part boundary', async () => {
    const big = randomBytes(17 * 1024 * 1024 + 123);
    const before = s3.requests.length;
    const info = await store.put(big);
    const calls = s3.requests.slice(before);
    expect(info).toEqual({ sha256: sha256(big), size: big.length, mime: 'application/octet-stream' });
    // minio lists in-progress uploads (the shim's call), initiates, sends two parts, completes.
    expect(calls.filter((call) => call.startsWith(`GET /${bucket}?`) && call.includes('uploads'))).toHaveLength(1);
    expect(calls.filter((call) => call.startsWith('POST ') && call.endsWith('?uploads'))).toHaveLength(1);
    expect(calls.filter((call) => call.startsWith('PUT ') && call.endsWith('?partNumber&uploadId'))).toHaveLength(2);
    const boundary = 16 * 1024 * 1024;
    expect(await readAll(await store.get(info.sha256, { start: boundary - 10, end: boundary + 9 }))).toEqual(big.subarray(boundary - 10, boundary + 10));
    expect(sha256(await readAll(await store.get(info.sha256)))).toBe(info.sha256);
    expect(await store.stat(info.sha256)).toEqual(info);
  });

  it('stores objects at ab/cd/<sha256> with the MIME as Content-Type and the digest as metadata', async () => {
    const { sha256: sha } = await store.put(Buffer.from('Опись дел № 1\n'));
    const stat = await client.statObject(bucket, `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`);
    expect(stat.metaData['content-type']).toBe('text/plain');
    expect(stat.metaData['sha256']).toBe(sha);
  });

  it('does not upload bytes that are already stored', async () => {
    const bytes = randomBytes(2048);
    await store.put(bytes);
    const before = s3.requests.length;
    await store.put(bytes);
    expect(s3.requests.slice(before).filter((call) => call.startsWith('PUT '))).toEqual([]);
  });

  it('leaves no object behind after a refused or failed put', async () => {
    const listKeys = async (): Promise<string[]> => {
      const keys: string[] = [];
      for await (const item of client.listObjectsV2(bucket, '', true)) if (item.name) keys.push(item.name);
      return keys.sort();
    };
    const keysBefore = await listKeys();
    await expectCode(store.put(randomBytes(5000), { maxBytes: 4999 }), 'BLOB_TOO_LARGE');
    await expect(
      store.put(
        (async function* () {
          yield randomBytes(1000);
          throw new Error('aborted upload');
        })(),
      ),
    ).rejects.toThrow('aborted upload');
    await store.check();
    expect(await listKeys()).toEqual(keysBefore);
  });

  it('reports STORAGE_UNAVAILABLE once the endpoint goes away', async () => {
    const closed = await startS3rver();
    const local = await createBlobStore({ dataDir, s3: { endpoint: closed.endpoint, bucket: 'gone', accessKey: closed.accessKey, secretKey: closed.secretKey } }, new HoldSet());
    await local.check();
    await closed.stop();
    await expectCode(local.check(), 'STORAGE_UNAVAILABLE');
    await expectCode(local.put(Buffer.from('nowhere to go')), 'STORAGE_UNAVAILABLE');
    expect(await readdir(join(dataDir, 'tmp', 'blob-upload'))).toEqual([]);
  });

  it('refuses to start when the endpoint does not answer', async () => {
    const port = await freePort();
    await expectCode(
      createBlobStore({ dataDir, s3: { endpoint: `http://127.0.0.1:${port}`, bucket, accessKey: 'x', secretKey: 'y' } }, new HoldSet()),
      'STORAGE_UNAVAILABLE',
    );
  });

  it('refuses an unknown access key at start', async () => {
    await expectCode(
      createBlobStore({ dataDir, s3: { endpoint: s3.endpoint, bucket: 'other', accessKey: 'NOBODY', secretKey: 'wrong' } }, new HoldSet()),
      'STORAGE_UNAVAILABLE',
    );
  });
});

describe('S3 endpoint parsing', () => {
  it.each([
    ['http://127.0.0.1:9000', { endPoint: '127.0.0.1', port: 9000, useSSL: false }],
    ['https://storage.yandexcloud.net', { endPoint: 'storage.yandexcloud.net', useSSL: true }],
    ['minio.internal:9000', { endPoint: 'minio.internal', port: 9000, useSSL: true }],
    ['http://[::1]:9000/', { endPoint: '::1', port: 9000, useSSL: false }],
  ])('reads %s', (endpoint, expected) => {
    expect(parseS3Endpoint(endpoint)).toEqual(expected);
  });

  it.each(['ftp://host', 'http://host/bucket', 'http://user:pass@host', 'http://'])('refuses %s', (endpoint) => {
    expect(() => parseS3Endpoint(endpoint)).toThrow(expect.objectContaining({ code: 'STORAGE_UNAVAILABLE' }));
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
