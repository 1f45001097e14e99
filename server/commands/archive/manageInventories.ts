// Inventories (описи): drafts built from closed cases of one kind and year, edited while draft, approved once.
// Approval freezes the content (JSON snapshot) and the PDF/A (blob under a retention hold) and puts the cases in
// the inventory.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import type { BlobStore } from '../../storage/index.ts';
import { AppError } from '../../http/problem.ts';
import { Case } from '../../models/Case.ts';
import { Inventory, type InventoryKind } from '../../models/Inventory.ts';
import { inventoryKindOf } from '../../archive/retention.ts';
import { INVENTORY_KIND_RU, inventoryContent, inventoryPdf, pdfTime, type InventoryContent } from '../../archive/inventoryDocument.ts';
import { runInventoryApproved } from '../../archive/hooks.ts';
import { approvalTime, freezeApproval } from '../../archive/approval.ts';
import { departmentSections, isAcquisitionSource, organisationOf, signatoryOf } from '../../archive/formParties.ts';
import {
  agreementOf,
  archiveAgreementOf,
  archiveDecisionPatch,
  archiveReviewAuditPayload,
  archiveReviewCleared,
  archiveSubmissionPatch,
  assertReviewStep,
  decisionPatch,
  needsArchiveReview,
  reviewAuditPayload,
  submissionPatch,
  type ReviewDecision,
  type ReviewStep,
} from '../../archive/expertReview.ts';
import { assignCaseNumbers, normaliseCaseNumber } from '../../archive/inventoryNumbering.ts';

/** Numbers the archivist gave lines (case id → '12а'; null or '' takes the next number again). */
export type CaseNumbers = { caseId: string; number: string | null }[];

/** Closed cases that no inventory lists yet, of the kind and year when given: what a new inventory proposes. */
export async function eligibleCases(unit: Pick<WriteUnit, 'scope'>, filter: { kind?: InventoryKind; year?: number }, exceptInventoryId?: string): Promise<Case[]> {
  const closed = await unit.scope
    .query(Case)
    .where({ status: 'closed' })
    .modify((q) => {
      if (filter.year) q.where('year', filter.year);
    })
    .whereNotExists((q) => {
      q.select(1).from('inventory_items').whereRaw('inventory_items.case_id = cases.id');
      if (exceptInventoryId) q.whereNot('inventory_items.inventory_id', exceptInventoryId);
    })
    .orderBy([{ column: 'year' }, { column: 'case_index' }]);
  return closed.filter((c) => (filter.kind ? inventoryKindOf(c) === filter.kind : inventoryKindOf(c) !== null));
}

/** The numbers given to the inventory's lines, in its order (null: the next number). */
export async function givenNumbers(scope: WriteUnit['scope'], inventoryId: string): Promise<Map<string, string | null>> {
  const rows = (await scope.table('inventory_items').where({ inventory_id: inventoryId }).select('case_id', 'number')) as { case_id: string; number: string | null }[];
  return new Map(rows.map((r) => [r.case_id, r.number]));
}

async function setItems(unit: WriteUnit, inv: Inventory, caseIds: string[] | undefined, numbers: CaseNumbers | undefined): Promise<string[]> {
  const eligible = await eligibleCases(unit, { kind: inv.kind, year: inv.year }, inv.id);
  const current = await givenNumbers(unit.scope, inv.id);
  const chosen = caseIds ?? (current.size > 0 ? [...current.keys()] : eligible.map((c) => c.id));
  const byId = new Map(eligible.map((c) => [c.id, c]));
  const invalid = chosen.filter((id) => !byId.has(id));
  if (invalid.length > 0) throw new AppError('INVENTORY_CASES_INVALID', { extensions: { caseIds: invalid } });
  if (chosen.length === 0) throw new AppError('INVENTORY_EMPTY');
  const unlisted = (numbers ?? []).filter((n) => !chosen.includes(n.caseId)).map((n) => n.caseId);
  if (unlisted.length > 0) throw new AppError('INVENTORY_CASES_INVALID', { extensions: { caseIds: unlisted } });
  // A number given before stays with its case unless changed now.
  const given = new Map([...current, ...(numbers ?? []).map((n) => [n.caseId, normaliseCaseNumber(n.number)] as const)]);
  // Cases follow the nomenclature's order of indices, whatever order they were picked in.
  const ordered = eligible.filter((c) => chosen.includes(c.id));
  assignCaseNumbers(ordered.map((c) => given.get(c.id) ?? null));
  await unit.scope.table('inventory_items').where({ inventory_id: inv.id }).delete();
  await unit.trx('inventory_items').insert(ordered.map((c, i) => ({ inventory_id: inv.id, org_id: unit.scope.orgId, case_id: c.id, position: i + 1, number: given.get(c.id) ?? null })));
  return ordered.map((c) => c.id);
}

