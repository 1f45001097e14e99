import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore } from './blobStore.ts';
import { describeBlobStoreContract, expectCode, sha256 } from './testing/blobStoreContract.ts';
import { HoldSet } from './testing/holdSet.ts';

describeBlobStoreContract('filesystem', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-blobs-'));
  const holds = new HoldSet();
  const store = await createBlobStore({ dataDir }, holds);
  return {
    store,
    holds,
    tempFiles: () => readdir(join(dataDir, 'blobs', 'tmp')),
    teardown: () => rm(dataDir, { recursive: true, force: true }),
  };
});

describe('filesystem blob store', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-blobs-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lays blobs out as blobs/ab/cd/<sha256> with a MIME sidecar', async () => {
    const store = await createBlobStore({ dataDir }, new HoldSet());
    expect(store.kind).toBe('fs');
    const bytes = Buffer.from('Акт приёма-передачи\n');
    const { sha256: sha } = await store.put(bytes);
    const dir = join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4));
    expect((await readdir(dir)).sort()).toEqual([sha, `${sha}.json`]);
    expect(await readFile(join(dir, sha))).toEqual(bytes);
    expect(JSON.parse(await readFile(join(dir, `${sha}.json`), 'utf8'))).toEqual({ mime: 'text/plain' });
    await store.delete(sha);
    expect(await readdir(dir)).toEqual([]);
  });

  it('repairs a damaged copy when the same bytes are put again', async () => {
    const store = await createBlobStore({ dataDir }, new HoldSet());
    const bytes = randomBytes(4096);
    const sha = sha256(bytes);
    await store.put(bytes);
    const path = join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    await writeFile(path, bytes.subarray(0, 100));
    expect((await store.put(bytes)).size).toBe(4096);
    expect(await readFile(path)).toEqual(bytes);
  });

  it('sniffs the content when a sidecar is missing', async () => {
    const store = await createBlobStore({ dataDir }, new HoldSet());
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const { sha256: sha } = await store.put(png);
    await rm(join(dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), `${sha}.json`));
    expect(await store.stat(sha)).toEqual({ sha256: sha, size: png.length, mime: 'image/png' });
  });

  it('purges temp files older than a day on start and keeps younger ones', async () => {
    const tmp = join(dataDir, 'blobs', 'tmp');
    await createBlobStore({ dataDir }, new HoldSet());
    await writeFile(join(tmp, 'old.part'), 'crashed upload');
    await writeFile(join(tmp, 'young.part'), 'upload in progress in another process');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(join(tmp, 'old.part'), twoDaysAgo, twoDaysAgo);
    await createBlobStore({ dataDir }, new HoldSet());
    expect(await readdir(tmp)).toEqual(['young.part']);
  });

  it('fails its health check with STORAGE_UNAVAILABLE when the temp directory is gone', async () => {
    const store = await createBlobStore({ dataDir }, new HoldSet());
    await rm(join(dataDir, 'blobs', 'tmp'), { recursive: true });
    await writeFile(join(dataDir, 'blobs', 'tmp'), 'not a directory');
    await expectCode(store.check(), 'STORAGE_UNAVAILABLE');
    await expectCode(store.put(Buffer.from('x')), 'STORAGE_UNAVAILABLE');
  });

  it('refuses to start on a data directory that cannot hold blobs', async () => {
    await writeFile(join(dataDir, 'blobs'), 'a file where the directory should be');
    await expectCode(createBlobStore({ dataDir }, new HoldSet()), 'STORAGE_UNAVAILABLE');
  });

  it('never creates anything outside its data directory for hostile ids', async () => {
    const store = await createBlobStore({ dataDir }, new HoldSet());
    const outside = join(dataDir, '..', `escape-${randomBytes(4).toString('hex')}`);
    await expectCode(store.delete(`../../../${outside}`), 'BLOB_INVALID_ID');
    await expectCode(store.get(`../../${sha256(Buffer.from('x'))}`), 'BLOB_INVALID_ID');
    expect(existsSync(outside)).toBe(false);
  });
});
