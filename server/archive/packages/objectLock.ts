// Jobs that change one OCFL object (packaging, evidence records, renewals) run one at a time per object: each
// reads the head, builds the next version and writes it, and two interleaved writers would both claim the same
// version number. In this process a promise chain per object serialises them; on PostgreSQL, where worker
// processes run side by side, a transaction-scoped advisory lock per object does the same across processes
// (PGlite is one process, and its single connection must not be held by a waiting lock). Locks are taken in
// sorted order, so a job holding several cannot deadlock.
import type { Knex } from 'knex';

const tails = new Map<string, Promise<void>>();

async function acquire(id: string): Promise<() => void> {
  const previous = tails.get(id) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(id, tail);
  await previous;
  return () => {
    release();
    if (tails.get(id) === tail) tails.delete(id);
  };
}

function isPostgres(db: Knex): boolean {
  const client = (db.client as { config?: { client?: unknown } }).config?.client;
  return client === 'pg';
}

/** Advisory locks of PostgreSQL, held by one transaction for the duration of `work`. */
export async function withDatabaseLocks<T>(db: Knex, ids: string[], work: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work();
  return db.transaction(async (trx) => {
    for (const id of [...new Set(ids)].sort()) await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [`ocfl:${id}`]);
    return work();
  });
}

export async function withObjectLocks<T>(ids: string[], work: () => Promise<T>, db?: Knex): Promise<T> {
  const releases: (() => void)[] = [];
  try {
    for (const id of [...new Set(ids)].sort()) releases.push(await acquire(id));
    return db ? await withDatabaseLocks(db, ids, work) : await work();
  } finally {
    for (const release of releases.reverse()) release();
  }
}