export async function createInventory(unit: WriteUnit, actor: Actor, input: { kind: InventoryKind; year: number; title?: string; fundNumber?: string; caseIds?: string[]; caseNumbers?: CaseNumbers }): Promise<Inventory> {
  const last = (await unit.scope.table('inventories').where({ year: input.year, kind: input.kind }).max('number as n').first()) as { n: number | null } | undefined;
  const number = (last?.n ?? 0) + 1;
  const inv = await unit.scope.insertQuery(Inventory).insertAndFetch({
    kind: input.kind,
    year: input.year,
    number,
    title: input.title ?? `Опись № ${number} ${INVENTORY_KIND_RU[input.kind]} за ${input.year} год`,
    status: 'draft',
    fundNumber: input.fundNumber?.trim() || null,
    archiveReviewRequired: await isAcquisitionSource(unit),
    createdBy: actor.userId,
  });
  const caseIds = await setItems(unit, inv, input.caseIds, input.caseNumbers);
  await unit.audit({ action: 'inventory.created', objectType: 'inventory', objectId: inv.id, payload: { kind: inv.kind, year: inv.year, number, fundNumber: inv.fundNumber, caseIds, caseNumbers: input.caseNumbers ?? null } });
  return inv;
}

function assertDraft(inv: Inventory): void {
  if (inv.status !== 'draft') throw new AppError('INVENTORY_NOT_DRAFT');
}

export async function updateInventory(unit: WriteUnit, id: string, expectedVersion: number, input: { title?: string; fundNumber?: string | null; caseIds?: string[]; caseNumbers?: CaseNumbers }): Promise<Inventory> {
  const inv = await unit.scope.findVersioned(Inventory, id, expectedVersion);
  assertDraft(inv);
  assertReviewStep(inv, 'edit');
  const caseIds = input.caseIds || input.caseNumbers ? await setItems(unit, inv, input.caseIds, input.caseNumbers) : undefined;
  const after = await unit.scope.patchVersioned(Inventory, id, expectedVersion, {
    ...(input.title ? { title: input.title } : {}),
    ...(input.fundNumber !== undefined ? { fundNumber: input.fundNumber?.trim() || null } : {}),
    updatedAt: new Date(),
  });
  await unit.audit({ action: 'inventory.updated', objectType: 'inventory', objectId: id, payload: { title: input.title ?? null, fundNumber: input.fundNumber ?? null, caseIds: caseIds ?? null, caseNumbers: input.caseNumbers ?? null } });
  return after;
}

export async function deleteInventory(unit: WriteUnit, id: string, expectedVersion: number): Promise<void> {
  const inv = await unit.scope.findVersioned(Inventory, id, expectedVersion);
  assertDraft(inv);
  assertReviewStep(inv, 'edit');
  await unit.scope.query(Inventory).where({ id, version: expectedVersion }).delete();
  await unit.audit({ action: 'inventory.deleted', objectType: 'inventory', objectId: id, payload: { kind: inv.kind, year: inv.year, number: inv.number } });
}

/** The inventory's cases in their listed order. */
export async function inventoryCases(scope: WriteUnit['scope'], inventoryId: string): Promise<Case[]> {
  return scope.query(Case).join('inventory_items', 'inventory_items.case_id', 'cases.id').where('inventory_items.inventory_id', inventoryId).orderBy('inventory_items.position').select('cases.*');
}

async function contentOf(unit: Pick<WriteUnit, 'scope'>, inv: Inventory, cases: Case[], approval: InventoryContent['approval']): Promise<InventoryContent> {
  const given = await givenNumbers(unit.scope, inv.id);
  return inventoryContent(inv, cases, {
    organisation: await organisationOf(unit),
    sections: await departmentSections(unit, cases),
    compiledBy: await signatoryOf(unit, inv.createdBy),
    approval,
    expertReview: agreementOf(inv),
    archiveReviewRequired: needsArchiveReview(inv),
    archiveReview: archiveAgreementOf(inv),
    numbers: assignCaseNumbers(cases.map((c) => given.get(c.id) ?? null)),
  });
}

/** The draft's content as it would be approved now (for the preview). */
export async function draftContent(unit: Pick<WriteUnit, 'scope'>, inv: Inventory): Promise<InventoryContent> {
  return contentOf(unit, inv, await inventoryCases(unit.scope, inv.id), null);
}

export async function approveInventory(unit: WriteUnit, actor: Actor, blobs: BlobStore, id: string, expectedVersion: number): Promise<Inventory> {
  const inv = await unit.scope.findVersioned(Inventory, id, expectedVersion);
  assertDraft(inv);
  assertReviewStep(inv, 'approve');
  const cases = await inventoryCases(unit.scope, id);
  if (cases.length === 0) throw new AppError('INVENTORY_EMPTY');
  const notClosed = cases.filter((c) => c.status !== 'closed');
  if (notClosed.length > 0) throw new AppError('INVENTORY_CASES_INVALID', { extensions: { caseIds: notClosed.map((c) => c.id) } });
  const approvedAt = approvalTime();
  const approver = await signatoryOf(unit, actor.userId);
  const content = await contentOf(unit, inv, cases, { by: actor.fullName, position: approver?.position ?? null, at: pdfTime(approvedAt) });
  const frozen = await freezeApproval(unit, actor, blobs, { approvedAt, content, pdf: await inventoryPdf(content, approvedAt), holdReason: `inventory ${inv.id} approved` });
  await unit.scope.query(Case).whereIn('id', cases.map((c) => c.id)).patch({ status: 'in_inventory', updatedAt: new Date() });
  const approved = await unit.scope.patchVersioned(Inventory, id, expectedVersion, frozen);
  await runInventoryApproved(unit, approved, cases.map((c) => c.id));
  await unit.audit({
    action: 'inventory.approved',
    objectType: 'inventory',
    objectId: id,
    payload: {
      kind: inv.kind,
      year: inv.year,
      number: inv.number,
      cases: cases.map((c) => c.caseIndex),
      pdfSha256: frozen.pdfSha256,
      approvedBy: actor.fullName,
      expertProtocol: content.expertReview,
      archiveExpertProtocol: content.archiveReview,
      numbering: content.numbering,
    },
  });
  return approved;
}

