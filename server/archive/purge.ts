// Purging the cards of destroyed cases. Rows go; what stays is a tombstone per card in the audit log (registration
// number, date, case, the act, and a SHA-256 of the card's requisites and file list, so that a copy produced later can
// be matched against what was destroyed). Blobs are deleted afterwards by a job, only when nothing references them
// any more and no retention hold protects them.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Knex } from 'knex';
import type { WriteUnit } from '../http/route.ts';
import { defineJob } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { appendAudit } from '../audit/appendAudit.ts';
import { isStorageError } from '../storage/index.ts';

export interface PurgeContext {
  actId: string;
  actNumber: string;
  reason: string;
}

interface CardRow {
  id: string;
  kind: string;
  reg_number: string | null;
  reg_date: string | null;
  case_id: string | null;
  case_index: string | null;
  [column: string]: unknown;
}

/** SHA-256 (hex) of the RFC 8785 form of the card's requisites and files: the tombstone's fingerprint. */
export function requisitesDigest(card: Record<string, unknown>, files: { name: string; sha256: string; size: number; mime: string }[]): string {
  const plain = JSON.parse(JSON.stringify({ card, files })) as unknown;
  return createHash('sha256').update(canonicalize(plain) ?? '').digest('hex');
}

const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id);

/** Deletes the cards filed in the cases and everything hanging on them; returns the purged card ids and the blobs to collect. */
export async function purgeCaseCards(unit: WriteUnit, caseIds: string[], context: PurgeContext): Promise<{ cardIds: string[]; blobs: string[] }> {
  const { trx, scope } = unit;
  const cards = (await scope.table('cards').whereIn('case_id', caseIds).orderBy([{ column: 'reg_date' }, { column: 'reg_number' }, { column: 'id' }]).select('*')) as CardRow[];
  const cardIds = cards.map((c) => c.id);
  if (cardIds.length === 0) return { cardIds, blobs: [] };
  const assignmentIds = ids(await scope.table('assignments').whereIn('card_id', cardIds).select('id'));
  const fileLinks = (await scope.table('card_files').whereIn('card_id', cardIds).select('card_id', 'file_id')) as { card_id: string; file_id: string }[];
  const otherFileIds = [
    ...((await scope.table('assignment_files').whereIn('assignment_id', assignmentIds).select('file_id')) as { file_id: string }[]).map((r) => r.file_id),
    ...((await scope.table('signature_checks').whereIn('card_id', cardIds).select('file_id', 'signature_file_id')) as { file_id: string; signature_file_id: string | null }[]).flatMap((r) => [r.file_id, r.signature_file_id ?? r.file_id]),
  ];
  const fileIds = [...new Set([...fileLinks.map((l) => l.file_id), ...otherFileIds])];
  const files = (await scope.table('files').whereIn('id', fileIds).select('id', 'name', 'sha256', 'size', 'mime')) as { id: string; name: string; sha256: string; size: number; mime: string }[];
  const fileById = new Map(files.map((f) => [f.id, f]));

  for (const card of cards) {
    const own = fileLinks.filter((l) => l.card_id === card.id).map((l) => fileById.get(l.file_id)).filter((f) => f !== undefined);
    const digest = requisitesDigest(card, own.map((f) => ({ name: f.name, sha256: f.sha256, size: Number(f.size), mime: f.mime })));
    await unit.audit({
      action: 'card.purged',
      objectType: 'card',
      objectId: card.id,
      payload: {
        regNumber: card.reg_number,
        regDate: card.reg_date,
        kind: card.kind,
        caseId: card.case_id,
        caseIndex: card.case_index,
        destructionActId: context.actId,
        destructionAct: context.actNumber,
        reason: context.reason,
        requisitesSha256: digest,
        files: own.map((f) => f.sha256),
      },
    });
  }

  await scope.table('search_documents').whereIn('id', cardIds).delete();
  await scope.table('signature_checks').whereIn('card_id', cardIds).delete();
  await scope.table('autofill_outcomes').whereIn('card_id', cardIds).delete();
  await scope.table('deadline_requests').whereIn('assignment_id', assignmentIds).delete();
  await scope.table('assignment_files').whereIn('assignment_id', assignmentIds).delete();
  await scope.table('assignment_events').whereIn('assignment_id', assignmentIds).delete();
  await scope.table('assignments').whereIn('card_id', cardIds).delete();
  await scope.table('resolutions').whereIn('card_id', cardIds).delete();
  await scope.table('cards').whereIn('id', cardIds).delete();

  // A file also attached to a card that survives stays, with its blob.
  const stillUsed = new Set<string>([
    ...((await scope.table('card_files').whereIn('file_id', fileIds).select('file_id')) as { file_id: string }[]).map((r) => r.file_id),
    ...((await scope.table('assignment_files').whereIn('file_id', fileIds).select('file_id')) as { file_id: string }[]).map((r) => r.file_id),
    ...((await scope.table('signature_checks').where((q) => q.whereIn('file_id', fileIds).orWhereIn('signature_file_id', fileIds)).select('file_id', 'signature_file_id')) as { file_id: string; signature_file_id: string | null }[]).flatMap((r) => [r.file_id, r.signature_file_id ?? r.file_id]),
    ...((await scope.table('autofill_outcomes').whereIn('file_id', fileIds).select('file_id')) as { file_id: string }[]).map((r) => r.file_id),
  ]);
  const purgeFiles = files.filter((f) => !stillUsed.has(f.id));
  const previews = ((await trx('file_texts').whereIn('file_id', ids(purgeFiles)).whereNotNull('preview_sha256').select('preview_sha256')) as { preview_sha256: string }[]).map((r) => r.preview_sha256);
  await scope.table('files').whereIn('id', ids(purgeFiles)).delete();
  const blobs = [...new Set([...purgeFiles.map((f) => f.sha256), ...previews])].sort();
  if (blobs.length > 0) await enqueueJob(trx, { kind: 'archive.purge_blobs', orgId: scope.orgId, payload: { blobs, destructionActId: context.actId } });
  return { cardIds, blobs };
}

