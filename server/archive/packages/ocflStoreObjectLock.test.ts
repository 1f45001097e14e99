// The archive storage root in a bucket with S3 Object Lock (s3rver with the Object Lock emulation, objectLockShim.ts):
// version files are retained by the storage, an erasure is refused as a whole while anything is retained — the
// object is left intact, nothing staged — and goes through once the retention is over.
import { Client } from 'minio';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addVersion, headFiles, verifyTree } from '../../../archive/index.ts';
import { startS3rver, type RunningS3rver } from '../../storage/testing/startS3rver.ts';
import { parseS3Endpoint } from '../../storage/s3Endpoint.ts';
import { openOcflStore, type OcflStore } from './ocflStore.ts';
import { PACKAGE_AGENT } from './gatherCard.ts';
import { fixturePackageFiles } from './fixturePackage.ts';

const DAY = 86_400_000;

function sample(id: string, text: string): Map<string, Uint8Array> {
  return fixturePackageFiles(id, text, '2026-11-24T10:00:00Z');
}

async function keys(client: Client, bucket: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of client.listObjectsV2(bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (item.name) out.push(item.name);
  return out.sort();
}

async function expectSame(store: OcflStore, id: string, files: Map<string, Uint8Array>): Promise<void> {
  const back = await store.read(id);
  expect([...(back ?? new Map<string, Uint8Array>()).keys()].sort()).toEqual([...files.keys()].sort());
  for (const [p, b] of files) expect(Buffer.compare(Buffer.from(back!.get(p)!), Buffer.from(b)), p).toBe(0);
  expect((await verifyTree(store.tree(id))).checks.filter((c) => !c.ok)).toEqual([]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('OCFL storage root in an Object Lock bucket, retention set per version file (ARCHIVE_S3_LOCK_DAYS)', () => {
  let s3: RunningS3rver;
  let client: Client;
  let store: OcflStore;
  beforeAll(async () => {
    s3 = await startS3rver({ objectLock: { bucket: 'locked' } });
    client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region: 'us-east-1', pathStyle: true });
    store = await openOcflStore({ dataDir: '/nonexistent', s3: { endpoint: s3.endpoint, bucket: 'locked', accessKey: s3.accessKey, secretKey: s3.secretKey }, objectLock: { days: 30, mode: 'COMPLIANCE' } });
  });
  afterAll(() => s3.stop());

  it('retains every version file for the configured days, and not the root inventory that each version replaces', async () => {
    const id = 'urn:kartoteka:card:locked-1';
    const v1 = sample(id, 'Первая версия');
    const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
    const before = Date.now();
    await store.write(id, v1);
    await store.write(id, v2);
    await expectSame(store, id, v2);
    for (const p of v2.keys()) {
      const r = s3.objectLock!.retention(`ocfl/${store.objectPath(id)}/${p}`);
      if (p === 'inventory.json' || p === 'inventory.json.sha512') {
        expect(r, p).toBeUndefined();
        continue;
      }
      expect(r?.mode, p).toBe('COMPLIANCE');
      expect(r!.until.getTime(), p).toBeGreaterThanOrEqual(before + 30 * DAY);
      expect(r!.until.getTime(), p).toBeLessThan(Date.now() + 30 * DAY + 1000);
    }
  });

  it('refuses to erase a retained object without touching it, and erases it once the retention is over', async () => {
    const id = 'urn:kartoteka:card:locked-2';
    const original = sample(id, 'Документ, подлежащий уничтожению');
    await store.write(id, original);
    const single = sample(id, 'Запись об уничтожении');

    await expect(store.replace(id, single)).rejects.toMatchObject({ code: 'OCFL_OBJECT_RETAINED' });
    await expectSame(store, id, original);
    expect(await keys(client, 'locked', `ocfl/replacements/${store.objectPath(id)}/`)).toEqual([]);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31 * DAY });
    await store.replace(id, single);
    await expectSame(store, id, single);
    expect(await keys(client, 'locked', `ocfl/replacements/${store.objectPath(id)}/`)).toEqual([]);
    // The replacement's own version files are retained in their turn.
    expect(s3.objectLock!.retention(`ocfl/${store.objectPath(id)}/v1/inventory.json`)!.until.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });
});

describe('OCFL storage root in a bucket with a default retention rule', () => {
  let s3: RunningS3rver;
  let client: Client;
  let store: OcflStore;
  beforeAll(async () => {
    s3 = await startS3rver({ objectLock: { bucket: 'ruled', defaultRetention: { mode: 'GOVERNANCE', days: 10 } } });
    client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region: 'us-east-1', pathStyle: true });
    store = await openOcflStore({ dataDir: '/nonexistent', s3: { endpoint: s3.endpoint, bucket: 'ruled', accessKey: s3.accessKey, secretKey: s3.secretKey } });
  });
  afterAll(() => s3.stop());

  it('refuses an erasure while the rule retains the object; afterwards erases it, and the retained staged copy is left until its own retention ends', async () => {
    const id = 'urn:kartoteka:card:ruled-1';
    const original = sample(id, 'Документ, подлежащий уничтожению');
    await store.write(id, original);
    expect(s3.objectLock!.retention(`ocfl/${store.objectPath(id)}/inventory.json`)?.mode).toBe('GOVERNANCE');
    const single = sample(id, 'Запись об уничтожении');
    const staging = `ocfl/replacements/${store.objectPath(id)}/`;

    await expect(store.replace(id, single)).rejects.toMatchObject({ code: 'OCFL_OBJECT_RETAINED' });
    await expectSame(store, id, original);
    expect(await keys(client, 'ruled', staging)).toEqual([]);

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * DAY });
    await store.replace(id, single);
    await expectSame(store, id, single);
    // The staged copy was retained from its PUT: it stays, and finishing the replacement again changes nothing.
    expect((await keys(client, 'ruled', staging)).length).toBeGreaterThan(0);
    await store.finishReplace(id);
    await expectSame(store, id, single);

    vi.setSystemTime(Date.now() + 11 * DAY);
    await store.finishReplace(id);
    expect(await keys(client, 'ruled', staging)).toEqual([]);
    await expectSame(store, id, single);
  });
});
