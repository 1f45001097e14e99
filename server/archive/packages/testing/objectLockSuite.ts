// The archive storage root in a bucket with S3 Object Lock, as one suite run against two backends: s3rver with our
// Object Lock emulation (ocflStoreObjectLock.test.ts, always) and a real S3 server with Object Lock
// (ocflStoreObjectLockReal.test.ts, Ceph RGW from scripts/ceph-rgw.sh or MinIO, when S3_ENDPOINT… are set).
// Version files are retained by the storage, an erasure is refused as a whole while anything is retained — the
// object is left intact, nothing staged — and goes through once the retention is over. A legal hold (S3 Object Legal
// Hold) covers every version of an object, new versions written while it holds included, refuses any deletion by
// version id whatever the retention and the governance bypass, and refuses an erasure the same way. Tests only.
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVersion, headFiles, verifyTree } from '../../../../archive/index.ts';
import type { S3Config } from '../../../storage/index.ts';
import type { RetentionMode } from '../../../storage/testing/objectLockShim.ts';
import { openOcflStore, type ObjectLockSettings, type OcflStore } from '../ocflStore.ts';
import { PACKAGE_AGENT } from '../gatherCard.ts';
import { fixturePackageFiles } from '../fixturePackage.ts';

export const DAY = 86_400_000;

export interface LockedBucket {
  s3: S3Config;
  client: Client;
}

export interface ObjectLockBackend {
  /**
   * Retention per version file given to the store (ARCHIVE_S3_LOCK_DAYS) and the bucket's default rule in days. On a
   * real server time cannot be moved, so its per-file retention is seconds long (COMPLIANCE cannot be shortened).
   */
  lockDays: number;
  ruleDays: number;
  /** a new bucket with Object Lock enabled, with the default rule when asked */
  bucket(defaultRule?: RetentionMode): Promise<LockedBucket>;
  /** the retention of a key's current version, as the storage keeps it */
  retention(bucket: LockedBucket, key: string): Promise<{ mode: string; until: Date } | undefined>;
  /** whether a key (its current version, or the version given) is under legal hold, as the storage keeps it */
  legalHold(bucket: LockedBucket, key: string, versionId?: string): Promise<boolean>;
  /** lets every retention under `prefix` run out (fake time on the emulation, real waiting on a server) */
  endRetention(bucket: LockedBucket, prefix: string): Promise<void>;
  stop(): Promise<void>;
}

function sample(id: string, text: string): Map<string, Uint8Array> {
  return fixturePackageFiles(id, text, '2026-11-24T10:00:00Z');
}

