import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SharedCache, bypassCaches, forgetCached, listenForChanges } from './sharedCache.ts';
import { usingPostgres } from '../testing/testServer.ts';

describe('SharedCache', () => {
  it('serves a value until its name is forgotten, and never stores a read that a change overtook', async () => {
    const cache = new SharedCache<number>('test.values', 60_000);
    let reads = 0;
    const load = async (): Promise<number> => (reads += 1);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    forgetCached('test.other');
    expect(await cache.get('a', load)).toBe(1);
    forgetCached('test.values');
    expect(await cache.get('a', load)).toBe(2);

    // A read that began before a change and ends after it is returned but not kept.
    forgetCached('test.values');
    let release: () => void = () => undefined;
    const slow = cache.get('a', () => new Promise<number>((resolve) => (release = () => resolve(99))));
    forgetCached('test.values');
    release();
    expect(await slow).toBe(99);
    expect(await cache.get('a', load)).toBe(3);
  });

  it('is bypassed while a connection that cannot hear changes is open', async () => {
    const cache = new SharedCache<number>('test.bypass', 60_000);
    let reads = 0;
    const load = async (): Promise<number> => (reads += 1);
    const release = bypassCaches();
    await cache.get('a', load);
    await cache.get('a', load);
    expect(reads).toBe(2);
    release();
    await cache.get('a', load);
    await cache.get('a', load);
    expect(reads).toBe(3);
  });
});

describe.skipIf(!usingPostgres())('SharedCache across processes (PostgreSQL NOTIFY)', () => {
  const url = process.env.DATABASE_URL as string;
  let listener: ReturnType<typeof listenForChanges> | null = null;
  beforeAll(() => {
    listener = listenForChanges(url);
  });
  afterAll(async () => listener?.close());

  it("clears a process's cache when another process announces a change", async () => {
    const cache = new SharedCache<number>('test.remote', 60_000);
    let reads = 0;
    const load = async (): Promise<number> => (reads += 1);
    // Until the listener is connected the cache is bypassed; wait for it to start caching.
    for (let i = 0; i < 100 && reads < 50; i += 1) {
      const before = reads;
      await cache.get('a', load);
      await cache.get('a', load);
      if (reads === before + 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cached = reads;
    expect(await cache.get('a', load)).toBe(cached);
    // Another process: a plain connection that commits a change of 'test.remote'.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("SELECT pg_notify('kartoteka_cache', 'test.remote')");
    await other.end();
    let seen = cached;
    for (let i = 0; i < 100 && seen === cached; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      seen = await cache.get('a', load);
    }
    expect(seen).toBe(cached + 1);
  });
});
