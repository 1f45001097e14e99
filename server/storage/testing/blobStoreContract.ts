import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore, ByteRange } from '../blobStore.ts';
import { StorageError, type StorageErrorCode } from '../storageError.ts';
import { mimeFixtures } from './fixtures.ts';
import { HoldSet } from './holdSet.ts';

export interface ContractHarness {
  store: BlobStore;
  holds: HoldSet;
  /** Leftover temp files of the store (fs temp dir, S3 upload spool). */
  tempFiles(): Promise<string[]>;
  teardown(): Promise<void>;
}

/** The behaviour every BlobStore must share, run against each implementation. */
export function describeBlobStoreContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h?.teardown();
    });

    it('stores bytes under their SHA-256 and returns them unchanged', async () => {
      const bytes = randomBytes(200_000);
      const info = await h.store.put(bytes);
      expect(info).toEqual({ sha256: sha256(bytes), size: bytes.length, mime: 'application/octet-stream' });
      expect(await readAll(await h.store.get(info.sha256))).toEqual(bytes);
      expect(await h.store.stat(info.sha256)).toEqual(info);
    });

    it('accepts a Node stream, an async iterable and a string-mode stream', async () => {
      const parts = [randomBytes(70_000), randomBytes(1), randomBytes(65_536)];
      const whole = Buffer.concat(parts);
      const fromStream = await h.store.put(Readable.from(parts));
      const fromIterable = await h.store.put(
        (async function* () {
          yield* parts;
        })(),
      );
      expect(fromStream.sha256).toBe(sha256(whole));
      expect(fromIterable).toEqual(fromStream);
      const text = `Резолюция ${randomBytes(4).toString('hex')}`;
      const fromStrings = await h.store.put(Readable.from([text.slice(0, 5), text.slice(5)], { objectMode: true }));
      expect(fromStrings).toEqual({ sha256: sha256(Buffer.from(text)), size: Buffer.byteLength(text), mime: 'text/plain' });
    });

    it('is idempotent: the same bytes twice give one blob and the same info', async () => {
      const bytes = randomBytes(10_000);
      const first = await h.store.put(bytes);
      const second = await h.store.put(Readable.from([bytes]));
      const [third, fourth] = await Promise.all([h.store.put(bytes), h.store.put(bytes)]);
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect(fourth).toEqual(first);
      expect(await readAll(await h.store.get(first.sha256))).toEqual(bytes);
      expect(await h.tempFiles()).toEqual([]);
    });

    it('stores an empty blob', async () => {
      const info = await h.store.put(new Uint8Array(0));
      expect(info.sha256).toBe(sha256(Buffer.alloc(0)));
      expect(info.size).toBe(0);
      expect((await readAll(await h.store.get(info.sha256))).length).toBe(0);
      await expectCode(h.store.get(info.sha256, { start: 0 }), 'BLOB_RANGE_INVALID');
    });

    describe('byte ranges', () => {
      const bytes = randomBytes(100_000);
      let sha = '';
      beforeAll(async () => {
        sha = (await h.store.put(bytes)).sha256;
      });

      it.each<[string, ByteRange, number, number]>([
        ['inclusive start and end', { start: 10, end: 19 }, 10, 20],
        ['open end', { start: 99_990 }, 99_990, 100_000],
        ['a single byte', { start: 0, end: 0 }, 0, 1],
        ['the last byte', { start: 99_999, end: 99_999 }, 99_999, 100_000],
        ['end past the size, clamped', { start: 50_000, end: 10_000_000 }, 50_000, 100_000],
      ])('reads %s', async (_label, range, from, to) => {
        expect(await readAll(await h.store.get(sha, range))).toEqual(bytes.subarray(from, to));
      });

      it.each<[string, ByteRange]>([
        ['start at the size', { start: 100_000 }],
        ['end before start', { start: 10, end: 9 }],
        ['negative start', { start: -1 }],
        ['fractional start', { start: 1.5 }],
        ['NaN end', { start: 0, end: Number.NaN }],
      ])('refuses %s', async (_label, range) => {
        await expectCode(h.store.get(sha, range), 'BLOB_RANGE_INVALID');
      });
    });

    it('reports a missing blob: stat null, get BLOB_NOT_FOUND, delete a no-op', async () => {
      const absent = sha256(randomBytes(32));
      expect(await h.store.stat(absent)).toBeNull();
      await expectCode(h.store.get(absent), 'BLOB_NOT_FOUND');
      await expectCode(h.store.get(absent, { start: 0, end: 1 }), 'BLOB_NOT_FOUND');
      await expect(h.store.delete(absent)).resolves.toBeUndefined();
    });

    it.each([
      ['upper-case hex', 'A'.repeat(64)],
      ['63 characters', 'a'.repeat(63)],
      ['65 characters', 'a'.repeat(65)],
      ['a path', '../../../../etc/passwd'],
      ['a digest with a slash', `${'a'.repeat(31)}/${'a'.repeat(32)}`],
      ['a digest with a newline', `${'a'.repeat(64)}\n`],
      ['empty', ''],
    ])('refuses %s as a blob id in get, stat and delete', async (_label, id) => {
      await expectCode(h.store.get(id), 'BLOB_INVALID_ID');
      await expectCode(h.store.stat(id), 'BLOB_INVALID_ID');
      await expectCode(h.store.delete(id), 'BLOB_INVALID_ID');
    });

    it('refuses to delete while a retention hold exists, and deletes once it is lifted', async () => {
      const bytes = randomBytes(1000);
      const { sha256: sha } = await h.store.put(bytes);
      h.holds.held.add(sha);
      await expectCode(h.store.delete(sha), 'BLOB_RETENTION_HOLD');
      expect(await readAll(await h.store.get(sha))).toEqual(bytes);
      h.holds.held.delete(sha);
      await h.store.delete(sha);
      expect(await h.store.stat(sha)).toBeNull();
      await expectCode(h.store.get(sha), 'BLOB_NOT_FOUND');
    });

    it('enforces maxBytes: over the limit is refused and leaves nothing, at the limit is stored', async () => {
      const bytes = randomBytes(64 * 1024 + 1);
      await expectCode(h.store.put(bytes, { maxBytes: bytes.length - 1 }), 'BLOB_TOO_LARGE');
      await expectCode(h.store.put(Readable.from(chunked(bytes, 4096)), { maxBytes: 10_000 }), 'BLOB_TOO_LARGE');
      expect(await h.store.stat(sha256(bytes))).toBeNull();
      expect(await h.tempFiles()).toEqual([]);
      expect((await h.store.put(bytes, { maxBytes: bytes.length })).size).toBe(bytes.length);
    });

    it('stops reading an oversized stream instead of consuming all of it', async () => {
      let produced = 0;
      const endless = (async function* () {
        for (;;) {
          produced += 1024;
          yield new Uint8Array(1024);
        }
      })();
      await expectCode(h.store.put(endless, { maxBytes: 8 * 1024 }), 'BLOB_TOO_LARGE');
      expect(produced).toBe(9 * 1024);
      expect(await h.tempFiles()).toEqual([]);
    });

    it('leaves no temp file and no blob when the body fails midway', async () => {
      const head = randomBytes(50_000);
      const failing = (async function* () {
        yield head;
        throw new Error('client went away');
      })();
      await expect(h.store.put(failing)).rejects.toThrow('client went away');
      const destroyed = new Readable({ read() {} });
      destroyed.push(head);
      setImmediate(() => destroyed.destroy(new Error('socket reset')));
      await expect(h.store.put(destroyed)).rejects.toThrow('socket reset');
      expect(await h.store.stat(sha256(head))).toBeNull();
      expect(await h.tempFiles()).toEqual([]);
    });

    describe('MIME sniffing', async () => {
      for (const fixture of await mimeFixtures()) {
        it(`recognises ${fixture.name} as ${fixture.expectedMime}`, async () => {
          const info = await h.store.put(fixture.bytes, fixture.declaredName ? { declaredName: fixture.declaredName } : {});
          expect(info.mime).toBe(fixture.expectedMime);
          expect((await h.store.stat(info.sha256))?.mime).toBe(fixture.expectedMime);
        });
      }
    });

    it('passes its health check and leaves no probe behind', async () => {
      await h.store.check();
      expect(await h.tempFiles()).toEqual([]);
    });
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function expectCode(promise: Promise<unknown>, code: StorageErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
}

function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}
