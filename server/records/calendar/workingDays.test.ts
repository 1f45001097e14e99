import { describe, expect, it } from 'vitest';
import { productionCalendar } from './productionCalendar.ts';
import { addCalendarDays, addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween, type Calendar } from './workingDays.ts';

const calendar: Calendar = { exceptions: new Map(productionCalendar.map((d) => [d.day, d.working])) };

describe('production calendar', () => {
  it('knows the 2026 New Year holidays and transfers', () => {
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-05', '2026-01-08', '2026-01-09', '2026-12-31']) expect(isWorkingDay(calendar, day), day).toBe(false);
    expect(isWorkingDay(calendar, '2026-01-12')).toBe(true);
    expect(isWorkingDay(calendar, '2026-03-09')).toBe(false);
    expect(isWorkingDay(calendar, '2026-11-04')).toBe(false);
  });

  it('knows 2025 working Saturday 1 November', () => {
    expect(isWorkingDay(calendar, '2025-11-01')).toBe(true);
    expect(isWorkingDay(calendar, '2025-11-03')).toBe(false);
  });

  it('adds working days across holidays', () => {
    // Friday 30 December 2025 is not a holiday; 31 Dec and 1–11 Jan are days off.
    expect(addWorkingDays(calendar, '2025-12-30', 1)).toBe('2026-01-12');
    expect(addWorkingDays(calendar, '2026-11-02', 3)).toBe('2026-11-06');
    expect(addWorkingDays(calendar, '2026-05-08', 1)).toBe('2026-05-12');
  });

  it('moves a calendar-day deadline that falls on a day off to the next working day', () => {
    // 30 days from 2 December 2025 → 1 January 2026 → first working day 12 January.
    expect(addCalendarDays(calendar, '2025-12-02', 30)).toBe('2026-01-12');
    expect(nextWorkingDay(calendar, '2026-06-13')).toBe('2026-06-15');
    expect(addCalendarDays(calendar, '2026-06-01', 2)).toBe('2026-06-03');
  });

  it('counts working days between dates', () => {
    expect(workingDaysBetween(calendar, '2026-01-01', '2026-01-16')).toBe(5);
    expect(workingDaysBetween(calendar, '2026-01-16', '2026-01-01')).toBe(-5);
  });

  it('refuses impossible dates', () => {
    expect(() => isWorkingDay(calendar, '2026-02-30')).toThrow(RangeError);
  });
});
