// The archive storage root on the filesystem and on S3 (in-process s3rver; a real server when S3_ENDPOINT… are set, in a
// versioned bucket of its own): an object and its next version are stored and read back byte for byte, verify as a
// package, and an existing version is never changed.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVersion, headFiles, verifyTree, writeObjectToDir } from '../../../archive/index.ts';
import { startS3rver, type RunningS3rver } from '../../storage/testing/startS3rver.ts';
import { parseS3Endpoint } from '../../storage/s3Endpoint.ts';
import { openOcflStore, type OcflStore } from './ocflStore.ts';
import { PACKAGE_AGENT } from './gatherCard.ts';
import { fixturePackageFiles } from './fixturePackage.ts';

const enc = new TextEncoder();

function sample(id: string, text: string): Map<string, Uint8Array> {
  return fixturePackageFiles(id, text, '2026-11-24T10:00:00Z');
}

interface Opened {
  store: OcflStore;
  /** writes a file inside an object behind the store's back, as a writer that died half-way would have left it */
  plant(id: string, path: string, bytes: Uint8Array): Promise<void>;
  /** leaves what `replace` leaves when the process dies after erasing the object and before writing the new one */
  crashMidReplace(id: string, files: Map<string, Uint8Array>): Promise<void>;
  close(): Promise<void>;
}

function contract(name: string, open: () => Promise<Opened>): void {
  describe(name, () => {
    let store: OcflStore;
    let plant: Opened['plant'];
    let crashMidReplace: Opened['crashMidReplace'];
    let close = async (): Promise<void> => undefined;
    beforeAll(async () => {
      const opened = await open();
      store = opened.store;
      plant = opened.plant;
      crashMidReplace = opened.crashMidReplace;
      close = opened.close;
    });
    afterAll(() => close());

    it('writes an object, reads it back unchanged, and it verifies as a package', async () => {
      const id = 'urn:kartoteka:card:contract-1';
      expect(await store.read(id)).toBeNull();
      const files = sample(id, 'Первая версия');
      await store.write(id, files);
      const back = await store.read(id);
      expect([...(back ?? new Map()).keys()].sort()).toEqual([...files.keys()].sort());
      for (const [p, b] of files) expect(Buffer.compare(Buffer.from(back!.get(p)!), Buffer.from(b)), p).toBe(0);
      const result = await verifyTree(store.tree(id));
      expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    });

    it('mirrors no legal hold without Object Lock: a held write is an ordinary write, and setting a hold sets nothing', async () => {
      expect(store.legalHolds).toEqual({ supported: false, reason: store.kind === 'fs' ? 'filesystem' : 'no-object-lock' });
      const id = 'urn:kartoteka:card:contract-held';
      const files = sample(id, 'Дело под запретом');
      await store.write(id, files, { legalHold: true });
      expect(await store.setLegalHold(id, true)).toBe(0);
      await store.replace(id, sample(id, 'Запись об уничтожении'));
      expect((await store.read(id))?.size).toBeGreaterThan(0);
    });

    it('adds a version without touching the first, and refuses to change an existing version file', async () => {
      const id = 'urn:kartoteka:card:contract-2';
      const v1 = sample(id, 'Первая версия');
      await store.write(id, v1);
      const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
      await store.write(id, v2);
      const back = await store.read(id);
      expect(JSON.parse(new TextDecoder().decode(back!.get('inventory.json'))).head).toBe('v2');
      expect(Buffer.compare(Buffer.from(back!.get('v1/inventory.json')!), Buffer.from(v1.get('v1/inventory.json')!))).toBe(0);
      const forged = new Map(v2);
      forged.set('v1/content/representations/rep-original/письмо.txt', enc.encode('подмена'));
      await expect(store.write(id, forged)).rejects.toMatchObject({ code: 'OCFL_VERSION_IMMUTABLE' });
      expect((await verifyTree(store.tree(id))).valid).toBe(true);
    });

    it('clears a version a failed writer left above the stored head, so the retry writes its own', async () => {
      const id = 'urn:kartoteka:card:contract-3';
      const v1 = sample(id, 'Первая версия');
      await store.write(id, v1);
      await plant(id, 'v2/content/representations/rep-original/письмо.txt', enc.encode('недописанная версия'));
      const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
      await store.write(id, v2);
      expect((await verifyTree(store.tree(id))).checks.filter((c) => !c.ok)).toEqual([]);
      expect(JSON.parse(new TextDecoder().decode((await store.read(id))!.get('inventory.json'))).head).toBe('v2');
    });

    it('replaces an object as a whole (erasing destroyed documents): no earlier version is left', async () => {
      const id = 'urn:kartoteka:card:contract-4';
      const v1 = sample(id, 'Документ, подлежащий уничтожению');
      const v2 = addVersion(v1, { created: '2026-11-25T10:00:00Z', message: 'update', user: PACKAGE_AGENT, files: headFiles(sample(id, 'Вторая версия')) });
      await store.write(id, v2);
      const single = sample(id, 'Запись об уничтожении');
      await store.replace(id, single);
      const back = await store.read(id);
      expect([...back!.keys()].sort()).toEqual([...single.keys()].sort());
      for (const [p, b] of back!) expect(Buffer.from(b).includes(Buffer.from('подлежащий уничтожению')), p).toBe(false);
      expect((await verifyTree(store.tree(id))).checks.filter((c) => !c.ok)).toEqual([]);
    });

    it('finishes a replacement the process died in the middle of', async () => {
      const id = 'urn:kartoteka:card:contract-5';
      await store.write(id, sample(id, 'Старый документ'));
      const single = sample(id, 'Запись об уничтожении');
      await crashMidReplace(id, single);
      await store.finishReplace(id);
      const back = await store.read(id);
      expect([...back!.keys()].sort()).toEqual([...single.keys()].sort());
      expect((await verifyTree(store.tree(id))).checks.filter((c) => !c.ok)).toEqual([]);
    });
  });
}

