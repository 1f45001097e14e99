import type { DeadlineDayType, DeadlineIn } from '../api/records.ts';

/** What the deadline control holds: no deadline, a date, or N calendar/working days from registration. */
export interface DeadlineChoice {
  mode: 'none' | 'date' | 'days';
  date: string;
  days: string;
  dayType: DeadlineDayType;
}

export function emptyDeadline(): DeadlineChoice {
  return { mode: 'none', date: '', days: '', dayType: 'working' };
}

export class DeadlineInputError extends Error {
  readonly code = 'DEADLINE_INPUT_INVALID';
}

/** The request fields for a choice; throws when the chosen mode lacks its value. */
export function deadlineFields(choice: DeadlineChoice): { deadline?: string; deadlineIn?: DeadlineIn } {
  if (choice.mode === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(choice.date)) throw new DeadlineInputError('date');
    return { deadline: choice.date };
  }
  if (choice.mode === 'days') {
    const days = Number(choice.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new DeadlineInputError('days');
    return { deadlineIn: { days, type: choice.dayType } };
  }
  return {};
}
