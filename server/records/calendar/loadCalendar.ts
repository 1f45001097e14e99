import type { Knex } from 'knex';
import type { Calendar } from './workingDays.ts';
import { SharedCache } from '../../db/sharedCache.ts';

// The exceptions table is tiny (a few dozen rows a year) and read on every deadline computation: cached
// (db/sharedCache.ts); an edit calls cachedDataChanged(trx, CALENDAR_CACHE), which clears every process's copy at commit.
export const CALENDAR_CACHE = 'calendar';
const calendars = new SharedCache<Calendar>(CALENDAR_CACHE, 60_000);

// The calendar belongs to the installation, i.e. to the database: tests run several databases in one process, so the
// cache key names the database handle (its configuration object, shared with every transaction's client).
const databases = new WeakMap<object, number>();
let nextDatabase = 1;
function databaseKey(db: Knex | Knex.Transaction): string {
  const config = (db.client as { config: object }).config;
  let key = databases.get(config);
  if (key === undefined) {
    key = nextDatabase++;
    databases.set(config, key);
  }
  return String(key);
}

async function read(db: Knex | Knex.Transaction): Promise<Calendar> {
  const rows = (await db('calendar_days').select('day', 'working')) as { day: string; working: boolean }[];
  return { exceptions: new Map(rows.map((r) => [r.day, r.working])) };
}

export function loadCalendar(db: Knex | Knex.Transaction): Promise<Calendar> {
  // Inside a transaction, read through it: it may hold uncommitted calendar edits, and on PGlite the outer
  // connection is busy until the transaction ends.
  if ((db as Knex.Transaction).isTransaction) return read(db);
  return calendars.get(databaseKey(db), () => read(db));
}
