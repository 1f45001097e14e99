import type { Knex } from 'knex';

// Knex links a savepoint's transactor to its parent through this (untyped) property.
function outermost(trx: Knex.Transaction): Knex.Transaction {
  let current = trx as Knex.Transaction & { parentTransaction?: Knex.Transaction };
  while (current.parentTransaction) current = current.parentTransaction as Knex.Transaction & { parentTransaction?: Knex.Transaction };
  return current;
}

/** Runs `fn` once the outermost transaction of `trx` has committed (never, if it rolls back). */
export function afterCommit(trx: Knex.Transaction, fn: () => void): void {
  void outermost(trx).executionPromise.then(fn, () => undefined);
}
