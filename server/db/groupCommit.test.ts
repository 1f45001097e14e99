import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { GroupCommit } from './groupCommit.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let srv: TestServer;
let knex: Knex;

beforeAll(async () => {
  srv = await startTestServer({ seed: false });
  knex = srv.rt.knex;
  await knex.raw('CREATE TABLE group_commit_probe (id int PRIMARY KEY, note text)');
});
afterAll(async () => {
  await knex.raw('DROP TABLE IF EXISTS group_commit_probe');
  await srv.close();
});

async function txid(trx: Knex.Transaction): Promise<string> {
  const result = (await trx.raw('SELECT txid_current()::text AS id')) as { rows: { id: string }[] };
  return (result.rows[0] as { id: string }).id;
}

describe('GroupCommit', () => {
  it('runs concurrent members of one key in a shared transaction, undoing only the member that fails', async () => {
    const group = new GroupCommit(knex);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        group.run('probe', async (trx) => {
          await trx('group_commit_probe').insert({ id: i, note: `member ${i}` });
          if (i === 4) throw new Error('member 4 fails after writing');
          return txid(trx);
        }),
      ),
    );
    expect(results[4]).toMatchObject({ status: 'rejected', reason: { message: 'member 4 fails after writing' } });
    const ids = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled').map((r) => r.value);
    expect(ids).toHaveLength(9);
    // The first member starts a group alone; the other nine queued meanwhile and shared the next one.
    expect(new Set(ids).size).toBeLessThanOrEqual(2);
    const rows = (await knex('group_commit_probe').orderBy('id').pluck('id')) as number[];
    expect(rows).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it('rejects every member of a group whose commit fails, leaving nothing behind', async () => {
    await knex.raw('ALTER TABLE group_commit_probe ADD CONSTRAINT probe_note_unique UNIQUE (note) DEFERRABLE INITIALLY DEFERRED');
    try {
      const group = new GroupCommit(knex);
      const first = group.run('probe', async (trx) => trx('group_commit_probe').insert({ id: 100, note: 'alone' }));
      const results = await Promise.allSettled([
        group.run('probe', async (trx) => trx('group_commit_probe').insert({ id: 101, note: 'twice' })),
        // A deferred constraint fails only at COMMIT, after every member succeeded.
        group.run('probe', async (trx) => trx('group_commit_probe').insert({ id: 102, note: 'twice' })),
      ]);
      await first;
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await knex('group_commit_probe').whereIn('id', [100, 101, 102]).orderBy('id').pluck('id')).toEqual([100]);
    } finally {
      await knex.raw('ALTER TABLE group_commit_probe DROP CONSTRAINT probe_note_unique');
    }
  });

  it('keeps different keys in different transactions', async () => {
    const group = new GroupCommit(knex);
    const [a, b] = await Promise.all([group.run('a', txid), group.run('b', txid)]);
    expect(a).not.toBe(b);
  });

  it('relies on Knex linking a savepoint to its transaction and sharing the configuration (audit/appendAudit.ts)', async () => {
    await knex.transaction(async (outer) => {
      expect((outer.client as { config: object }).config).toBe((knex.client as { config: object }).config);
      await outer.transaction(async (inner) => {
        expect((inner as unknown as { parentTransaction?: unknown }).parentTransaction).toBe(outer);
      });
    });
  });
});
