import type { ArchiveCase, CaseStatus, ExpertReview, InventoryKind, ReviewStage } from '../../api/archiveEndpoints.ts';
import type { MessageKey } from '../../i18n/ru.ts';

/** What the user may do here. Mirrors server/policies only to decide which controls to show; the server decides. */
export interface ArchiveAbilities {
  manage: boolean;
  cases: boolean;
  file: boolean;
  approve: boolean;
  /** recording the expert commission's decision (протокол ЭПК) */
  review: boolean;
  hold: boolean;
}

const ALLOWED: Record<keyof ArchiveAbilities, readonly string[]> = {
  manage: ['admin', 'archivist'],
  cases: ['admin', 'clerk', 'archivist'],
  file: ['admin', 'clerk', 'archivist'],
  approve: ['admin', 'archivist', 'manager'],
  review: ['admin', 'archivist', 'manager'],
  hold: ['admin', 'archivist', 'lawyer'],
};

export function archiveAbilities(roles: readonly string[]): ArchiveAbilities {
  const has = (ability: keyof ArchiveAbilities) => roles.some((role) => ALLOWED[ability].includes(role));
  return { manage: has('manage'), cases: has('cases'), file: has('file'), approve: has('approve'), review: has('review'), hold: has('hold') };
}

/** 'YYYY-MM-DD' → 'ДД.ММ.ГГГГ', the way dates are written on Russian records; '—' when absent. */
export function day(value: string | null | undefined): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/** The documents' date range of a case (крайние даты). */
export function dateRange(c: Pick<ArchiveCase, 'startDate' | 'endDate'>): string {
  if (!c.startDate && !c.endDate) return '—';
  return c.startDate === c.endDate ? day(c.startDate) : `${day(c.startDate)} – ${day(c.endDate)}`;
}

/**
 * A draft may be changed and (re)submitted to the commission (ЭПК) only before submission or after it was returned —
 * by the organisation's commission or, for an inventory, by the archive's.
 */
export const reviewEditable = (doc: { review: ExpertReview | null; reviewStage?: ReviewStage }): boolean =>
  doc.reviewStage ? ['none', 'returned', 'archive_returned'].includes(doc.reviewStage) : doc.review === null || doc.review.status === 'returned';

/** The review step an inventory may take next, given its stage (server/archive/expertReview.ts decides). */
export function nextReviewStep(inv: { reviewStage: ReviewStage; archiveReviewRequired: boolean }): 'submit' | 'decide' | 'submitArchive' | 'decideArchive' | 'approve' {
  switch (inv.reviewStage) {
    case 'submitted':
      return 'decide';
    case 'agreed':
      return inv.archiveReviewRequired ? 'submitArchive' : 'approve';
    case 'archive_submitted':
      return 'decideArchive';
    case 'archive_agreed':
      return 'approve';
    default:
      return 'submit';
  }
}

export const caseStatusKey = (status: CaseStatus): MessageKey => `archive.caseStatus.${status}`;
export const inventoryKindKey = (kind: InventoryKind): MessageKey => `archive.inventoryKind.${kind}`;

/** Keyboard for a tab list (WAI-ARIA): arrows move and wrap, Home and End jump. */
export function nextTab<T>(tabs: readonly T[], current: T, key: string): T | null {
  const index = tabs.indexOf(current);
  if (index < 0) return null;
  if (key === 'ArrowRight') return tabs[(index + 1) % tabs.length] ?? null;
  if (key === 'ArrowLeft') return tabs[(index - 1 + tabs.length) % tabs.length] ?? null;
  if (key === 'Home') return tabs[0] ?? null;
  if (key === 'End') return tabs[tabs.length - 1] ?? null;
  return null;
}
