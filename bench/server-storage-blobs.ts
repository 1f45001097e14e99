// Throughput of the blob store: one large binary put, one large UTF-8 text put (full text scan),
// many small puts, and a full read, on the filesystem store and on S3 via in-process s3rver.
// Usage: npx tsx bench/server-storage-blobs.ts [sizeMiB=256]
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createBlobStore, type BlobStore } from '../server/storage/index.ts';
import { startS3rver } from '../server/storage/testing/startS3rver.ts';

const sizeMiB = Number(process.argv[2] ?? 256);
const CHUNK = 64 * 1024;
const noHolds = { isHeld: async (): Promise<boolean> => false };

function* chunksOf(pattern: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += CHUNK) yield pattern.subarray(0, Math.min(CHUNK, total - sent));
}

async function measure(label: string, bytes: number, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(44)} ${(bytes / 2 ** 20 / seconds).toFixed(0).padStart(6)} MiB/s  ${(seconds * 1000).toFixed(0).padStart(7)} ms`);
}

async function bench(name: string, store: BlobStore): Promise<void> {
  const total = sizeMiB * 2 ** 20;
  // Fresh random salt per chunk pattern keeps every run's blobs new (no idempotent shortcut).
  const binary = Buffer.concat([randomBytes(16), randomBytes(CHUNK)]);
  const text = Buffer.from(`${randomBytes(8).toString('hex')} Дело № 01-12. `.repeat(CHUNK / 16)).subarray(0, CHUNK + 16);
  let sha = '';
  await measure(`${name}: put ${sizeMiB} MiB binary stream`, total, async () => {
    sha = (await store.put(Readable.from(chunksOf(binary, total)))).sha256;
  });
  await measure(`${name}: put ${sizeMiB} MiB UTF-8 text stream`, total, () => store.put(Readable.from(chunksOf(text, total))));
  await measure(`${name}: get ${sizeMiB} MiB`, total, async () => {
    for await (const _chunk of await store.get(sha));
  });
  const small = Array.from({ length: 200 }, () => randomBytes(100 * 1024));
  await measure(`${name}: put 200 × 100 KiB, sequential`, 200 * 100 * 1024, async () => {
    for (const blob of small) await store.put(blob);
  });
}

const dataDir = await mkdtemp(join(tmpdir(), 'kartoteka-bench-blobs-'));
const s3 = await startS3rver();
try {
  await bench('fs', await createBlobStore({ dataDir }, noHolds));
  await bench(
    's3rver',
    await createBlobStore({ dataDir, s3: { endpoint: s3.endpoint, bucket: 'bench', accessKey: s3.accessKey, secretKey: s3.secretKey } }, noHolds),
  );
} finally {
  await s3.stop();
  await rm(dataDir, { recursive: true, force: true });
}
