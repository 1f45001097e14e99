import { describe, expect, it } from 'vitest';
import { withObjectLocks } from './objectLock.ts';

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
