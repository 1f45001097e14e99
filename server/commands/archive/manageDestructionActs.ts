// Destruction acts (акты о выделении к уничтожению): proposed from cases whose retention has expired, approved,
// then executed — the cases' cards and files are purged, tombstones stay in the audit log. A legal hold on any
// case blocks creating, approving and executing an act that lists it.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import type { TenantScope } from '../../tenancy/scope.ts';
import { AppError } from '../../http/problem.ts';
import { Case } from '../../models/Case.ts';
import { DestructionAct } from '../../models/DestructionAct.ts';
import type { BlobStore } from '../../storage/index.ts';
import { destructionDueOn, isDestructionDue } from '../../archive/retention.ts';
import { pdfTime } from '../../archive/inventoryDocument.ts';
import { actContent, actPdf, type ActContent } from '../../archive/destructionActDocument.ts';
import { organisationOf, signatoryOf } from '../../archive/formParties.ts';
import { approvalTime, freezeApproval } from '../../archive/approval.ts';
import { agreementOf, assertReviewStep, decisionPatch, reviewAuditPayload, submissionPatch, type ReviewDecision } from '../../archive/expertReview.ts';
import { purgeCaseCards } from '../../archive/purge.ts';
import { assertPermanentInventoriesAgreed } from '../../archive/permanentInventories.ts';
import { runCasesDestroyed, runDestructionActApproved } from '../../archive/hooks.ts';
import { today } from '../../records/today.ts';

/** Cases that may be selected for destruction on `asOf`: closed (or listed in a long-term inventory), due, not held, in no pending act. */
export async function destructionCandidates(scope: TenantScope, asOf: string, options: { includeHeld?: boolean; exceptActId?: string } = {}): Promise<Case[]> {
  const rows = await scope
    .query(Case)
    .whereIn('status', ['closed', 'in_inventory'])
    .whereNot('retention_kind', 'permanent')
    .modify((q) => {
      if (!options.includeHeld) q.where('legal_hold', false);
    })
    .whereNotExists((q) => {
      q.select(1)
        .from('destruction_act_items')
        .join('destruction_acts', 'destruction_acts.id', 'destruction_act_items.act_id')
        .whereRaw('destruction_act_items.case_id = cases.id')
        .whereIn('destruction_acts.status', ['draft', 'approved']);
      if (options.exceptActId) q.whereNot('destruction_acts.id', options.exceptActId);
    })
    .orderBy([{ column: 'year' }, { column: 'case_index' }]);
  return rows.filter((c) => isDestructionDue(c, asOf));
}

function assertNotHeld(cases: Case[]): void {
  const held = cases.filter((c) => c.legalHold);
  if (held.length > 0) {
    throw new AppError('CASE_LEGAL_HOLD', {
      ru: `Дела под запретом уничтожения: ${held.map((c) => `${c.caseIndex} (${c.year}): ${c.legalHoldReason ?? ''}`).join('; ')}`,
      en: `Cases under a legal hold: ${held.map((c) => `${c.caseIndex} (${c.year})`).join(', ')}`,
      extensions: { caseIds: held.map((c) => c.id) },
    });
  }
}

export async function actCases(scope: TenantScope, actId: string, lock = false): Promise<Case[]> {
  return scope
    .query(Case)
    .join('destruction_act_items', 'destruction_act_items.case_id', 'cases.id')
    .where('destruction_act_items.act_id', actId)
    .orderBy('destruction_act_items.position')
    .select('cases.*')
    .modify((q) => {
      if (lock) q.forUpdate();
    });
}



/** The cases must all still be destructible on `asOf`; a held one is named as such. */
async function assertDestructible(scope: TenantScope, chosen: Case[], asOf: string, actId?: string): Promise<void> {
  assertNotHeld(chosen);
  const candidates = new Set((await destructionCandidates(scope, asOf, actId ? { exceptActId: actId } : {})).map((c) => c.id));
  const invalid = chosen.filter((c) => !candidates.has(c.id));
  if (invalid.length > 0) {
    throw new AppError('DESTRUCTION_CASES_INVALID', {
      extensions: { caseIds: invalid.map((c) => c.id), cases: invalid.map((c) => ({ id: c.id, caseIndex: c.caseIndex, status: c.status, destructionDueOn: destructionDueOn(c) })) },
    });
  }
}

