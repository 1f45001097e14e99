// Cases (дела): opened from nomenclature lines, closed at year end (computing the documents' date range, count and
// sheets), put under a legal hold (запрет уничтожения) and released.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { NomenclatureItem } from '../../models/NomenclatureItem.ts';
import { Case, type CaseStatus } from '../../models/Case.ts';
import { today } from '../../records/today.ts';
import { runCaseClosed, runLegalHoldChanged } from '../../archive/hooks.ts';

const STATUS_RU: Record<CaseStatus, string> = { open: 'открыто', closed: 'закрыто', in_inventory: 'включено в опись', destroyed: 'уничтожено', transferred: 'передано в архив' };

export function assertCaseStatus(c: Case, allowed: readonly CaseStatus[], action: { ru: string; en: string }): void {
  if (!allowed.includes(c.status)) {
    throw new AppError('CASE_TRANSITION_FORBIDDEN', {
      ru: `Нельзя ${action.ru}: дело ${c.caseIndex} ${STATUS_RU[c.status]}`,
      en: `Cannot ${action.en}: case ${c.caseIndex} is ${c.status.replace('_', ' ')}`,
      extensions: { status: c.status },
    });
  }
}

export async function openCase(unit: WriteUnit, nomenclatureItemId: string, title?: string): Promise<Case> {
  const item = await unit.scope.findOr404(NomenclatureItem, nomenclatureItemId);
  if (await unit.scope.query(Case).where({ year: item.year, case_index: item.caseIndex }).first()) throw new AppError('CASE_ALREADY_OPENED');
  const opened = await unit.scope.insertQuery(Case).insertAndFetch({
    nomenclatureItemId: item.id,
    caseIndex: item.caseIndex,
    title: title ?? item.title,
    year: item.year,
    status: 'open',
    retentionKind: item.retentionKind,
    retentionYears: item.retentionYears,
    personnel: item.personnel,
    listArticle: item.listArticle,
    openedOn: today(),
  });
  await unit.audit({ action: 'case.opened', objectType: 'case', objectId: opened.id, payload: { caseIndex: opened.caseIndex, year: opened.year, nomenclatureItemId: item.id } });
  return opened;
}

/** Opens a case for every line of the year's nomenclature that has none yet. */
export async function openYearCases(unit: WriteUnit, year: number): Promise<Case[]> {
  const items = await unit.scope.query(NomenclatureItem).where({ year }).whereNotExists((q) => q.select(1).from('cases').whereRaw('cases.nomenclature_item_id = nomenclature_items.id')).orderBy('case_index');
  const opened: Case[] = [];
  for (const item of items) opened.push(await openCase(unit, item.id));
  return opened;
}

interface CaseStats {
  documents: number;
  sheets: number;
  start: string | null;
  end: string | null;
}

/** The documents of a case: count, sheets (листы), first and last document date. Cancelled cards do not count. */
export async function caseStats(unit: WriteUnit, caseId: string): Promise<CaseStats> {
  const row = (await unit.scope
    .table('cards')
    .where({ case_id: caseId })
    .whereNot('status', 'cancelled')
    .first(
      unit.trx.raw('count(*)::int AS documents'),
      unit.trx.raw('coalesce(sum(coalesce(sheets, 1)), 0)::int AS sheets'),
      unit.trx.raw('min(coalesce(reg_date, out_date, created_at::date)) AS start'),
      unit.trx.raw('max(coalesce(reg_date, out_date, created_at::date)) AS "end"'),
    )) as { documents: number; sheets: number; start: string | null; end: string | null };
  return row;
}

export async function closeCase(unit: WriteUnit, id: string, closedOn: string = today()): Promise<Case> {
  const current = await unit.scope.query(Case).findById(id).forUpdate();
  if (!current) throw new AppError('NOT_FOUND');
  assertCaseStatus(current, ['open'], { ru: 'закрыть дело', en: 'close the case' });
  // Retention runs from the closing year, so a date outside the case's year…today would shift it.
  if (closedOn < `${current.year}-01-01` || closedOn > today()) {
    throw new AppError('CASE_CLOSE_DATE_INVALID', {
      ru: `Дату закрытия дела ${current.year} года можно указать с 01.01.${current.year} по сегодняшний день`,
      en: `A case of ${current.year} closes between ${current.year}-01-01 and today`,
    });
  }
  const stats = await caseStats(unit, id);
  const closed = await unit.scope.patchVersioned(Case, id, current.version, {
    status: 'closed',
    closedOn,
    documentsCount: stats.documents,
    sheets: stats.sheets,
    startDate: stats.start,
    endDate: stats.end,
    updatedAt: new Date(),
  });
  await runCaseClosed(unit, closed);
  await unit.audit({ action: 'case.closed', objectType: 'case', objectId: id, payload: { caseIndex: closed.caseIndex, year: closed.year, closedOn, documents: stats.documents, sheets: stats.sheets, startDate: stats.start, endDate: stats.end } });
  return closed;
}

