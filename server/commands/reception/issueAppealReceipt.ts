// The registration receipt (уведомление о регистрации обращения) of an appeal card: its content gathered from the
// card, rendered as PDF/A; for an internet appeal also stored as one of the card's files, so that it travels with
// the card into its archival package.
import type { Knex } from 'knex';
import type { AppServices } from '../../services.ts';
import { AppError } from '../../http/problem.ts';
import { runWriteAs, type WriteUnit } from '../../http/route.ts';
import type { BlobInfo } from '../../storage/index.ts';
import type { StoredFile } from '../../models/StoredFile.ts';
import type { Card } from '../../models/Card.ts';
import { recordUploadedFile } from '../../files/recordUploadedFile.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { RECEPTION_ACTOR } from '../../reception/receptionActor.ts';
import { INTERNET_CHANNEL, receiptFileName, receiptPdf, type ReceiptInput } from '../../reception/receptionDocuments.ts';

export interface ReceptionAppealRow {
  card_id: string;
  status_code_hash: string;
  receipt_file_id: string | null;
  /** internet: sent through the reception; staff: registered by a clerk, the code handed over later */
  channel: 'internet' | 'staff';
}

export async function receptionAppealOf(db: Knex | Knex.Transaction, orgId: string, cardId: string): Promise<ReceptionAppealRow | null> {
  return ((await db('reception_appeals').where({ org_id: orgId, card_id: cardId }).first()) as ReceptionAppealRow | undefined) ?? null;
}

/** What a receipt says about a registered appeal card; refuses any other card. */
export async function receiptContent(db: Knex | Knex.Transaction, card: Card, statusCode: string | null, issuedAt: Date): Promise<ReceiptInput> {
  if (card.kind !== 'appeal' || !card.regNumber || !card.regDate || card.status === 'draft' || card.status === 'cancelled') throw new AppError('RECEPTION_NOT_APPEAL');
  const [org, correspondent, files, online] = await Promise.all([
    db('organisations').where({ id: card.orgId }).first('name') as Promise<{ name: string }>,
    card.correspondentId ? (db('correspondents').where({ id: card.correspondentId, org_id: card.orgId }).first('name') as Promise<{ name: string } | undefined>) : Promise.resolve(undefined),
    db('card_files as cf')
      .join('files as f', 'f.id', 'cf.file_id')
      .leftJoin('reception_appeals as r', 'r.receipt_file_id', 'f.id')
      .where({ 'cf.card_id': card.id, 'cf.org_id': card.orgId })
      // A receipt lists what the citizen sent, never an earlier receipt.
      .whereNull('r.card_id')
      .whereNot('cf.role', 'signature')
      .orderBy('cf.position')
      .select('f.name', 'f.size', 'f.sha256') as Promise<{ name: string; size: string | number; sha256: string }[]>,
    receptionAppealOf(db, card.orgId, card.id),
  ]);
  return {
    cardId: card.id,
    orgName: org.name,
    regNumber: card.regNumber,
    regDate: card.regDate,
    deadline: card.deadline,
    citizenName: correspondent?.name ?? card.signer ?? 'заявитель',
    summary: card.summary,
    channel: online?.channel === 'internet' ? INTERNET_CHANNEL : `способ поступления: ${card.deliveryMethod ?? (typeof card.fields.form === 'string' ? card.fields.form : 'не указан')}`,
    attachments: files.map((f) => ({ name: f.name, size: Number(f.size), sha256: f.sha256 })),
    statusCode,
    issuedAt,
  };
}

/** Renders the internet appeal's receipt, stores it and attaches it to the card (one audit entry). */
export async function issueAppealReceipt(app: AppServices, card: Card, statusCode: string, requestId: string): Promise<{ fileId: string; pdf: Uint8Array }> {
  const pdf = await receiptPdf(await receiptContent(app.knex, card, statusCode, new Date()));
  const blob = await app.blobs.put(pdf);
  const fileId = await runWriteAs(app, card.orgId, RECEPTION_ACTOR, requestId, async (unit) => {
    const file = await attachReceipt(unit, card, blob, null);
    await unit.audit({ action: 'appeal.receipt_issued', objectType: 'card', objectId: card.id, payload: { fileId: file.id, sha256: file.sha256 } });
    return file.id;
  });
  return { fileId, pdf };
}

/**
 * Stores a receipt as the card's current one: a file of the card, recorded in `reception_appeals` (whose row must
 * exist). An earlier receipt is detached, so that the card holds one receipt and a new receipt never lists the old
 * one among the citizen's files. Returns the new file; the caller writes the audit entry.
 */
export async function attachReceipt(unit: WriteUnit, card: Card, blob: BlobInfo, uploadedBy: string | null): Promise<StoredFile & { replaced: string | null }> {
  const previous = await receptionAppealOf(unit.trx, unit.scope.orgId, card.id);
  if (previous?.receipt_file_id) await unit.scope.table('card_files').where({ card_id: card.id, file_id: previous.receipt_file_id }).delete();
  const file = await recordUploadedFile(unit, { ...blob, name: receiptFileName(card.regNumber ?? card.id) }, uploadedBy);
  const last = (await unit.scope.table('card_files').where({ card_id: card.id }).max('position as max').first()) as { max: number | null };
  await unit.trx('card_files').insert({ org_id: unit.scope.orgId, card_id: card.id, file_id: file.id, role: 'attachment', position: (last.max ?? -1) + 1 });
  await unit.scope.table('reception_appeals').where({ card_id: card.id }).update({ receipt_file_id: file.id });
  await reindexCard(unit.trx, unit.scope.orgId, card.id);
  return Object.assign(file, { replaced: previous?.receipt_file_id ?? null });
}
