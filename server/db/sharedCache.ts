// Short-lived caches of rows that every request reads and that change rarely: the caller's session, the journal a
// card is registered in. Each saves a round trip on the hot path (on a loaded machine a round trip costs more than
// the query).
//
// A change must still take effect at once, in every process: whoever changes such a row calls `cachedDataChanged`
// inside its transaction. That clears this process's caches of that name when the transaction commits and, on
// PostgreSQL, sends a NOTIFY (delivered on commit) that every other server and worker process hears through
// `listenForChanges` and clears its caches. While a process's listening connection is down its caches are bypassed,
// so a missed notification cannot leave a revoked session usable. A generation counter keeps a read that began
// before a change from storing its stale result after the change cleared the cache.
import pg from 'pg';
import type { Knex } from 'knex';
import { afterCommit } from './afterCommit.ts';

const CHANNEL = 'kartoteka_cache';

const caches = new Set<SharedCache<unknown>>();
let generation = 0;
/** PostgreSQL databases of this process whose change listener is not connected. */
let deaf = 0;

export class SharedCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    readonly name: string,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {
    caches.add(this as SharedCache<unknown>);
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && deaf === 0 && Date.now() - hit.at < this.ttlMs) return hit.value;
    const started = generation;
    const value = await load();
    if (started === generation && deaf === 0) this.store(key, value);
    return value;
  }

  /** Replaces a cached value this process has just written itself (e.g. a session's last-seen time). */
  refresh(key: string, value: V): void {
    if (this.entries.has(key)) this.store(key, value);
  }

  clear(): void {
    this.entries.clear();
  }

  private store(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: Date.now() });
  }
}

/** Clears the caches of that name (all caches without one) in this process. */
export function forgetCached(name?: string): void {
  generation += 1;
  for (const cache of caches) if (!name || cache.name === name) cache.clear();
}

/** Call inside the transaction that changes rows cached under `name` (see the top of this file). */
export async function cachedDataChanged(trx: Knex.Transaction, name: string): Promise<void> {
  if ((trx.client as { config: { client?: unknown } }).config.client === 'pg') await trx.raw('SELECT pg_notify(?, ?)', [CHANNEL, name]);
  afterCommit(trx, () => forgetCached(name));
}

/**
 * For a PostgreSQL connection that does not listen for changes: the caches are bypassed until the returned function
 * is called, since nothing would tell this process that another one revoked a session.
 */
export function bypassCaches(): () => void {
  deaf += 1;
  let released = false;
  return () => {
    if (!released) deaf -= 1;
    released = true;
  };
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * Listens for other processes' changes on a PostgreSQL database; the caches are bypassed until the first LISTEN
 * succeeds and whenever the connection is lost (it reconnects every second).
 */
export function listenForChanges(connectionString: string, onError: (error: unknown) => void = () => undefined): ChangeListener {
  let closed = false;
  let client: pg.Client | null = null;
  let listening = false;
  let retry: NodeJS.Timeout | null = null;
  deaf += 1;

  const lost = (): void => {
    if (listening) {
      listening = false;
      deaf += 1;
    }
    forgetCached();
  };
  const connect = async (): Promise<void> => {
    retry = null;
    if (closed) return;
    const c = new pg.Client({ connectionString });
    client = c;
    c.on('notification', (message) => forgetCached(message.payload || undefined));
    c.on('error', (error) => {
      onError(error);
      lost();
      void c.end().catch(() => undefined);
      if (!closed && !retry) retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (closed) return;
      // Anything changed while we were not listening is unknown: start empty.
      forgetCached();
      listening = true;
      deaf -= 1;
    } catch (error) {
      onError(error);
      void c.end().catch(() => undefined);
      if (!closed && !retry) retry = setTimeout(() => void connect(), 1000);
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (listening) {
        listening = false;
        deaf += 1;
      }
      // This database no longer counts: its caches cannot go stale once it is closed.
      deaf -= 1;
      await client?.end().catch(() => undefined);
    },
  };
}