/** Year end: closes every open case of the year. */
export async function closeYearCases(unit: WriteUnit, year: number, closedOn?: string): Promise<Case[]> {
  const open = await unit.scope.query(Case).where({ year, status: 'open' }).orderBy('case_index');
  const on = closedOn ?? (Number(today().slice(0, 4)) > year ? `${year}-12-31` : today());
  const closed: Case[] = [];
  for (const c of open) closed.push(await closeCase(unit, c.id, on));
  return closed;
}

export async function reopenCase(unit: WriteUnit, id: string, expectedVersion: number): Promise<Case> {
  const current = await unit.scope.findVersioned(Case, id, expectedVersion);
  assertCaseStatus(current, ['closed'], { ru: 'вновь открыть дело', en: 'reopen the case' });
  const reopened = await unit.scope.patchVersioned(Case, id, expectedVersion, { status: 'open', closedOn: null, updatedAt: new Date() });
  await unit.audit({ action: 'case.reopened', objectType: 'case', objectId: id, payload: { caseIndex: current.caseIndex, year: current.year } });
  return reopened;
}

export async function updateCase(unit: WriteUnit, id: string, expectedVersion: number, input: { title?: string; supersededOn?: string | null }): Promise<Case> {
  const before = await unit.scope.findVersioned(Case, id, expectedVersion);
  if (input.supersededOn !== undefined && before.retentionKind !== 'until_superseded' && input.supersededOn !== null) {
    throw new AppError('RETENTION_TERM_INVALID', { ru: 'Дата минования надобности ставится только делам со сроком «ДМН»', en: 'Only "until superseded" cases take a superseded date' });
  }
  assertCaseStatus(before, ['open', 'closed', 'in_inventory'], { ru: 'изменить дело', en: 'edit the case' });
  const after = await unit.scope.patchVersioned(Case, id, expectedVersion, { ...input, updatedAt: new Date() });
  await unit.audit({ action: 'case.updated', objectType: 'case', objectId: id, payload: { from: { title: before.title, supersededOn: before.supersededOn }, to: input } });
  return after;
}

export async function placeLegalHold(unit: WriteUnit, actor: Actor, id: string, reason: string | undefined): Promise<Case> {
  const text = reason?.trim();
  const current = await unit.scope.findOr404(Case, id);
  if (!text) throw new AppError('LEGAL_HOLD_REASON_REQUIRED');
  assertCaseStatus(current, ['open', 'closed', 'in_inventory'], { ru: 'наложить запрет уничтожения', en: 'place a legal hold' });
  const held = await unit.scope.patchVersioned(Case, id, current.version, { legalHold: true, legalHoldReason: text, legalHoldAt: new Date(), legalHoldBy: actor.userId, updatedAt: new Date() });
  const storage = await runLegalHoldChanged(unit, held, true);
  await unit.audit({ action: 'case.legal_hold_placed', objectType: 'case', objectId: id, payload: { caseIndex: current.caseIndex, year: current.year, reason: text, ...storage } });
  return held;
}

export async function releaseLegalHold(unit: WriteUnit, id: string, reason: string | undefined): Promise<Case> {
  const text = reason?.trim();
  const current = await unit.scope.findOr404(Case, id);
  if (!text) throw new AppError('LEGAL_HOLD_REASON_REQUIRED', { ru: 'Укажите основание снятия запрета уничтожения', en: 'Give the reason for releasing the legal hold' });
  if (!current.legalHold) return current;
  const released = await unit.scope.patchVersioned(Case, id, current.version, { legalHold: false, legalHoldReason: null, legalHoldAt: null, legalHoldBy: null, updatedAt: new Date() });
  const storage = await runLegalHoldChanged(unit, released, false);
  await unit.audit({ action: 'case.legal_hold_released', objectType: 'case', objectId: id, payload: { caseIndex: current.caseIndex, year: current.year, reason: text, heldSince: current.legalHoldAt?.toISOString() ?? null, heldFor: current.legalHoldReason, ...storage } });
  return released;
}