contract('OCFL storage root on the filesystem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kartoteka-ocfl-'));
  const store = await openOcflStore({ dataDir: dir });
  return {
    store,
    async plant(id, path, bytes) {
      const target = join(dir, 'ocfl', store.objectPath(id), path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    },
    async crashMidReplace(id, files) {
      const objectDir = join(dir, 'ocfl', store.objectPath(id));
      await writeObjectToDir(`${objectDir}.replacement`, files);
      await rm(objectDir, { recursive: true, force: true });
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

async function openS3(config: { endpoint: string; bucket: string; accessKey: string; secretKey: string; region?: string }, close: () => Promise<void>): Promise<Opened> {
  const store = await openOcflStore({ dataDir: '/nonexistent', s3: config, s3Prefix: 'ocfl' });
  expect(store.kind).toBe('s3');
  const { bucket } = config;
  const client = new Client({ ...parseS3Endpoint(config.endpoint), accessKey: config.accessKey, secretKey: config.secretKey, region: config.region ?? 'us-east-1', pathStyle: true });
  return {
    store,
    plant: async (id, path, bytes) => {
      await client.putObject(bucket, `ocfl/${store.objectPath(id)}/${path}`, Buffer.from(bytes));
    },
    crashMidReplace: async (id, files) => {
      for (const [p, b] of files) await client.putObject(bucket, `ocfl/replacements/${store.objectPath(id)}/${p}`, Buffer.from(b));
      await client.putObject(bucket, `ocfl/replacements/${store.objectPath(id)}/STAGED-COMPLETE`, Buffer.from('complete\n'));
      const keys: string[] = [];
      for await (const item of client.listObjectsV2(bucket, `ocfl/${store.objectPath(id)}/`, true) as AsyncIterable<{ name?: string }>) if (item.name) keys.push(item.name);
      await client.removeObjects(bucket, keys);
    },
    close,
  };
}

contract('OCFL storage root under an S3 prefix (s3rver)', async () => {
  const s3: RunningS3rver = await startS3rver();
  return openS3({ endpoint: s3.endpoint, bucket: 'archive', accessKey: s3.accessKey, secretKey: s3.secretKey }, () => s3.stop());
});

const { S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION } = process.env;
const realS3 = Boolean(S3_ENDPOINT && S3_ACCESS_KEY && S3_SECRET_KEY);
if (!realS3) console.warn('server/archive/packages: OCFL storage root on a real S3 server skipped: set S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY to run it');

describe.skipIf(!realS3)('real S3', () => {
  // A versioned bucket of its own: what a plain DELETE leaves there (earlier versions, delete markers) must not
  // survive an erasure.
  contract(`OCFL storage root in a versioned bucket on ${S3_ENDPOINT ?? '(not configured)'}`, async () => {
    const region = S3_REGION ?? 'us-east-1';
    const config = { endpoint: S3_ENDPOINT ?? '', bucket: `kartoteka-ocfl-${randomBytes(6).toString('hex')}`, accessKey: S3_ACCESS_KEY ?? '', secretKey: S3_SECRET_KEY ?? '', region };
    const client = new Client({ ...parseS3Endpoint(config.endpoint), accessKey: config.accessKey, secretKey: config.secretKey, region, pathStyle: true });
    await client.makeBucket(config.bucket, region);
    await client.setBucketVersioning(config.bucket, { Status: 'Enabled' });
    return openS3(config, async () => {
      const versions: { name: string; versionId: string }[] = [];
      for await (const item of client.listObjects(config.bucket, '', true, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null }>) {
        if (item.name && item.versionId) versions.push({ name: item.name, versionId: item.versionId });
      }
      await client.removeObjects(config.bucket, versions);
      await client.removeBucket(config.bucket);
    });
  });
});
