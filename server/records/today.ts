import { DateTime } from 'luxon';

// Registration dates and deadlines are days in the organisation's own time zone, not UTC.
export const ORG_TIME_ZONE = process.env.KARTOTEKA_TIME_ZONE || 'Europe/Moscow';

export function today(zone: string = ORG_TIME_ZONE, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate() as string;
}
