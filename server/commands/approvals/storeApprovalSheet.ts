// When a route ends approved, its approval sheet becomes a file of the card (role approval_sheet): it is listed
// with the card's files, searched, and archived in the card's package like any other document.
import type { ScopedAuditEvent, WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import type { BlobStore } from '../../storage/index.ts';
import type { Card } from '../../models/Card.ts';
import { ApprovalRoute } from '../../models/ApprovalRoute.ts';
import { StoredFile } from '../../models/StoredFile.ts';
import { approvalRounds } from '../../presenters/approvalPresenter.ts';
import { approvalSheetPdf } from '../../records/approvalSheet.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';

export const APPROVAL_SHEET_ROLE = 'approval_sheet';

export function approvalSheetName(card: Pick<Card, 'regNumber'>, round: number): string {
  return `Лист согласования${card.regNumber ? ` ${card.regNumber.replace(/[\\/:*?"<>|]/g, '-')}` : ''} (круг ${round}).pdf`;
}

/** Stores the sheet; its audit entry goes to `events`, which the caller writes after all the slow work. */
export async function storeApprovalSheet(unit: WriteUnit, actor: Actor, blobs: BlobStore, card: Card, route: ApprovalRoute, events: ScopedAuditEvent[]): Promise<ApprovalRoute> {
  const org = (await unit.trx('organisations').where({ id: unit.scope.orgId }).first('name')) as { name: string };
  const rounds = await approvalRounds(unit.trx, unit.scope.orgId, { cardId: card.id });
  const pdf = await approvalSheetPdf({ orgName: org.name, card, rounds, at: route.finishedAt ?? new Date() });
  // Written before the commit; a rolled-back transaction leaves an unreferenced blob, never a row without its blob.
  const blob = await blobs.put(pdf);
  const file = await unit.scope.insertQuery(StoredFile).insertAndFetch({ sha256: blob.sha256, size: blob.size, mime: 'application/pdf', name: approvalSheetName(card, route.round), uploadedBy: actor.userId });
  const last = (await unit.scope.table('card_files').where({ card_id: card.id }).max('position as max').first()) as { max: number | null };
  await unit.trx('card_files').insert({ org_id: unit.scope.orgId, card_id: card.id, file_id: file.id, role: APPROVAL_SHEET_ROLE, position: (last.max ?? -1) + 1 });
  await enqueueJob(unit.trx, { kind: 'file.process', orgId: unit.scope.orgId, payload: { fileId: file.id }, dedupeKey: file.id });
  await reindexCard(unit.trx, unit.scope.orgId, card.id);
  const next = await unit.scope.patchVersioned(ApprovalRoute, route.id, route.version, { sheetFileId: file.id });
  events.push({ action: 'approval.sheet_stored', objectType: 'card', objectId: card.id, payload: { routeId: route.id, round: route.round, fileId: file.id, sha256: blob.sha256, size: blob.size } });
  return next;
}
