import { afterAll, describe, expect, it } from 'vitest';
import { digest, DigestCache } from './digest.ts';
import { hashWorkersRunning, startHashWorkers, stopHashWorkers } from './hashPool.ts';

const big = (seed: number): Uint8Array => Uint8Array.from({ length: 1_200_000 }, (_, i) => (i * 2654435761 + seed) >>> 24);

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
});
