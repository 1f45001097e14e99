import { describe, expect, it } from 'vitest';
import { withDatabaseLocks, withObjectLocks } from './objectLock.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('per-object locks of the archive jobs', () => {
  it('runs writers of one object one after another, others alongside, and frees the lock after a failure', async () => {
    const log: string[] = [];
    const gate = deferred();
    const first = withObjectLocks(['a'], async () => {
      log.push('a1 start');
      await gate.promise;
      log.push('a1 end');
    });
    const second = withObjectLocks(['a', 'b'], async () => {
      log.push('a2');
    });
    const other = withObjectLocks(['c'], async () => {
      log.push('c');
    });
    await other;
    expect(log).toEqual(['a1 start', 'c']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'c', 'a1 end', 'a2']);
    await expect(withObjectLocks(['a'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await withObjectLocks(['a'], async () => {
      log.push('after failure');
    });
    expect(log.at(-1)).toBe('after failure');
  });
});

const pgUrl = process.env.DATABASE_URL;
if (!pgUrl) console.warn('[skip] cross-process object locks: PostgreSQL only (npm run test:pg)');

describe.skipIf(!pgUrl)('per-object locks across processes (PostgreSQL advisory locks)', () => {
  it('a second connection pool waits for the first to finish its write', async () => {
    const { default: knexFactory } = await import('knex');
    const [one, two, observer] = [0, 1, 2].map(() => knexFactory({ client: 'pg', connection: pgUrl, pool: { min: 0, max: 2 } }));
    try {
      const log: string[] = [];
      const gate = deferred();
      const entered = deferred();
      const first = withDatabaseLocks(one!, ['urn:test:lock'], async () => {
        log.push('first start');
        entered.resolve();
        await gate.promise;
        log.push('first end');
      });
      await entered.promise;
      const second = withDatabaseLocks(two!, ['urn:test:lock'], async () => {
        log.push('second');
      });
      // The second pool's lock request is queued in PostgreSQL behind the first.
      await expect
        .poll(async () => Number(((await observer!.raw("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) as { rows: { n: string }[] }).rows[0]?.n))
        .toBeGreaterThan(0);
      expect(log).toEqual(['first start']);
      gate.resolve();
      await Promise.all([first, second]);
      expect(log).toEqual(['first start', 'first end', 'second']);
    } finally {
      await Promise.all([one, two, observer].map((k) => k!.destroy()));
    }
  });
});
