// A clerk hands a status code to the citizen of an appeal registered from paper or by e-mail (or a new one to a
// citizen who lost theirs): a new random code, its digest stored, and a new receipt printing it, stored with the card.
// Any earlier code of the card stops working.
import type { AppServices } from '../../services.ts';
import type { Actor } from '../../http/actor.ts';
import { runWrite } from '../../http/route.ts';
import type { Card } from '../../models/Card.ts';
import { receiptPdf } from '../../reception/receptionDocuments.ts';
import { hashStatusCode, newStatusCode } from '../../reception/statusCode.ts';
import { attachReceipt, receiptContent } from './issueAppealReceipt.ts';

export async function issueStatusCode(app: AppServices, actor: Actor, card: Card, requestId: string): Promise<{ statusCode: string; pdf: Uint8Array }> {
  const statusCode = newStatusCode();
  // receiptContent refuses anything but a registered appeal before a byte is stored.
  const pdf = await receiptPdf(await receiptContent(app.knex, card, statusCode, new Date()));
  const blob = await app.blobs.put(pdf);
  await runWrite(app, actor, requestId, async (unit) => {
    await unit.trx('reception_appeals')
      .insert({ card_id: card.id, org_id: unit.scope.orgId, status_code_hash: hashStatusCode(statusCode), channel: 'staff' })
      .onConflict('card_id')
      .merge(['status_code_hash']);
    const file = await attachReceipt(unit, card, blob, actor.userId);
    await unit.audit({ action: 'appeal.status_code_issued', objectType: 'card', objectId: card.id, payload: { fileId: file.id, sha256: file.sha256, replacedFileId: file.replaced } });
  });
  return { statusCode, pdf };
}