export async function createDestructionAct(unit: WriteUnit, actor: Actor, input: { reason?: string; fundNumber?: string; caseIds?: string[] }): Promise<DestructionAct> {
  const asOf = today();
  const chosen = input.caseIds
    ? await unit.scope.query(Case).whereIn('id', input.caseIds).orderBy([{ column: 'year' }, { column: 'case_index' }])
    : await destructionCandidates(unit.scope, asOf);
  if (input.caseIds && chosen.length !== new Set(input.caseIds).size) throw new AppError('CASE_NOT_FOUND');
  if (chosen.length === 0) throw new AppError('DESTRUCTION_ACT_EMPTY');
  await assertDestructible(unit.scope, chosen, asOf);
  const year = Number(asOf.slice(0, 4));
  const last = (await unit.scope.table('destruction_acts').where({ year }).max('number as n').first()) as { n: number | null } | undefined;
  const number = (last?.n ?? 0) + 1;
  const act = await unit.scope.insertQuery(DestructionAct).insertAndFetch({
    year,
    number,
    reason: input.reason?.trim() || 'Истечение сроков хранения',
    status: 'draft',
    fundNumber: input.fundNumber?.trim() || null,
    createdBy: actor.userId,
  });
  await unit.trx('destruction_act_items').insert(chosen.map((c, i) => ({ act_id: act.id, org_id: unit.scope.orgId, case_id: c.id, position: i + 1 })));
  await unit.audit({ action: 'destruction_act.created', objectType: 'destruction_act', objectId: act.id, payload: { number: `${number}/${year}`, reason: act.reason, caseIds: chosen.map((c) => c.id), cases: chosen.map((c) => `${c.caseIndex}/${c.year}`) } });
  return act;
}

function assertActStatus(act: DestructionAct, status: DestructionAct['status'], action: { ru: string; en: string }): void {
  if (act.status !== status) {
    throw new AppError('DESTRUCTION_ACT_STATE', { ru: `Нельзя ${action.ru}: акт ${act.status === 'executed' ? 'исполнен' : act.status === 'approved' ? 'утверждён' : 'не утверждён'}`, en: `Cannot ${action.en}: the act is ${act.status}`, extensions: { status: act.status } });
  }
}

export async function deleteDestructionAct(unit: WriteUnit, id: string, expectedVersion: number): Promise<void> {
  const act = await unit.scope.findVersioned(DestructionAct, id, expectedVersion);
  assertActStatus(act, 'draft', { ru: 'удалить акт', en: 'delete the act' });
  assertReviewStep(act, 'edit');
  await unit.scope.query(DestructionAct).where({ id, version: expectedVersion }).delete();
  await unit.audit({ action: 'destruction_act.deleted', objectType: 'destruction_act', objectId: id, payload: { number: `${act.number}/${act.year}` } });
}

/** The draft's content as it would be approved now (for the preview). */
export async function draftActContent(unit: Pick<WriteUnit, 'scope'>, act: DestructionAct): Promise<ActContent> {
  return contentOf(unit, act, await actCases(unit.scope, act.id), null);
}

async function contentOf(unit: Pick<WriteUnit, 'scope'>, act: DestructionAct, cases: Case[], approval: ActContent['approval']): Promise<ActContent> {
  return actContent(act, cases, { organisation: await organisationOf(unit), compiledBy: await signatoryOf(unit, act.createdBy), approval, expertReview: agreementOf(act) });
}

