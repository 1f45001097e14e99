import { describe, expect, it } from 'vitest';
import { badgeCount } from './badges.ts';

describe('badgeCount', () => {
  it('counts what each section is waiting for', () => {
    const counts = { todo: 2, overdue: 1, dueSoon: 1, onControl: 3, awaitingRegistration: 4, awaitingResolution: 5, awaitingApproval: 6 };
    expect(badgeCount('assignments', counts)).toBe(5);
    expect(badgeCount('resolution', counts)).toBe(5);
    expect(badgeCount('registration', counts)).toBe(4);
    expect(badgeCount('approvals', counts)).toBe(6);
  });
});
