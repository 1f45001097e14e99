import { describe, expect, it } from 'vitest';
import { addIsoDays } from './appealDates.ts';

describe('addIsoDays', () => {
  it('counts calendar days across months, years and a leap day', () => {
    expect(addIsoDays('2026-12-25', 30)).toBe('2027-01-24');
    expect(addIsoDays('2028-02-15', 30)).toBe('2028-03-16');
    expect(addIsoDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
