// One Knex instance per process, on PostgreSQL when DATABASE_URL is set and on embedded PGlite otherwise.
// Both are configured to return the same JavaScript types so that no code needs to know which it runs on.
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { lockDataDir, type DirLock } from './dataDirLock.ts';
import { bypassCaches, listenForChanges } from './sharedCache.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  schema: string | null;
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory, to start later instances from (tests). */
  dump?: () => Promise<Blob>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;
// A calendar date (deadline, registration date) stays the string 'YYYY-MM-DD' on both backends: turning it into a
// JS Date would place it at some midnight in some time zone and shift it by a day somewhere.
const keepText = (v: string): string => v;

// int8 (counts, sequences) becomes a JS number on both backends; a value beyond 2^53 would lose precision
// silently, so it is refused instead.
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

export interface ConnectOptions {
  databaseUrl: string | null;
  /** PostgreSQL schema to use (tests use a fresh one per run). */
  schema?: string | null;
  /** PGlite data directory; null means in memory (tests). */
  pgliteDir?: string | null;
  /** Directory whose lock file guards the PGlite data (DATA_DIR). */
  lockDir?: string | null;
  poolMax?: number;
  /** PGlite only: start from a data directory dump instead of running initdb (tests; ~4x faster). */
  pgliteTemplate?: Blob | null;
  /**
   * PostgreSQL only: hear other processes' changes to cached rows (db/sharedCache.ts). Servers and workers listen;
   * without it (CLI commands, benchmarks) the caches are bypassed in this process.
   */
  listenForChanges?: { onError(error: unknown): void };
}

pg.types.setTypeParser(INT8_OID, parseInt8);
pg.types.setTypeParser(DATE_OID, keepText);
pg.types.setTypeParser(NUMERIC_OID, keepText);

function postgresKnex(url: string, schema: string | null, poolMax: number): Knex {
  return knexFactory({
    client: 'pg',
    connection: url,
    searchPath: schema ? [schema, 'public'] : undefined,
    pool: {
      min: 0,
      max: poolMax,
      afterCreate(conn: pg.Client, done: (err: Error | null, conn: pg.Client) => void) {
        // Every session works in UTC so that dates and timestamps compare the same on both backends.
        conn.query("SET TIME ZONE 'UTC'", (err) => done(err ?? null, conn));
      },
    },
  });
}

export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  if (options.databaseUrl) {
    const schema = options.schema ?? null;
    if (schema) {
      const bootstrap = postgresKnex(options.databaseUrl, null, 1);
      try {
        await bootstrap.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
      } finally {
        await bootstrap.destroy();
      }
    }
    const knex = postgresKnex(options.databaseUrl, schema, options.poolMax ?? 10);
    const listener = options.listenForChanges ? listenForChanges(options.databaseUrl, options.listenForChanges.onError) : null;
    const unbypass = listener ? null : bypassCaches();
    return {
      knex,
      kind: 'postgres',
      schema,
      close: async () => {
        await listener?.close();
        unbypass?.();
        await knex.destroy();
      },
    };
  }

  let lock: DirLock | null = null;
  if (options.lockDir) lock = lockDataDir(options.lockDir);
  try {
    // Options go in the single-argument form: `new PGlite(undefined, options)` ignores them.
    const pglite = new PGlite({
      ...(options.pgliteDir ? { dataDir: path.resolve(options.pgliteDir) } : {}),
      extensions: { pg_trgm },
      ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
      parsers: { [INT8_OID]: parseInt8, [NUMERIC_OID]: keepText, [DATE_OID]: keepText },
    });
    await pglite.waitReady;
    await pglite.exec("SET TIME ZONE 'UTC'");
    const knex = knexFactory({
      client: ClientPgLite as unknown as typeof knexFactory.Client,
      connection: { pglite } as object,
    } as Knex.Config);
    return {
      knex,
      kind: 'pglite',
      schema: null,
      dump: () => pglite.dumpDataDir('none'),
      close: async () => {
        try {
          await knex.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
