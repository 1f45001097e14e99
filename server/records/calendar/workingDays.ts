// Deadline arithmetic over the production calendar. Dates are calendar dates (YYYY-MM-DD), without time zones:
// a deadline is a day in the organisation's own calendar.

export type IsoDate = string;

export interface Calendar {
  /** Exceptions to the Monday–Friday week: true = working day, false = day off. */
  exceptions: ReadonlyMap<IsoDate, boolean>;
}

export function parseIsoDate(day: IsoDate): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a date: ${day}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== day) throw new RangeError(`not a date: ${day}`);
  return d;
}

export function formatIsoDate(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: IsoDate, n: number): IsoDate {
  const d = parseIsoDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return formatIsoDate(d);
}

export function isWorkingDay(calendar: Calendar, day: IsoDate): boolean {
  const exception = calendar.exceptions.get(day);
  if (exception !== undefined) return exception;
  const wd = parseIsoDate(day).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The first working day on or after `day`: a calendar-day deadline that lands on a day off moves forward (ГК РФ ст. 193). */
export function nextWorkingDay(calendar: Calendar, day: IsoDate): IsoDate {
  let d = day;
  for (let i = 0; i < 60 && !isWorkingDay(calendar, d); i += 1) d = addDays(d, 1);
  return d;
}

/** `n` working days after `start` (the start day itself is not counted). */
export function addWorkingDays(calendar: Calendar, start: IsoDate, n: number): IsoDate {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(calendar, d)) left -= 1;
  }
  return d;
}

/** `n` calendar days after `start`, moved to the next working day if it falls on a day off. */
export function addCalendarDays(calendar: Calendar, start: IsoDate, n: number): IsoDate {
  return nextWorkingDay(calendar, addDays(start, n));
}

/** Working days strictly after `from` up to and including `to` (negative when `to` is earlier). */
export function workingDaysBetween(calendar: Calendar, from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(calendar, to, from);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) n += 1;
  return n;
}
