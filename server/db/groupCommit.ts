// Group commit: writes that contend for the same rows (a journal's counter, an organisation's audit-chain head)
// run one after another inside ONE transaction and share one COMMIT.
//
// Why: such writes serialise anyway, because each holds the contended row locks until its COMMIT, and a COMMIT
// waits for the WAL flush. Serialised transactions pay one flush each; a group pays one flush for all of its
// members. A member that fails is undone alone — its effects (including a number it took) vanish as if it had
// never run, and the others go on: the group is then run again with a savepoint per member. So a member's work may
// run more than once and must have no effects outside its transaction. Batches form by themselves: while one group
// commits, newcomers queue.
//
// Batched members (runBatch) go further: the group hands all their items to one function that writes them with a
// few multi-row statements, so the serial section costs a handful of round trips whatever the group's size. When
// that fails, each member is run alone in its savepoint, as above, through the same function with one item.
import type { Knex } from 'knex';

/** Writes a batch of items in the caller's transaction; answers one result per item, in order. */
export type BatchWork<I, R> = (trx: Knex.Transaction, items: I[]) => Promise<R[]>;

interface Member {
  work: (trx: Knex.Transaction) => Promise<unknown>;
  /** Present for runBatch members: the item and the batch function of their key. */
  batch?: { item: unknown; write: BatchWork<unknown, unknown> };
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** More members would hold the locks longer than it takes to commit them in two groups. */
const MAX_GROUP = 64;

export class GroupCommit {
  private readonly queues = new Map<string, Member[]>();

  constructor(private readonly knex: Knex) {}

  /**
   * Runs `work` in the next group transaction for `key` (again, in a savepoint, if another member of the group failed);
   * resolves after that group committed.
   */
  run<T>(key: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.enqueue<T>(key, work);
  }

  /**
   * Queues `item` for the next group of `key`, whose items are written together by `write` (one call per group).
   * Every member of a key must pass the same `write`.
   */
  runBatch<I, R>(key: string, item: I, write: BatchWork<I, R>): Promise<R> {
    const one = async (trx: Knex.Transaction): Promise<R> => {
      const [result] = await write(trx, [item]);
      return result as R;
    };
    return this.enqueue<R>(key, one, { item, write: write as BatchWork<unknown, unknown> });
  }

  private enqueue<T>(key: string, work: (trx: Knex.Transaction) => Promise<T>, batch?: Member['batch']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const member: Member = { work, ...(batch ? { batch } : {}), resolve: resolve as (value: unknown) => void, reject };
      const queue = this.queues.get(key);
      if (queue) {
        queue.push(member);
        return;
      }
      const fresh = [member];
      this.queues.set(key, fresh);
      void this.drain(key, fresh);
    });
  }

  private async drain(key: string, queue: Member[]): Promise<void> {
    try {
      while (queue.length > 0) {
        const group = queue.splice(0, MAX_GROUP);
        await this.commitGroup(group);
      }
    } finally {
      this.queues.delete(key);
    }
  }

  private async commitGroup(group: Member[]): Promise<void> {
    // Optimistic first: members run concurrently in the shared transaction, without the two round trips each of
    // SAVEPOINT and RELEASE, on the path that holds the contended locks. Failures are rare; when one happens the
    // whole group is rolled back and run again, one member after another, each in a savepoint, so that only the
    // failing member is undone.
    const direct = await this.attempt(group, false);
    if (direct === 'retry') await this.attempt(group, true);
  }

  /**
   * Runs the group in one transaction and settles every member, or answers 'retry' when a member failed without
   * savepoints (then nothing was committed and nobody settled).
   */
  private async attempt(group: Member[], savepoints: boolean): Promise<'settled' | 'retry'> {
    const outcomes: Outcome[] = [];
    let memberFailed = false;
    try {
      await this.knex.transaction(async (trx) => {
        if (!savepoints) {
          // All members at once: the connection runs their statements back to back from its own queue, instead of
          // waiting, between two statements of the serial section, for an event loop busy with other requests.
          // (node-postgres 8 queues queries on a busy client, with a deprecation notice; pg 9 will need a queue here.)
          const write = group[0]?.batch?.write;
          if (write && group.every((member) => member.batch?.write === write)) {
            let values: unknown[];
            try {
              values = await write(trx, group.map((member) => (member.batch as { item: unknown }).item));
            } catch (error) {
              memberFailed = true;
              throw error;
            }
            if (values.length !== group.length) throw new Error(`batch wrote ${values.length} of ${group.length} items`);
            for (const value of values) outcomes.push({ ok: true, value });
            return;
          }
          const settled = await Promise.allSettled(group.map((member) => member.work(trx)));
          const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failure) {
            memberFailed = true;
            throw failure.reason;
          }
          for (const r of settled) outcomes.push({ ok: true, value: (r as PromiseFulfilledResult<unknown>).value });
          return;
        }
        for (const member of group) {
          try {
            // A nested transaction is a savepoint: a failing member is undone alone.
            outcomes.push({ ok: true, value: await trx.transaction((savepoint) => member.work(savepoint)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      if (memberFailed && group.length > 1) return 'retry';
      // A lone member's own failure, or the COMMIT itself failed: nothing of the group happened.
      for (const member of group) member.reject(error);
      return 'settled';
    }
    group.forEach((member, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
    return 'settled';
  }
}

const instances = new WeakMap<Knex, GroupCommit>();

/** One group-commit pipeline per database handle (per process). */
export function groupCommitFor(knex: Knex): GroupCommit {
  let instance = instances.get(knex);
  if (!instance) {
    instance = new GroupCommit(knex);
    instances.set(knex, instance);
  }
  return instance;
}
