import { afterAll, describe, expect, it } from 'vitest';
import { digest, DigestCache } from './digest.ts';
import { hashWorkersRunning, shareWithWorker, startHashWorkers, stopHashWorkers } from './hashPool.ts';

const big = (seed: number): Uint8Array => Uint8Array.from({ length: 1_200_000 }, (_, i) => (i * 2654435761 + seed) >>> 24);
const shared = (b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(new SharedArrayBuffer(b.length));
  out.set(b);
  return out;
};

afterAll(() => stopHashWorkers());

describe('hash worker pool', () => {
  it('gives the digests this thread computes, for several files at once', async () => {
    startHashWorkers(2);
    const files = [big(1), big(2), big(3)];
    const cache = new DigestCache(true);
    for (const f of files) cache.start(f, ['streebog-256', 'sha512']);
    await cache.settle();
    for (const f of files) {
      expect(await cache.digestAsync('streebog-256', f)).toBe(digest('streebog-256', f));
      expect(await cache.digestAsync('sha512', f)).toBe(digest('sha512', f));
    }
    expect(hashWorkersRunning()).toBe(true);
  });

  it('falls back to this thread when the workers go away mid-job', async () => {
    startHashWorkers(2);
    const f = big(4);
    const cache = new DigestCache(true);
    cache.start(f, ['streebog-256']);
    await stopHashWorkers();
    expect(await cache.digestAsync('streebog-256', f)).toBe(digest('streebog-256', f));
  });

  it('shares jobs with this thread: every digest right, whoever computed it', async () => {
    startHashWorkers(2);
    // Shared memory, and ordinary arrays (copied once into shared memory for the workers).
    const files = [1, 2, 3, 4, 5].map((seed) => (seed % 2 === 0 ? big(seed) : shared(big(seed))));
    const cache = new DigestCache(true, true);
    for (const f of files) cache.start(f, ['sha512', 'sha256', 'streebog-256']);
    // Asked at once, so this thread takes what the worker has not started.
    const got = await Promise.all(files.flatMap((f) => ['sha512', 'sha256', 'streebog-256'].map((a) => cache.digestAsync(a, f))));
    expect(got).toEqual(files.flatMap((f) => ['sha512', 'sha256', 'streebog-256'].map((a) => digest(a, f))));
  });

  it('a shared job taken back resolves to null, one the worker kept to its digests', async () => {
    startHashWorkers(2);
    const f = shared(big(6));
    const jobs = [shareWithWorker(f, ['sha256'], 1), shareWithWorker(f, ['sha512'], 2)];
    const taken = jobs.map((j) => j.take());
    const results = await Promise.all(jobs.map((j) => j.result));
    results.forEach((r, i) => {
      if (taken[i]) expect(r).toBeNull();
      else expect(r).toEqual(i === 0 ? { sha256: digest('sha256', f) } : { sha512: digest('sha512', f) });
    });
    expect(jobs.map((j) => j.take())).toEqual([false, false]);
  });

  it('a large Streebog digest taken back is computed here in slices, equal to the one-shot digest', async () => {
    startHashWorkers(2);
    // Two large files for one worker: it can start only one, and settle() takes the other back at once.
    const files = [shared(big(8)), shared(big(9))];
    const cache = new DigestCache(true, true);
    for (const f of files) cache.start(f, ['streebog-256']);
    await cache.settle();
    for (const f of files) expect(await cache.digestAsync('streebog-256', f)).toBe(digest('streebog-256', f));
  });

  it('shared jobs fall back to this thread when the workers go away', async () => {
    startHashWorkers(2);
    const f = shared(big(7));
    const cache = new DigestCache(true, true);
    cache.start(f, ['streebog-256', 'sha512']);
    await stopHashWorkers();
    expect(await cache.digestAsync('streebog-256', f)).toBe(digest('streebog-256', f));
    expect(await cache.digestAsync('sha512', f)).toBe(digest('sha512', f));
  });
});
