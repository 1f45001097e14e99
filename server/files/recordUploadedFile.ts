import type { WriteUnit } from '../http/route.ts';
import type { BlobInfo } from '../storage/index.ts';
import { StoredFile } from '../models/StoredFile.ts';
import { safeFileName } from '../http/safeFileName.ts';
import { enqueueJob } from '../jobs/queue.ts';

/**
 * The file row over a stored blob, its processing job (text, preview) and the audit entry: what every upload
 * records, whoever uploads (a user, or the internet reception for a citizen, `uploadedBy` null).
 */
export async function recordUploadedFile(unit: WriteUnit, blob: BlobInfo & { name: string }, uploadedBy: string | null): Promise<StoredFile> {
  const row = await unit.scope.insertQuery(StoredFile).insertAndFetch({
    sha256: blob.sha256,
    size: blob.size,
    mime: blob.mime,
    name: safeFileName(blob.name),
    uploadedBy,
  });
  await enqueueJob(unit.trx, { kind: 'file.process', orgId: unit.scope.orgId, payload: { fileId: row.id }, dedupeKey: row.id });
  await unit.audit({ action: 'file.uploaded', objectType: 'file', objectId: row.id, payload: { name: row.name, sha256: row.sha256, size: row.size, mime: row.mime } });
  return row;
}
