import type { Knex } from 'knex';
import type { Calendar } from './workingDays.ts';

// The exceptions table is tiny (a few dozen rows a year) and read on every deadline computation: cache it
// briefly. Edits in this process drop the cache at once; other processes see them within the TTL.
const TTL_MS = 60_000;
let cached: { at: number; calendar: Promise<Calendar>; db: Knex } | null = null;

async function read(db: Knex | Knex.Transaction): Promise<Calendar> {
  const rows = (await db('calendar_days').select('day', 'working')) as { day: string; working: boolean }[];
  return { exceptions: new Map(rows.map((r) => [r.day, r.working])) };
}

export function loadCalendar(db: Knex | Knex.Transaction): Promise<Calendar> {
  // Inside a transaction, read through it: it may hold uncommitted calendar edits, and on PGlite the outer
  // connection is busy until the transaction ends.
  if ((db as Knex.Transaction).isTransaction) return read(db);
  if (cached && cached.db === db && Date.now() - cached.at < TTL_MS) return cached.calendar;
  const calendar = read(db);
  cached = { at: Date.now(), calendar, db };
  calendar.catch(() => {
    if (cached?.calendar === calendar) cached = null;
  });
  return calendar;
}

export function invalidateCalendar(): void {
  cached = null;
}
