// An appeal is forwarded to the body competent to answer it (59-FZ art. 8 part 3): within 7 days of registration, or
// later only with a stated reason (the clerk's override, recorded). The forwarding is recorded, the result of
// consideration becomes «переадресовано», the card is closed (executed, its open assignments cancelled: nobody here
// answers it any more), and the notice to the citizen is stored with the card. The notice is rendered and its blob
// written before the transaction, as for the extension.
import type { AppServices } from '../../services.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { runWrite } from '../../http/route.ts';
import { Card } from '../../models/Card.ts';
import { Correspondent } from '../../models/Correspondent.ts';
import { TenantScope } from '../../tenancy/scope.ts';
import { assertTransition } from '../../records/lifecycle.ts';
import { today } from '../../records/today.ts';
import { assertUnderConsideration, forwardLastDay, loadAppealRecord, noticeBase } from '../../records/appeals/appealRecord.ts';
import { forwardingNoticeFileName, forwardingNoticePdf } from '../../records/appeals/appealNotices.ts';
import { attachNotice } from './attachNotice.ts';

export interface ForwardingInput {
  correspondentId: string;
  outNumber?: string | null | undefined;
  /** Required once the 7 days have passed: why the appeal is forwarded late anyway. */
  lateReason?: string | null | undefined;
}

export async function forwardAppeal(app: AppServices, actor: Actor, card: Card, expectedVersion: number, input: ForwardingInput, requestId: string): Promise<Card> {
  const record = await loadAppealRecord(app.knex, card.orgId, card.id);
  assertUnderConsideration(card, record);
  assertTransition(card.status, 'executed');
  const forwardedOn = today();
  const lastDay = forwardLastDay(card.regDate);
  const lateReason = input.lateReason?.trim() || null;
  if (forwardedOn > lastDay && !lateReason) {
    throw new AppError('APPEAL_FORWARD_LATE', { extensions: { registeredOn: card.regDate, lastDay } });
  }
  const target = await new TenantScope(card.orgId, app.knex).findOr404(Correspondent, input.correspondentId);
  if (target.type === 'citizen') throw new AppError('APPEAL_FORWARD_TARGET');
  const outNumber = input.outNumber?.trim() || null;
  const pdf = await forwardingNoticePdf({ ...(await noticeBase(app.knex, card, actor.fullName, new Date())), forwardedTo: target.fullName ?? target.name, forwardedOn, outNumber });
  const blob = await app.blobs.put(pdf);
  return runWrite(app, actor, requestId, async (unit) => {
    const after = await unit.scope.patchVersioned(Card, card.id, expectedVersion, { status: 'executed', executedAt: new Date(), updatedAt: new Date() });
    const cancelled = (await unit.scope
      .table('assignments')
      .where({ card_id: card.id })
      .whereIn('status', ['open', 'reported'])
      .update({ status: 'cancelled', version: unit.trx.raw('version + 1') })
      .returning('id')) as { id: string }[];
    await unit.trx('appeal_forwardings').insert({
      org_id: unit.scope.orgId,
      card_id: card.id,
      correspondent_id: target.id,
      forwarded_on: forwardedOn,
      out_number: outNumber,
      late_reason: forwardedOn > lastDay ? lateReason : null,
      forwarded_by: actor.userId,
      forwarded_by_name: actor.fullName,
    });
    await unit.trx('appeal_results').insert({ org_id: unit.scope.orgId, card_id: card.id, result: 'forwarded', decided_on: forwardedOn, decided_by: actor.userId, decided_by_name: actor.fullName });
    const file = await attachNotice(unit, card.id, blob, forwardingNoticeFileName(card.regNumber), actor.userId);
    await unit.trx('appeal_forwardings').where({ card_id: card.id }).update({ notice_file_id: file.id });
    await unit.audit({
      action: 'appeal.forwarded',
      objectType: 'card',
      objectId: card.id,
      payload: {
        correspondentId: target.id,
        to: target.name,
        forwardedOn,
        outNumber,
        lateReason: forwardedOn > lastDay ? lateReason : null,
        from: card.status,
        cancelledAssignments: cancelled.map((a) => a.id),
        noticeFileId: file.id,
        sha256: file.sha256,
      },
    });
    return after;
  });
}
