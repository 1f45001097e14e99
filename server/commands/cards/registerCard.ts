// Registration: the card gets its journal's next number and today's date.
// The number is taken by one statement that also writes it into the card, followed only by the audit entry and
// the commit, so the journal's counter row is locked for as short a time as possible (records/numbering.ts).
import type { Knex } from 'knex';
import type { WriteUnit } from '../../http/route.ts';
import { SharedCache } from '../../db/sharedCache.ts';
import { AppError } from '../../http/problem.ts';
import { Card, type CardKind } from '../../models/Card.ts';
import type { TenantScope } from '../../tenancy/scope.ts';
import { Journal } from '../../models/Journal.ts';
import { Department } from '../../models/Department.ts';
import { formatNumber, NumberTemplateError, SEQ_SLOT, assignNumber, seqWidthOf } from '../../records/numbering.ts';
import { assertTransition } from '../../records/lifecycle.ts';
import { today } from '../../records/today.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { auditEntry, ensureChainHead } from '../../audit/appendAudit.ts';

/**
 * The journal a card of this kind is registered in: the one named, or the kind's first active journal. Callers on
 * the hot path read it before joining the registration group (a journal changes rarely; the group's serial
 * section should only hold what needs the locks).
 */
export async function findJournal(scope: TenantScope, kind: CardKind, journalId: string | null | undefined): Promise<Journal> {
  // Inside a transaction, read through it (it may hold the journal's own uncommitted change); outside, through the
  // cache that every journal change clears in every process at commit (db/sharedCache.ts).
  const read = async (): Promise<Journal | null> =>
    journalId ? ((await scope.query(Journal).findById(journalId)) ?? null) : ((await scope.query(Journal).where({ kind, active: true }).orderBy('created_at').first()) ?? null);
  const journal = (scope.db as Knex.Transaction).isTransaction ? await read() : await journals.get(`${scope.orgId}:${kind}:${journalId ?? ''}`, read);
  if (journal && journal.active && journal.kind === kind) return journal;
  throw new AppError('JOURNAL_NOT_FOUND');
}

export const JOURNAL_CACHE = 'journals';
const journals = new SharedCache<Journal | null>(JOURNAL_CACHE, 10_000);

async function departmentCode(unit: WriteUnit, departmentId: string | null): Promise<string | null> {
  return departmentId ? (await unit.scope.findOr404(Department, departmentId)).code : null;
}

/**
 * @param requisites what the card was created with, when creation and registration are one step: recorded in
 *   the same audit entry instead of a separate one.
 */
export async function registerCard(unit: WriteUnit, card: Card, journal: Journal, requisites?: Record<string, unknown>): Promise<Card> {
  assertTransition(card.status, 'registered');
  if (journal.kind !== card.kind) throw new AppError('JOURNAL_NOT_FOUND');
  const regDate = today();
  const calendarYear = Number(regDate.slice(0, 4));
  const counterYear = journal.resetYearly ? calendarYear : 0;
  const dept = (await departmentCode(unit, card.departmentId)) ?? (await departmentCode(unit, journal.departmentId));
  let pattern: string;
  try {
    // Everything but the sequence number is filled in now; the database puts the number into the slot.
    pattern = formatNumber(journal.numberTemplate, { prefix: journal.prefix, seq: SEQ_SLOT, year: calendarYear, dept, caseIndex: card.caseIndex });
  } catch (error) {
    if (error instanceof NumberTemplateError) throw new AppError('NUMBER_TEMPLATE_INVALID', { ru: `Шаблон номера «${journal.numberTemplate}» не применим: ${error.message}`, en: error.message });
    throw error;
  }
  await reindexCard(unit.trx, unit.scope.orgId, card.id);
  // The registration number is not in the payload: the statement that takes it also binds it into the entry's hash.
  const audit = auditEntry(
    unit.auditEvent({ action: 'card.registered', objectType: 'card', objectId: card.id, payload: { ...(requisites ?? {}), regDate, journalId: journal.id } }),
  );
  await ensureChainHead(unit.trx, audit.fields.chain);
  const assigned = await assignNumber(unit.trx, {
    cardId: card.id,
    orgId: unit.scope.orgId,
    version: card.version,
    journalId: journal.id,
    counterYear,
    pattern,
    seqWidth: seqWidthOf(journal.numberTemplate),
    regDate,
  }, audit);
  if (!assigned) throw new AppError('PRECONDITION_FAILED');
  return Card.fromDatabaseJson(assigned.row);
}

/**
 * Registrations of one organisation contend for its journals' counters and its audit-chain head until COMMIT,
 * so they share group commits (server/db/groupCommit.ts) instead of queueing for those locks one flush at a time.
 */
export function registrationGroup(orgId: string): { group: string } {
  return { group: `registration:${orgId}` };
}
