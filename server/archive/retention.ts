// Retention of cases (сроки хранения). A term of N years runs from 1 January of the year after the case was
// closed (закончено делопроизводством): a case closed in 2020 with 5 years may be destroyed from 2026-01-01.
// Permanent cases are never destroyed; ДМН ("until superseded") cases are due from the day they are superseded.
import type { RetentionKind } from '../models/NomenclatureItem.ts';
import type { InventoryKind } from '../models/Inventory.ts';

export interface RetentionTerm {
  retentionKind: RetentionKind;
  retentionYears: number | null;
}

export interface RetainedCase extends RetentionTerm {
  status: string;
  closedOn: string | null;
  supersededOn: string | null;
  personnel: boolean;
}

/** The first day on which the case may be destroyed; null while it may not (open, permanent, ДМН not superseded). */
export function destructionDueOn(c: RetainedCase): string | null {
  if (c.retentionKind === 'permanent') return null;
  if (!c.closedOn) return null;
  if (c.retentionKind === 'until_superseded') return c.supersededOn;
  const closedYear = Number(c.closedOn.slice(0, 4));
  return `${closedYear + 1 + (c.retentionYears ?? 0)}-01-01`;
}

/** Whether destruction is due on `asOf` (YYYY-MM-DD). Legal holds are checked separately: they block, not postpone. */
export function isDestructionDue(c: RetainedCase, asOf: string): boolean {
  const due = destructionDueOn(c);
  return due !== null && due <= asOf;
}

/** Long-term storage (долговременное хранение) is a term over ten years. */
export function isLongTerm(t: RetentionTerm): boolean {
  return t.retentionKind === 'years' && (t.retentionYears ?? 0) > 10;
}

/** Which inventory a closed case belongs in, or null for temporary cases (up to ten years, ДМН) that get none. */
export function inventoryKindOf(c: RetentionTerm & { personnel: boolean }): InventoryKind | null {
  if (c.personnel && (c.retentionKind === 'permanent' || isLongTerm(c))) return 'personnel';
  if (c.retentionKind === 'permanent') return 'permanent';
  if (isLongTerm(c)) return 'long_term';
  return null;
}

export function retentionLabel(t: RetentionTerm): { ru: string; en: string } {
  if (t.retentionKind === 'permanent') return { ru: 'постоянно', en: 'permanent' };
  if (t.retentionKind === 'until_superseded') return { ru: 'ДМН', en: 'until superseded' };
  const n = t.retentionYears ?? 0;
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? 'год' : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'года' : 'лет';
  return { ru: `${n} ${word}`, en: `${n} years` };
}
