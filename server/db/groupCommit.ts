// Group commit: writes that contend for the same rows (a journal's counter, an organisation's audit-chain head)
// run one after another inside ONE transaction, each in its own savepoint, and share one COMMIT.
//
// Why: such writes serialise anyway, because each holds the contended row locks until its COMMIT, and a COMMIT
// waits for the WAL flush. Serialised transactions pay one flush each; a group pays one flush for all of its
// members. A member that fails rolls back to its savepoint — its effects (including a number it took) vanish as
// if it had never run, and the others go on. Batches form by themselves: while one group commits, newcomers queue.
import type { Knex } from 'knex';

interface Member {
  work: (trx: Knex.Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** More members would hold the locks longer than it takes to commit them in two groups. */
const MAX_GROUP = 64;

export class GroupCommit {
  private readonly queues = new Map<string, Member[]>();

  constructor(private readonly knex: Knex) {}

  /** Runs `work` in a savepoint of the next group transaction for `key`; resolves after that group committed. */
  run<T>(key: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const member: Member = { work, resolve: resolve as (value: unknown) => void, reject };
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
    if (group.length === 1) {
      // Alone, a member needs no savepoint: its failure rolls back only itself anyway.
      const [member] = group as [Member];
      await this.knex.transaction((trx) => member.work(trx)).then(member.resolve, member.reject);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await this.knex.transaction(async (trx) => {
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
      // The COMMIT itself failed: nothing of the group happened.
      for (const member of group) member.reject(error);
      return;
    }
    group.forEach((member, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
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
