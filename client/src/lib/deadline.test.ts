import { describe, expect, it } from 'vitest';
import { DeadlineInputError, deadlineFields, emptyDeadline } from './deadline.ts';

describe('deadlineFields', () => {
  it('sends nothing, a date, or N days of a kind', () => {
    expect(deadlineFields(emptyDeadline())).toEqual({});
    expect(deadlineFields({ ...emptyDeadline(), mode: 'date', date: '2026-12-01' })).toEqual({ deadline: '2026-12-01' });
    expect(deadlineFields({ ...emptyDeadline(), mode: 'days', days: '10', dayType: 'calendar' })).toEqual({
      deadlineIn: { days: 10, type: 'calendar' },
    });
  });

  it('refuses a chosen mode without a usable value', () => {
    expect(() => deadlineFields({ ...emptyDeadline(), mode: 'days', days: '0' })).toThrow(DeadlineInputError);
    expect(() => deadlineFields({ ...emptyDeadline(), mode: 'days', days: '2.5' })).toThrow(DeadlineInputError);
    expect(() => deadlineFields({ ...emptyDeadline(), mode: 'date', date: '' })).toThrow(DeadlineInputError);
  });
});
