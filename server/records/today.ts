import { AsyncLocalStorage } from 'node:async_hooks';
import { DateTime } from 'luxon';

// Registration dates and deadlines are days in the organisation's own time zone, not UTC.
export const ORG_TIME_ZONE = process.env.KARTOTEKA_TIME_ZONE || 'Europe/Moscow';

// The demo content (server/demo/) is written through the ordinary commands on the past days it tells of, so that its
// registration dates, reports and deadlines lie around the real today; nothing else sets a business day. Times that
// the records show (a resolution's, a report's, a visa's) move with it; the audit log keeps the real time.
const businessDay = new AsyncLocalStorage<{ day: string; shiftMs: number }>();

/**
 * Runs `work` with today() answering `day` (YYYY-MM-DD) unless a caller passes its own instant, and businessNow()
 * running from `time` (HH:MM in the organisation's zone) of that day; never later than the real now.
 */
export function asOfDay<T>(day: string, work: () => Promise<T>, time = '10:00'): Promise<T> {
  const real = Date.now();
  const at = DateTime.fromISO(`${day}T${time}`, { zone: ORG_TIME_ZONE }).toMillis();
  return businessDay.run({ day, shiftMs: Math.min(0, at - real) }, work);
}

/** The current instant, or inside asOfDay the matching instant of the business day. */
export function businessNow(): Date {
  const shift = businessDay.getStore()?.shiftMs ?? 0;
  return new Date(Date.now() + shift);
}

// Every registration asks for today's date, and a time-zone conversion costs more than the rest of preparing a
// card; the answer is kept with the instants at which that day starts and ends in the zone.
let current: { zone: string; from: number; to: number; date: string } | null = null;

export function today(zone: string = ORG_TIME_ZONE, now?: Date): string {
  if (now === undefined) {
    const fixed = businessDay.getStore();
    if (fixed !== undefined) return fixed.day;
  }
  const t = (now ?? new Date()).getTime();
  if (current && current.zone === zone && t >= current.from && t < current.to) return current.date;
  const local = DateTime.fromMillis(t, { zone });
  const day = local.startOf('day');
  current = { zone, from: day.toMillis(), to: day.plus({ days: 1 }).toMillis(), date: local.toISODate() as string };
  return current.date;
}