/** Whether anything in the database still needs the blob (any organisation: blobs are shared by content). */
async function blobReferenced(knex: Knex, sha256: string): Promise<boolean> {
  const checks = [
    knex('files').where({ sha256 }).first('id'),
    knex('file_texts').where({ preview_sha256: sha256 }).first('file_id'),
    knex('inventories').where({ pdf_sha256: sha256 }).first('id'),
    knex('destruction_acts').where({ pdf_sha256: sha256 }).first('id'),
  ];
  for (const check of checks) if (await check) return true;
  return false;
}

defineJob({
  kind: 'archive.purge_blobs',
  async handler(job) {
    const blobs = Array.isArray(job.payload.blobs) ? job.payload.blobs.filter((b): b is string => typeof b === 'string') : [];
    const deleted: string[] = [];
    const kept: { sha256: string; why: 'referenced' | 'held' }[] = [];
    for (const sha256 of blobs) {
      if (await blobReferenced(job.knex, sha256)) kept.push({ sha256, why: 'referenced' });
      else if (await job.knex('blob_holds').where({ sha256 }).whereNull('released_at').first('id')) kept.push({ sha256, why: 'held' });
      else {
        // The store checks the hold again itself, and deleting an absent blob is a no-op: a retried job is harmless.
        try {
          await job.blobs.delete(sha256);
          deleted.push(sha256);
        } catch (error) {
          if (!(isStorageError(error) && error.code === 'BLOB_RETENTION_HOLD')) throw error;
          kept.push({ sha256, why: 'held' });
        }
      }
    }
    await job.finish(async (trx) => {
      await appendAudit(trx, { orgId: job.orgId, actor: null, action: 'blobs.purged', objectType: 'destruction_act', objectId: String(job.payload.destructionActId ?? ''), payload: { deleted, kept } });
    });
  },
});