async function keys(bucket: LockedBucket, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of bucket.client.listObjectsV2(bucket.s3.bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (item.name) out.push(item.name);
  return out.sort();
}

async function versions(bucket: LockedBucket, key: string): Promise<{ versionId: string; deleteMarker: boolean }[]> {
  const out: { versionId: string; deleteMarker: boolean }[] = [];
  const listing = bucket.client.listObjects(bucket.s3.bucket, key, true, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null; isDeleteMarker?: boolean }>;
  for await (const item of listing) if (item.name === key && item.versionId) out.push({ versionId: item.versionId, deleteMarker: Boolean(item.isDeleteMarker) });
  return out;
}

async function expectSame(store: OcflStore, id: string, files: Map<string, Uint8Array>): Promise<void> {
  const back = await store.read(id);
  expect([...(back ?? new Map<string, Uint8Array>()).keys()].sort()).toEqual([...files.keys()].sort());
  for (const [p, b] of files) expect(Buffer.compare(Buffer.from(back!.get(p)!), Buffer.from(b)), p).toBe(0);
  expect((await verifyTree(store.tree(id))).checks.filter((c) => !c.ok)).toEqual([]);
}

/**
 * An erasure refused as a whole while the object is retained — the object intact, nothing staged — after which the
 * object's retention is let run out. Returns the object's staging prefix.
 */
async function refusedUntilRetentionEnds(
  backend: ObjectLockBackend,
  bucket: LockedBucket,
  store: OcflStore,
  id: string,
  original: Map<string, Uint8Array>,
  single: Map<string, Uint8Array>,
): Promise<string> {
  const staging = `ocfl/replacements/${store.objectPath(id)}/`;
  await expect(store.replace(id, single)).rejects.toMatchObject({ code: 'OCFL_OBJECT_RETAINED' });
  await expectSame(store, id, original);
  expect(await keys(bucket, staging)).toEqual([]);
  await backend.endRetention(bucket, `ocfl/${store.objectPath(id)}/`);
  return staging;
}

function openStore(bucket: LockedBucket, objectLock?: ObjectLockSettings): Promise<OcflStore> {
  return openOcflStore({ dataDir: '/nonexistent', s3: bucket.s3, ...(objectLock ? { objectLock } : {}) });
}

/**
 * `versioned`: whether the bucket keeps object versions — a real Object Lock bucket always does (S3 requires
 * versioning for Object Lock); the emulation cannot (s3rver keeps none).
 */
export function describeOcflObjectLock(name: string, versioned: boolean, makeBackend: () => Promise<ObjectLockBackend>): void {
  let backend: ObjectLockBackend;
  beforeAll(async () => {
    backend = await makeBackend();
  });
  afterAll(() => backend?.stop());

  describe(`${name}: retention set per version file (ARCHIVE_S3_LOCK_DAYS)`, () => {
    let bucket: LockedBucket;
    let store: OcflStore;
    beforeAll(async () => {
      bucket = await backend.bucket();
      store = await openStore(bucket, { days: backend.lockDays, mode: 'COMPLIANCE' });
    });

    it('retains every version file for the configured days, and not the root inventory that each version replaces', async () => {
      const id = 'urn:kartoteka:card:locked-1';
      const v1 = sample(id, 'Первая версия');
      const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
      const before = Date.now();
      await store.write(id, v1);
      await store.write(id, v2);
      await expectSame(store, id, v2);
      const period = backend.lockDays * DAY;
      for (const p of v2.keys()) {
        const r = await backend.retention(bucket, `ocfl/${store.objectPath(id)}/${p}`);
        if (p === 'inventory.json' || p === 'inventory.json.sha512') {
          expect(r, p).toBeUndefined();
          continue;
        }
        expect(r?.mode, p).toBe('COMPLIANCE');
        expect(r!.until.getTime(), p).toBeGreaterThanOrEqual(before + period);
        expect(r!.until.getTime(), p).toBeLessThan(Date.now() + period + 1000);
      }
      if (versioned) {
        // The root inventory was replaced by v2's: the bucket keeps v1's as an earlier version.
        expect((await versions(bucket, `ocfl/${store.objectPath(id)}/inventory.json`)).length).toBe(2);
      }
    });

    it('refuses to erase a retained object without touching it, and erases it once the retention is over', async () => {
      const id = 'urn:kartoteka:card:locked-2';
      const original = sample(id, 'Документ, подлежащий уничтожению');
      await store.write(id, original);
      const single = sample(id, 'Запись об уничтожении');
      const staging = await refusedUntilRetentionEnds(backend, bucket, store, id, original, single);
      const before = Date.now();
      await store.replace(id, single);
      await expectSame(store, id, single);
      expect(await keys(bucket, staging)).toEqual([]);
      // The replacement's own version files are retained in their turn.
      const r = await backend.retention(bucket, `ocfl/${store.objectPath(id)}/v1/inventory.json`);
      expect(r!.until.getTime()).toBeGreaterThanOrEqual(before + backend.lockDays * DAY);
      if (versioned) {
        // Every earlier version of every key went with the erasure, not only the current ones.
        expect(await versions(bucket, `ocfl/${store.objectPath(id)}/inventory.json`)).toHaveLength(1);
      }
    });

    it('erases an object whose stray version files a later writer cleared (delete markers in a versioned bucket)', async () => {
      const id = 'urn:kartoteka:card:locked-3';
      const v1 = sample(id, 'Первая версия');
      const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
      await store.write(id, v1);
      // A writer of v2 that died before its root inventory: its version files are stored, and retained.
      const died = addVersion(v1, { created: '2026-11-25T09:00:00Z', message: 'died', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Не дописанная версия')) });
      const strayStore = await openStore(bucket, { days: backend.lockDays, mode: 'COMPLIANCE' });
      const strayOnly = new Map([...died].filter(([p]) => p.startsWith('v2/')));
      await strayStore.write(id, strayOnly);
      const stray = `ocfl/${store.objectPath(id)}/v2/inventory.json`;
      expect((await backend.retention(bucket, stray))?.mode).toBe('COMPLIANCE');

      await store.write(id, v2);
      await expectSame(store, id, v2);

      await backend.endRetention(bucket, `ocfl/${store.objectPath(id)}/`);
      const single = sample(id, 'Запись об уничтожении');
      await store.replace(id, single);
      await expectSame(store, id, single);
      // The stray version's retained bytes went with the erasure too.
      if (versioned) expect(await versions(bucket, stray)).toEqual([]);
    });

    it('retains per version file in GOVERNANCE mode too, and the archive does not bypass it to erase', async () => {
      const governed = await openStore(bucket, { days: backend.lockDays, mode: 'GOVERNANCE' });
      const id = 'urn:kartoteka:card:locked-5';
      const original = sample(id, 'Документ под управляемым хранением');
      await governed.write(id, original);
      expect((await backend.retention(bucket, `ocfl/${governed.objectPath(id)}/v1/inventory.json`))?.mode).toBe('GOVERNANCE');
      await expect(governed.replace(id, sample(id, 'Запись об уничтожении'))).rejects.toMatchObject({ code: 'OCFL_OBJECT_RETAINED' });
      await expectSame(governed, id, original);
    });

    it('lets nobody shorten a COMPLIANCE retention, and a GOVERNANCE one only with the bypass', async () => {
      const id = 'urn:kartoteka:card:locked-6';
      await store.write(id, sample(id, 'Срок хранения'));
      const key = `ocfl/${store.objectPath(id)}/v1/inventory.json`;
      // The emulation keeps no versions (and cannot list them): there the key is the version.
      const versionOf = async (k: string): Promise<string> => (versioned ? ((await versions(bucket, k))[0]?.versionId ?? '') : '');
      const versionId = await versionOf(key);
      const until = (await backend.retention(bucket, key))!.until;
      const sooner = new Date(until.getTime() - 1000).toISOString();
      const set = (mode: RetentionMode, date: string, governanceBypass = false): Promise<void> =>
        bucket.client.putObjectRetention(bucket.s3.bucket, key, { versionId, mode, retainUntilDate: date, governanceBypass });
      await expect(set('COMPLIANCE', sooner)).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(set('COMPLIANCE', sooner, true)).rejects.toMatchObject({ code: 'AccessDenied' });
      expect((await backend.retention(bucket, key))!.until.getTime()).toBe(until.getTime());

      const governed = await openStore(bucket, { days: backend.lockDays, mode: 'GOVERNANCE' });
      const gid = 'urn:kartoteka:card:locked-7';
      await governed.write(gid, sample(gid, 'Управляемое хранение'));
      const gkey = `ocfl/${governed.objectPath(gid)}/v1/inventory.json`;
      const gversionId = await versionOf(gkey);
      const gset = (date: string, governanceBypass = false): Promise<void> =>
        bucket.client.putObjectRetention(bucket.s3.bucket, gkey, { versionId: gversionId, mode: 'GOVERNANCE', retainUntilDate: date, governanceBypass });
      const gsooner = new Date((await backend.retention(bucket, gkey))!.until.getTime() - 1000);
      await expect(gset(gsooner.toISOString())).rejects.toMatchObject({ code: 'AccessDenied' });
      await gset(gsooner.toISOString(), true);
      expect((await backend.retention(bucket, gkey))!.until.getTime()).toBe(gsooner.getTime());
    });

    if (versioned) {
      it('keeps a retained version when its key is written again or deleted', async () => {
        const id = 'urn:kartoteka:card:locked-4';
        const v1 = sample(id, 'Первая версия');
        await store.write(id, v1);
        const key = `ocfl/${store.objectPath(id)}/v1/inventory.json`;
        const [first] = await versions(bucket, key);
        // What the store never does, done behind its back: the key is overwritten and then deleted.
        await bucket.client.putObject(bucket.s3.bucket, key, Buffer.from('{}'));
        await bucket.client.removeObject(bucket.s3.bucket, key);
        const all = await versions(bucket, key);
        expect(all.map((v) => v.deleteMarker).sort()).toEqual([false, false, true]);
        const kept = (await bucket.client.getObjectRetention(bucket.s3.bucket, key, { versionId: first!.versionId })) as { mode?: string } | null;
        expect(kept?.mode).toBe('COMPLIANCE');
        await expect(bucket.client.removeObject(bucket.s3.bucket, key, { versionId: first!.versionId })).rejects.toMatchObject({ code: 'AccessDenied' });
        const bytes: Buffer[] = [];
        for await (const c of await bucket.client.getObject(bucket.s3.bucket, key, { versionId: first!.versionId })) bytes.push(c as Buffer);
        expect(Buffer.compare(Buffer.concat(bytes), Buffer.from(v1.get('v1/inventory.json')!))).toBe(0);
      });
    }
  });

  describe(`${name}: legal holds (S3 Object Legal Hold)`, () => {
    let bucket: LockedBucket;
    let store: OcflStore;
    beforeAll(async () => {
      // No retention at all: whatever keeps these objects is the legal hold.
      bucket = await backend.bucket();
      store = await openStore(bucket);
    });

    /** every stored version of every key of the object, with its legal hold */
    async function holds(id: string): Promise<{ key: string; versionId?: string; held: boolean }[]> {
      const prefix = `ocfl/${store.objectPath(id)}/`;
      const out: { key: string; versionId?: string; held: boolean }[] = [];
      if (versioned) {
        for (const key of await keys(bucket, prefix)) {
          for (const v of await versions(bucket, key)) if (!v.deleteMarker) out.push({ key, versionId: v.versionId, held: await backend.legalHold(bucket, key, v.versionId) });
        }
      } else {
        for (const key of await keys(bucket, prefix)) out.push({ key, held: await backend.legalHold(bucket, key) });
      }
      return out;
    }

    it('holds every version of an object, refuses any deletion of a held version (bypass or not) and the erasure, holds the versions written meanwhile, and lets go when lifted', async () => {
      expect(store.legalHolds).toEqual({ supported: true });
      const id = 'urn:kartoteka:card:held-1';
      const v1 = sample(id, 'Документ по судебному спору');
      const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
      await store.write(id, v1);
      await store.write(id, v2);
      expect((await holds(id)).every((h) => !h.held)).toBe(true);

      const set = await store.setLegalHold(id, true);
      const afterSet = await holds(id);
      // The root inventory replaced by v2 is an earlier version in a versioned bucket: held too.
      expect(afterSet).toHaveLength(versioned ? v2.size + 2 : v2.size);
      expect(set).toBe(afterSet.length);
      expect(afterSet.filter((h) => !h.held)).toEqual([]);

      // Someone with the bucket's credentials, bypassing the archive: a held version is not deleted, even by an
      // administrator's governance bypass. (The emulation keeps no versions: there the key is the version.)
      const key = `ocfl/${store.objectPath(id)}/v1/inventory.json`;
      const versionId = versioned ? ((await versions(bucket, key))[0]?.versionId ?? '') : 'null';
      await expect(bucket.client.removeObject(bucket.s3.bucket, key, { versionId, governanceBypass: true })).rejects.toMatchObject({ code: 'AccessDenied' });
      const refused = (await bucket.client.removeObjects(bucket.s3.bucket, [{ name: key, versionId }])) as unknown as { Code?: string }[];
      expect(refused.map((r) => r.Code)).toEqual(['AccessDenied']);

      const single = sample(id, 'Запись об уничтожении');
      const staging = `ocfl/replacements/${store.objectPath(id)}/`;
      await expect(store.replace(id, single)).rejects.toMatchObject({ code: 'OCFL_OBJECT_RETAINED', message: expect.stringMatching(/legal hold/) });
      await expectSame(store, id, v2);
      expect(await keys(bucket, staging)).toEqual([]);

      // A version written while the object is held (an evidence record, a rebuild) is held from its PUT on.
      const v3 = addVersion(v2, { created: '2026-11-25T11:00:00Z', message: 'evidence', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Третья версия')) });
      await store.write(id, v3);
      const afterV3 = await holds(id);
      expect(afterV3.filter((h) => h.key.includes('/v3/')).length).toBeGreaterThan(0);
      expect(afterV3.filter((h) => !h.held)).toEqual([]);

      expect(await store.setLegalHold(id, false)).toBe(afterV3.length);
      expect((await holds(id)).filter((h) => h.held)).toEqual([]);
      await store.replace(id, single);
      await expectSame(store, id, single);
      // The held version went with the erasure once free (the key now holds the destruction record's v1).
      if (versioned) expect((await versions(bucket, key)).map((v) => v.versionId)).not.toContain(versionId);
    });

    it('creates an object under legal hold when asked, and an object not held stays free', async () => {
      const id = 'urn:kartoteka:card:held-2';
      await store.write(id, sample(id, 'Поступил в дело под запретом'), { legalHold: true });
      const created = await holds(id);
      expect(created.length).toBeGreaterThan(0);
      expect(created.filter((h) => !h.held)).toEqual([]);
      const free = 'urn:kartoteka:card:held-3';
      await store.write(free, sample(free, 'Дело без запрета'), { legalHold: false });
      expect((await holds(free)).filter((h) => h.held)).toEqual([]);
      expect(await store.setLegalHold(id, false)).toBe(created.length);
      expect((await holds(id)).filter((h) => h.held)).toEqual([]);
    });
  });

  describe(`${name}: the bucket's default retention rule`, () => {
    let bucket: LockedBucket;
    let store: OcflStore;
    beforeAll(async () => {
      bucket = await backend.bucket('GOVERNANCE');
      store = await openStore(bucket);
    });

    it('refuses an erasure while the rule retains the object; afterwards erases it, and the retained staged copy is left until its own retention ends', async () => {
      const id = 'urn:kartoteka:card:ruled-1';
      const original = sample(id, 'Документ, подлежащий уничтожению');
      await store.write(id, original);
      expect((await backend.retention(bucket, `ocfl/${store.objectPath(id)}/inventory.json`))?.mode).toBe('GOVERNANCE');
      const single = sample(id, 'Запись об уничтожении');
      const staging = await refusedUntilRetentionEnds(backend, bucket, store, id, original, single);
      await store.replace(id, single);
      await expectSame(store, id, single);
      // The staged copy was retained from its PUT: it stays, and finishing the replacement again changes nothing.
      expect((await keys(bucket, staging)).length).toBeGreaterThan(0);
      await store.finishReplace(id);
      await expectSame(store, id, single);

      await backend.endRetention(bucket, staging);
      await store.finishReplace(id);
      expect(await keys(bucket, staging)).toEqual([]);
      await expectSame(store, id, single);
    });
  });
}
