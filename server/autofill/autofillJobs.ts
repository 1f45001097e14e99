// OCR and field extraction of an uploaded scan, as a durable job. The proposal is stored per file; the
// registration form shows it beside the image.
import type { Knex } from 'knex';
import { defineJob } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { appendAudit } from '../audit/appendAudit.ts';
import { readBlob } from '../files/fileJobs.ts';
import type { LetterFields } from '../../ocr/index.ts';
import { ocrEngine, ocrLibrary } from './ocrService.ts';
import { knownCorrespondents, recipientProfile } from './recipientProfile.ts';
import { findDuplicateCard } from './duplicates.ts';
import { withRelativeBoxes } from './sourceBoxes.ts';

export async function requestAutofill(trx: Knex.Transaction, orgId: string, fileId: string, langs: string): Promise<void> {
  await trx('autofill_proposals')
    .insert({ file_id: fileId, org_id: orgId, status: 'pending', langs, requested_at: new Date(), completed_at: null, error: null })
    .onConflict('file_id')
    .merge();
  await enqueueJob(trx, { kind: 'file.autofill', orgId, payload: { fileId, langs }, dedupeKey: `${fileId}:${langs}` });
}

/** Known correspondents are matched by INN/OGRN first, then by exact name. */
async function matchCorrespondent(db: Knex, orgId: string, fields: LetterFields): Promise<string | null> {
  if (fields.inn || fields.ogrn) {
    const byId = (await db('correspondents')
      .where('org_id', orgId)
      .where((w) => {
        if (fields.inn) w.orWhere('inn', fields.inn);
        if (fields.ogrn) w.orWhere('ogrn', fields.ogrn);
      })
      .first('id')) as { id: string } | undefined;
    if (byId) return byId.id;
  }
  if (fields.correspondent) {
    const byName = (await db('correspondents').where('org_id', orgId).whereRaw("replace(lower(name), 'ё', 'е') = replace(lower(?), 'ё', 'е')", [fields.correspondent]).first('id')) as { id: string } | undefined;
    if (byName) return byName.id;
  }
  return null;
}

defineJob({
  kind: 'file.autofill',
  timeoutMs: 5 * 60_000,
  async handler(job) {
    const orgId = job.orgId;
    if (!orgId) return;
    const fileId = String(job.payload.fileId);
    const langs = String(job.payload.langs ?? 'rus+eng');
    const file = (await job.knex('files').where({ id: fileId, org_id: orgId }).first('sha256')) as { sha256: string } | undefined;
    if (!file) return;
    const recipient = await recipientProfile(job.knex, orgId);
    try {
      const bytes = await readBlob(job.blobs, file.sha256);
      const document = await (await ocrEngine()).recognize(bytes, { langs });
      const { analyseDocument, buildExtractContext, CorrespondentRegistry } = await ocrLibrary();
      // The receiving organisation itself is never proposed as the correspondent; its staff and titles repair the
      // addressee; its recent senders help to read a letterhead.
      const context = buildExtractContext(recipient, []);
      context.registry = new CorrespondentRegistry(await knownCorrespondents(job.knex, orgId));
      const { extraction, fingerprint } = analyseDocument(document, context);
      const correspondentId = await matchCorrespondent(job.knex, orgId, extraction.fields);
      const duplicate = await findDuplicateCard(job.knex, orgId, fingerprint);
      await job.finish(async (trx) => {
        await trx('autofill_proposals')
          .where({ file_id: fileId })
          .update({
            status: 'done',
            fields: JSON.stringify(extraction.fields),
            confidence: JSON.stringify(extraction.confidence),
            sources: JSON.stringify(withRelativeBoxes(document.pages, extraction.sources)),
            correspondent_id: correspondentId,
            fingerprint: JSON.stringify(fingerprint),
            duplicate: JSON.stringify(duplicate),
            completed_at: new Date(),
          });
        await appendAudit(trx, { orgId, action: 'file.autofilled', objectType: 'file', objectId: fileId, payload: { langs, pages: document.pages.length, correspondentId } });
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await job.finish(async (trx) => {
        await trx('autofill_proposals').where({ file_id: fileId }).update({ status: 'error', error: message.slice(0, 2000), completed_at: new Date() });
        await appendAudit(trx, { orgId, action: 'file.autofill_failed', objectType: 'file', objectId: fileId, payload: { langs, error: message.slice(0, 500) } });
      });
    }
  },
});
