import { describe, expect, it } from 'vitest';
import { asOfDay, today } from './today.ts';

describe('today', () => {
  it('is the date in the organisation zone, changing exactly at local midnight', () => {
    // 20:59:59.999 UTC is 23:59:59.999 in Moscow (UTC+3); a millisecond later it is the next day there.
    expect(today('Europe/Moscow', new Date('2026-12-31T20:59:59.999Z'))).toBe('2026-12-31');
    expect(today('Europe/Moscow', new Date('2026-12-31T21:00:00.000Z'))).toBe('2027-01-01');
    expect(today('Europe/Moscow', new Date('2026-12-31T20:59:59.999Z'))).toBe('2026-12-31');
    expect(today('Asia/Vladivostok', new Date('2026-12-31T20:59:59.999Z'))).toBe('2027-01-01');
    expect(today('Europe/Moscow', new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-01');
  });

  it('answers the business day inside asOfDay, but not for a caller that passes its own instant', async () => {
    const real = today();
    await asOfDay('2025-03-14', async () => {
      await Promise.resolve();
      expect(today()).toBe('2025-03-14');
      expect(today('Europe/Moscow', new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-01');
    });
    expect(today()).toBe(real);
  });
});
