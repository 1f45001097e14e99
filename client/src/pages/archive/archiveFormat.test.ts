import { describe, expect, test } from 'vitest';
import { archiveAbilities, dateRange, day, nextReviewStep, nextTab, reviewEditable } from './archiveFormat.ts';

describe('archive formatting', () => {
  test('dates are written day first, ranges collapse when one day', () => {
    expect(day('2026-03-07')).toBe('07.03.2026');
    expect(day(null)).toBe('—');
    expect(dateRange({ startDate: '2026-01-12', endDate: '2026-12-28' })).toBe('12.01.2026 – 28.12.2026');
    expect(dateRange({ startDate: '2026-01-12', endDate: '2026-01-12' })).toBe('12.01.2026');
    expect(dateRange({ startDate: null, endDate: null })).toBe('—');
  });

  test('controls follow the roles: a lawyer places holds but does not manage', () => {
    expect(archiveAbilities(['lawyer'])).toEqual({ manage: false, cases: false, file: false, approve: false, review: false, hold: true });
    expect(archiveAbilities(['archivist'])).toEqual({ manage: true, cases: true, file: true, approve: true, review: true, hold: true });
    expect(archiveAbilities(['clerk', 'manager'])).toMatchObject({ manage: false, cases: true, approve: true, review: true });
    expect(archiveAbilities(['clerk'])).toMatchObject({ review: false, approve: false });
  });

  test('a draft is editable before the ЭПК has it and after it was returned, not while submitted or once agreed', () => {
    const review = (status: 'submitted' | 'agreed' | 'returned') => ({ status, submittedAt: null, decidedByName: null, decidedAt: null, protocolNumber: null, protocolDate: null, remarks: null });
    expect(reviewEditable({ review: null })).toBe(true);
    expect(reviewEditable({ review: review('returned') })).toBe(true);
    expect(reviewEditable({ review: review('submitted') })).toBe(false);
    expect(reviewEditable({ review: review('agreed') })).toBe(false);
  });

  test('an inventory of permanent or personnel cases goes to the archive’s commission after the organisation’s; a returned one is editable', () => {
    const review = { status: 'agreed' as const, submittedAt: null, decidedByName: null, decidedAt: null, protocolNumber: '5', protocolDate: '2026-11-20', remarks: null };
    expect(nextReviewStep({ reviewStage: 'agreed', archiveReviewRequired: true })).toBe('submitArchive');
    expect(nextReviewStep({ reviewStage: 'agreed', archiveReviewRequired: false })).toBe('approve');
    expect(nextReviewStep({ reviewStage: 'archive_submitted', archiveReviewRequired: true })).toBe('decideArchive');
    expect(nextReviewStep({ reviewStage: 'archive_agreed', archiveReviewRequired: true })).toBe('approve');
    expect(nextReviewStep({ reviewStage: 'archive_returned', archiveReviewRequired: true })).toBe('submit');
    expect(nextReviewStep({ reviewStage: 'none', archiveReviewRequired: true })).toBe('submit');
    expect(reviewEditable({ review, reviewStage: 'archive_returned' })).toBe(true);
    expect(reviewEditable({ review, reviewStage: 'archive_submitted' })).toBe(false);
  });

  test('tab keys move and wrap', () => {
    const tabs = ['a', 'b', 'c'] as const;
    expect(nextTab(tabs, 'a', 'ArrowRight')).toBe('b');
    expect(nextTab(tabs, 'c', 'ArrowRight')).toBe('a');
    expect(nextTab(tabs, 'a', 'ArrowLeft')).toBe('c');
    expect(nextTab(tabs, 'b', 'End')).toBe('c');
    expect(nextTab(tabs, 'b', 'Home')).toBe('a');
    expect(nextTab(tabs, 'b', 'Enter')).toBeNull();
  });
});
