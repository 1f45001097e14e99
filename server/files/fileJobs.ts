// Text extraction and preview of an uploaded file, as a durable job.
import { defineJob } from '../jobs/registry.ts';
import { appendAudit } from '../audit/appendAudit.ts';
import type { BlobStore } from '../storage/index.ts';
import { fileProcessor } from './fileProcessor.ts';
import { enqueueJob } from '../jobs/queue.ts';

/** A blob's bytes in an ArrayBuffer of their own (callers hand `.buffer` to parsers), copied once from the stream. */
export async function readBlob(store: BlobStore, sha256: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of await store.get(sha256)) {
    const bytes = chunk as Uint8Array;
    chunks.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

defineJob({
  kind: 'file.process',
  timeoutMs: 5 * 60_000,
  async handler(job) {
    const store = job.blobs;
    const fileId = String(job.payload.fileId);
    const file = (await job.knex('files').where({ id: fileId, org_id: job.orgId }).first('id', 'sha256', 'mime', 'org_id')) as { id: string; sha256: string; mime: string; org_id: string } | undefined;
    if (!file) return;
    const bytes = await readBlob(store, file.sha256);
    const result = await fileProcessor.process(bytes, file.mime);
    const preview = result.preview ? await store.put(result.preview) : null;
    await job.finish(async (trx) => {
      await trx('file_texts')
        .insert({ file_id: file.id, org_id: file.org_id, method: result.text.method, pages: result.text.pages, text: result.text.text, preview_sha256: preview?.sha256 ?? null, error: result.previewError, processed_at: new Date() })
        .onConflict('file_id')
        .merge();
      await appendAudit(trx, {
        orgId: file.org_id,
        action: 'file.processed',
        objectType: 'file',
        objectId: file.id,
        payload: { method: result.text.method, pages: result.text.pages, chars: result.text.text.length, preview: preview?.sha256 ?? null, previewError: result.previewError },
      });
      // Cards that hold this file get their search entry refreshed with the new text.
      const cards = (await trx('card_files').where({ file_id: file.id }).pluck('card_id')) as string[];
      for (const cardId of cards) await enqueueJob(trx, { kind: 'search.index_card', orgId: file.org_id, payload: { cardId }, dedupeKey: cardId });
    });
  },
});
