// Filing a document in a case (списание в дело). The case is the organisation's case with the given index in the
// card's year, or the case given by id; a closed case refuses. Without such a case the index is kept as free text,
// as before cases were kept.
import type { WriteUnit } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { Case } from '../../models/Case.ts';
import { isUuid } from '../../tenancy/scope.ts';
import { assertTransition } from '../../records/lifecycle.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { today } from '../../records/today.ts';

export interface FileInCaseInput {
  caseIndex?: string;
  caseId?: string;
  note?: string;
}

/** The year a card belongs to for filing: its registration year, else the year of its registration date, else now. */
export function cardYear(card: Card): number {
  return card.regYear ?? Number((card.regDate ?? today()).slice(0, 4));
}

async function resolveCase(unit: WriteUnit, card: Card, input: FileInCaseInput): Promise<Case | null> {
  const year = cardYear(card);
  if (input.caseId) {
    const found = isUuid(input.caseId) ? await unit.scope.query(Case).findById(input.caseId) : undefined;
    if (!found) throw new AppError('CASE_NOT_FOUND');
    if (found.year !== year) {
      throw new AppError('CASE_YEAR_MISMATCH', { ru: `Документ ${year} года нельзя подшить в дело ${found.caseIndex} за ${found.year} год`, en: `A ${year} document cannot go into case ${found.caseIndex} of ${found.year}` });
    }
    return found;
  }
  if (!input.caseIndex) throw new AppError('CASE_REFERENCE_REQUIRED');
  return (await unit.scope.query(Case).where({ case_index: input.caseIndex, year }).first()) ?? null;
}

export async function fileCardInCase(unit: WriteUnit, cardId: string, expectedVersion: number, input: FileInCaseInput): Promise<Card> {
  const current = await unit.scope.findOr404(Card, cardId);
  if (current.version !== expectedVersion) throw new AppError('PRECONDITION_FAILED');
  assertTransition(current.status, 'filed');
  const found = await resolveCase(unit, current, input);
  // Lock the case row so that closing cannot slip between this check and the filing.
  const target = found ? ((await unit.scope.query(Case).findById(found.id).forUpdate()) ?? null) : null;
  if (target && target.status !== 'open') {
    throw new AppError('CASE_CLOSED', {
      ru: `Дело ${target.caseIndex} за ${target.year} год закрыто${target.closedOn ? ` ${target.closedOn}` : ''}: документы в него больше не подшиваются`,
      en: `Case ${target.caseIndex} of ${target.year} is closed: no more documents can be filed in it`,
      extensions: { caseId: target.id },
    });
  }
  const caseIndex = target?.caseIndex ?? (input.caseIndex as string);
  await unit.scope.query(Card).findById(current.id).patch({ status: 'filed', caseIndex, caseId: target?.id ?? null, version: current.version + 1, updatedAt: new Date() });
  await reindexCard(unit.trx, unit.scope.orgId, current.id);
  await unit.audit({ action: 'card.filed', objectType: 'card', objectId: current.id, payload: { caseIndex, caseId: target?.id ?? null, from: current.status, note: input.note ?? null } });
  return unit.scope.findOr404(Card, current.id);
}