const inventoryLabel = (inv: Inventory): string => `опись № ${inv.number} ${INVENTORY_KIND_RU[inv.kind]} за ${inv.year} год`;

/**
 * The shape of every review step: the draft at the expected version, the step allowed from where it stands, one
 * patch, one audit entry (the action and its payload depend on the row after the patch).
 */
async function reviewStep(
  unit: WriteUnit,
  id: string,
  expectedVersion: number,
  step: ReviewStep,
  patchOf: (inv: Inventory) => Promise<Partial<Inventory>> | Partial<Inventory>,
  audit: { action: string; commission: 'organisation' | 'archive' },
): Promise<Inventory> {
  const inv = await unit.scope.findVersioned(Inventory, id, expectedVersion);
  assertDraft(inv);
  assertReviewStep(inv, step);
  const after = await unit.scope.patchVersioned(Inventory, id, expectedVersion, await patchOf(inv));
  const payloadOf = audit.commission === 'archive' ? archiveReviewAuditPayload : reviewAuditPayload;
  await unit.audit({ action: audit.action, objectType: 'inventory', objectId: id, payload: payloadOf(inventoryLabel(inv), after) });
  return after;
}

/** Submits the draft to the expert commission (ЭПК); it stays frozen for editing until the commission decides. */
export async function submitInventoryForReview(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number): Promise<Inventory> {
  return reviewStep(
    unit,
    id,
    expectedVersion,
    'submit',
    async () => {
      if ((await inventoryCases(unit.scope, id)).length === 0) throw new AppError('INVENTORY_EMPTY');
      // A new round goes through both commissions again, under the organisation's rule as it is now.
      return { ...submissionPatch(actor), ...archiveReviewCleared, archiveReviewRequired: await isAcquisitionSource(unit) };
    },
    { action: 'inventory.review_submitted', commission: 'organisation' },
  );
}

/** Records the commission's decision from its protocol: agreed (the head may approve) or returned with remarks. */
export async function recordInventoryReview(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number, decision: ReviewDecision): Promise<Inventory> {
  return reviewStep(unit, id, expectedVersion, 'decide', () => decisionPatch(actor, decision), { action: `inventory.review_${decision.decision}`, commission: 'organisation' });
}

/** Sends the inventory the organisation's commission agreed to the archive's commission (permanent and personnel cases). */
export async function submitInventoryToArchiveReview(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number, commission: string | undefined): Promise<Inventory> {
  return reviewStep(unit, id, expectedVersion, 'submitToArchive', () => archiveSubmissionPatch(actor, commission), { action: 'inventory.archive_review_submitted', commission: 'archive' });
}

/** Records the archive commission's decision from its protocol: agreed (the head may approve) or returned with remarks. */
export async function recordInventoryArchiveReview(unit: WriteUnit, actor: Actor, id: string, expectedVersion: number, decision: ReviewDecision): Promise<Inventory> {
  return reviewStep(unit, id, expectedVersion, 'decideByArchive', (inv) => archiveDecisionPatch(actor, inv, decision), {
    action: `inventory.archive_review_${decision.decision}`,
    commission: 'archive',
  });
}

/** Records the handover of an approved inventory's cases to the state archive; the cases become transferred. */
export async function markInventoryTransferred(unit: WriteUnit, id: string, expectedVersion: number, archiveName: string): Promise<Inventory> {
  const inv = await unit.scope.findVersioned(Inventory, id, expectedVersion);
  if (inv.status !== 'approved') throw new AppError('INVENTORY_NOT_APPROVED');
  if (inv.transferredAt) throw new AppError('INVENTORY_TRANSFERRED');
  const cases = await inventoryCases(unit.scope, id);
  await unit.scope.query(Case).whereIn('id', cases.map((c) => c.id)).where('status', 'in_inventory').patch({ status: 'transferred', updatedAt: new Date() });
  const after = await unit.scope.patchVersioned(Inventory, id, expectedVersion, { transferredAt: new Date(), transferredTo: archiveName, updatedAt: new Date() });
  await unit.audit({ action: 'inventory.transferred', objectType: 'inventory', objectId: id, payload: { archive: archiveName, kind: inv.kind, year: inv.year, number: inv.number, caseIds: cases.map((c) => c.id) } });
  return after;
}