export async function approveDestructionAct(unit: WriteUnit, actor: Actor, blobs: BlobStore, id: string, expectedVersion: number): Promise<DestructionAct> {
  const act = await unit.scope.findVersioned(DestructionAct, id, expectedVersion);
  assertActStatus(act, 'draft', { ru: 'утвердить акт', en: 'approve the act' });
  assertReviewStep(act, 'approve');
  const cases = await actCases(unit.scope, id, true);
  await assertDestructible(unit.scope, cases, today(), id);
  await assertPermanentInventoriesAgreed(unit.scope, cases);
  const approvedAt = approvalTime();
  const approver = await signatoryOf(unit, actor.userId);
  const content = await contentOf(unit, act, cases, { by: actor.fullName, position: approver?.position ?? null, at: pdfTime(approvedAt) });
  const frozen = await freezeApproval(unit, actor, blobs, { approvedAt, content, pdf: await actPdf(content, id, approvedAt), holdReason: `destruction act ${id} approved` });
  const approved = await unit.scope.patchVersioned(DestructionAct, id, expectedVersion, frozen);
  await runDestructionActApproved(unit, approved, cases.map((c) => c.id));
  await unit.audit({ action: 'destruction_act.approved', objectType: 'destruction_act', objectId: id, payload: { number: content.number, approvedBy: actor.fullName, caseIds: cases.map((c) => c.id), pdfSha256: frozen.pdfSha256, expertProtocol: content.expertReview } });
  return approved;
}

/** Submits the draft act to the expert commission (ЭК/ЭПК); its cases must still be due and free of holds. */
export async function submitActForReview(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number): Promise<DestructionAct> {
  const act = await unit.scope.findVersioned(DestructionAct, id, expectedVersion);
  assertActStatus(act, 'draft', { ru: 'представить акт на ЭПК', en: 'submit the act for review' });
  assertReviewStep(act, 'submit');
  await assertDestructible(unit.scope, await actCases(unit.scope, id, true), today(), id);
  const after = await unit.scope.patchVersioned(DestructionAct, id, expectedVersion, submissionPatch(actor));
  await unit.audit({ action: 'destruction_act.review_submitted', objectType: 'destruction_act', objectId: id, payload: reviewAuditPayload(`акт № ${act.number}/${act.year}`, after) });
  return after;
}

/** Records the commission's decision on the act from its protocol. */
export async function recordActReview(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number, decision: ReviewDecision): Promise<DestructionAct> {
  const act = await unit.scope.findVersioned(DestructionAct, id, expectedVersion);
  assertActStatus(act, 'draft', { ru: 'записать решение ЭПК', en: 'record the review' });
  assertReviewStep(act, 'decide');
  const after = await unit.scope.patchVersioned(DestructionAct, id, expectedVersion, decisionPatch(actor, decision));
  await unit.audit({ action: `destruction_act.review_${decision.decision}`, objectType: 'destruction_act', objectId: id, payload: reviewAuditPayload(`акт № ${act.number}/${act.year}`, after) });
  return after;
}

export async function executeDestructionAct(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number): Promise<DestructionAct> {
  const act = await unit.scope.findVersioned(DestructionAct, id, expectedVersion);
  assertActStatus(act, 'approved', { ru: 'исполнить акт', en: 'execute the act' });
  // Locked: a legal hold placed now waits for this transaction, or is seen by it.
  const cases = await actCases(unit.scope, id, true);
  assertNotHeld(cases);
  const number = `${act.number}/${act.year}`;
  const caseIds = cases.map((c) => c.id);
  const { cardIds, blobs } = await purgeCaseCards(unit, caseIds, { actId: id, actNumber: number, reason: act.reason });
  await unit.scope.query(Case).whereIn('id', caseIds).patch({ status: 'destroyed', updatedAt: new Date() });
  const executed = await unit.scope.patchVersioned(DestructionAct, id, expectedVersion, {
    status: 'executed',
    executedBy: actor.userId,
    executedAt: new Date(),
    content: { ...act.content, purgedCards: cardIds.length, blobs: blobs.length },
    updatedAt: new Date(),
  });
  await runCasesDestroyed(unit, executed, { caseIds, cardIds });
  await unit.audit({ action: 'destruction_act.executed', objectType: 'destruction_act', objectId: id, payload: { number, caseIds, purgedCards: cardIds.length, blobs: blobs.length } });
  return executed;
}
