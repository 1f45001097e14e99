// The result of an appeal's consideration (итог рассмотрения), recorded once: supported, not supported, explained, or
// left unanswered on a ground of 59-FZ art. 11. It does not move the card: the card follows its assignments (the
// answer's execution), and a result may be recorded before or after the answer is sent.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { today } from '../../records/today.ts';
import { assertResultOpen, loadAppealRecord } from '../../records/appeals/appealRecord.ts';
import { groundOf, type RecordableResult } from '../../records/appeals/appealResults.ts';

export interface ResultInput {
  result: RecordableResult;
  ground?: string | null | undefined;
  comment?: string | null | undefined;
}

export async function recordAppealResult(unit: WriteUnit, actor: Actor, cardId: string, expectedVersion: number, input: ResultInput): Promise<Card> {
  const card = await unit.scope.findOr404(Card, cardId);
  assertResultOpen(card, await loadAppealRecord(unit.trx, unit.scope.orgId, cardId));
  const ground = input.result === 'left_unanswered' ? groundOf(input.ground ?? null) : null;
  if (input.result === 'left_unanswered' && !ground) throw new AppError('APPEAL_GROUND_REQUIRED');
  // The card's version moves, so that a client holding the card sees that its appeal record changed.
  const after = await unit.scope.patchVersioned(Card, cardId, expectedVersion, { updatedAt: new Date() });
  const decidedOn = today();
  const comment = input.comment?.trim() || null;
  const inserted = (await unit.trx('appeal_results')
    .insert({ org_id: unit.scope.orgId, card_id: cardId, result: input.result, ground: ground?.code ?? null, comment, decided_on: decidedOn, decided_by: actor.userId, decided_by_name: actor.fullName })
    .onConflict('card_id')
    .ignore()
    .returning('card_id')) as { card_id: string }[];
  if (inserted.length === 0) throw new AppError('APPEAL_NOT_OPEN');
  await unit.audit({ action: 'appeal.result_recorded', objectType: 'card', objectId: cardId, payload: { result: input.result, ground: ground?.code ?? null, comment, decidedOn } });
  return after;
}
