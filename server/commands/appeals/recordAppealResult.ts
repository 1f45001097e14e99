// The result of an appeal's consideration (итог рассмотрения), recorded once: supported, not supported, explained, or
// left unanswered on a ground of 59-FZ art. 11. It does not move the card: the card follows its assignments (the
// answer's execution), and a result may be recorded before or after the answer is sent. The head or an administrator
// may correct a recorded result, with a reason; the result it replaces is kept with the correction.
import type { WriteUnit } from '../../http/route.ts';
import type { Actor } from '../../http/actor.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { today } from '../../records/today.ts';
import { assertResultCorrectable, assertResultOpen, loadAppealRecord } from '../../records/appeals/appealRecord.ts';
import { groundOf, type RecordableResult } from '../../records/appeals/appealResults.ts';

export interface ResultInput {
  result: RecordableResult;
  ground?: string | null | undefined;
  comment?: string | null | undefined;
}

export interface CorrectionInput extends ResultInput {
  reason: string;
}

/** The result as stored: «оставлено без ответа» needs a known ground of art. 11, the others carry none. */
function resultFields(input: ResultInput): { result: RecordableResult; ground: string | null; comment: string | null } {
  const ground = input.result === 'left_unanswered' ? groundOf(input.ground ?? null) : null;
  if (input.result === 'left_unanswered' && !ground) throw new AppError('APPEAL_GROUND_REQUIRED');
  return { result: input.result, ground: ground?.code ?? null, comment: input.comment?.trim() || null };
}

export async function recordAppealResult(unit: WriteUnit, actor: Actor, cardId: string, expectedVersion: number, input: ResultInput): Promise<Card> {
  const card = await unit.scope.findOr404(Card, cardId);
  assertResultOpen(card, await loadAppealRecord(unit.trx, unit.scope.orgId, cardId));
  const fields = resultFields(input);
  // The card's version moves, so that a client holding the card sees that its appeal record changed.
  const after = await unit.scope.patchVersioned(Card, cardId, expectedVersion, { updatedAt: new Date() });
  const decidedOn = today();
  const inserted = (await unit.trx('appeal_results')
    .insert({ org_id: unit.scope.orgId, card_id: cardId, ...fields, decided_on: decidedOn, decided_by: actor.userId, decided_by_name: actor.fullName })
    .onConflict('card_id')
    .ignore()
    .returning('card_id')) as { card_id: string }[];
  if (inserted.length === 0) throw new AppError('APPEAL_NOT_OPEN');
  await unit.audit({ action: 'appeal.result_recorded', objectType: 'card', objectId: cardId, payload: { ...fields, decidedOn } });
  return after;
}

/**
 * Replaces the result in force and keeps the one replaced in `appeal_result_corrections`. The day consideration ended
 * (`decided_on`, which the appeals report's overdue count reads) stays; who recorded the result becomes the corrector.
 */
export async function correctAppealResult(unit: WriteUnit, actor: Actor, cardId: string, expectedVersion: number, input: CorrectionInput): Promise<Card> {
  const card = await unit.scope.findOr404(Card, cardId);
  assertResultCorrectable(card, await loadAppealRecord(unit.trx, unit.scope.orgId, cardId));
  const fields = resultFields(input);
  const reason = input.reason.trim();
  const after = await unit.scope.patchVersioned(Card, cardId, expectedVersion, { updatedAt: new Date() });
  // The version check above serialises corrections of one card; the row lock keeps the kept result the one replaced.
  const previous = (await unit.trx('appeal_results').where({ org_id: unit.scope.orgId, card_id: cardId }).forUpdate().first()) as
    | { result: string; ground: string | null; comment: string | null; decided_on: string | Date; decided_by_name: string }
    | undefined;
  if (!previous || previous.result === 'forwarded') throw new AppError('APPEAL_RESULT_NOT_CORRECTABLE');
  await unit.trx('appeal_result_corrections').insert({
    org_id: unit.scope.orgId,
    card_id: cardId,
    previous_result: previous.result,
    previous_ground: previous.ground,
    previous_comment: previous.comment,
    previous_decided_on: previous.decided_on,
    previous_decided_by_name: previous.decided_by_name,
    reason,
    corrected_by: actor.userId,
    corrected_by_name: actor.fullName,
  });
  await unit.trx('appeal_results').where({ org_id: unit.scope.orgId, card_id: cardId }).update({ ...fields, decided_by: actor.userId, decided_by_name: actor.fullName });
  const from = { result: previous.result, ground: previous.ground, comment: previous.comment };
  await unit.audit({ action: 'appeal.result_corrected', objectType: 'card', objectId: cardId, payload: { from, to: fields, reason } });
  return after;
}
