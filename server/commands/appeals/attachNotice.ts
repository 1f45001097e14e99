// A notice to the citizen becomes one of the appeal card's files (role appeal_notice): listed with the card, searched,
// and carried into its archival package like the registration receipt.
import type { WriteUnit } from '../../http/route.ts';
import type { BlobInfo } from '../../storage/index.ts';
import type { StoredFile } from '../../models/StoredFile.ts';
import { recordUploadedFile } from '../../files/recordUploadedFile.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';

export const APPEAL_NOTICE_ROLE = 'appeal_notice';

export async function attachNotice(unit: WriteUnit, cardId: string, blob: BlobInfo, name: string, uploadedBy: string): Promise<StoredFile> {
  const file = await recordUploadedFile(unit, { ...blob, name }, uploadedBy);
  const last = (await unit.scope.table('card_files').where({ card_id: cardId }).max('position as max').first()) as { max: number | null };
  await unit.trx('card_files').insert({ org_id: unit.scope.orgId, card_id: cardId, file_id: file.id, role: APPEAL_NOTICE_ROLE, position: (last.max ?? -1) + 1 });
  await reindexCard(unit.trx, unit.scope.orgId, cardId);
  return file;
}
