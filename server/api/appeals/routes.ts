// Citizens' appeals under 59-FZ on the card: the extension of the term (art. 12 part 2), the forwarding by competence
// (art. 8 part 3) and the result of consideration (art. 11 for appeals left unanswered). Changes need the card's If-Match.
import { defineRoute, type AuthedContext } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { IdParams } from '../common.ts';
import { Card } from '../../models/Card.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { today } from '../../records/today.ts';
import { appealActions, forwardLastDay, loadAppealRecord } from '../../records/appeals/appealRecord.ts';
import { APPEAL_RESULTS, RECORDABLE_RESULTS, RESULT_NAMES, UNANSWERED_GROUNDS } from '../../records/appeals/appealResults.ts';
import { extendAppealTerm } from '../../commands/appeals/extendAppealTerm.ts';
import { forwardAppeal } from '../../commands/appeals/forwardAppeal.ts';
import { correctAppealResult, recordAppealResult } from '../../commands/appeals/recordAppealResult.ts';
import { AppealDictionarySchema, AppealSchema, CorrectionBody, ExtensionBody, ForwardingBody, ResultBody } from './schema.ts';

/** The appeal card the actor may see; any other card kind is refused. */
async function appealCard<P, Q, B>(ctx: AuthedContext<P, Q, B>, id: string): Promise<Card> {
  const card = await ctx.scope.findOr404(Card, id);
  await assertCardVisible(ctx.app.knex, ctx.actor, card);
  if (card.kind !== 'appeal') throw new AppError('APPEAL_NOT_OPEN');
  return card;
}

async function present<P, Q, B>(ctx: AuthedContext<P, Q, B>, card: Card) {
  const record = await loadAppealRecord(ctx.app.knex, card.orgId, card.id);
  ctx.setVersion(card.version);
  return {
    cardId: card.id,
    regNumber: card.regNumber,
    regDate: card.regDate,
    deadline: card.deadline,
    forwardLastDay: card.regDate ? forwardLastDay(card.regDate) : null,
    ...record,
    actions: appealActions(ctx.actor, card, record, today()),
  };
}

defineRoute({
  operationId: 'appealDictionary',
  method: 'get',
  path: '/api/appeals/dictionary',
  summary: 'Итоги рассмотрения обращений и основания ст. 11 59-ФЗ / results of consideration and the grounds of art. 11',
  tags: ['appeals'],
  access: 'authenticated',
  permission: 'cards.read',
  success: { status: 200, description: 'Справочник', schema: AppealDictionarySchema },
  async handler() {
    const recordable: readonly string[] = RECORDABLE_RESULTS;
    return {
      results: APPEAL_RESULTS.map((code) => ({ code, ...RESULT_NAMES[code], recordable: recordable.includes(code) })),
      grounds: UNANSWERED_GROUNDS.map((g) => ({ ...g })),
    };
  },
});

defineRoute({
  operationId: 'getAppeal',
  method: 'get',
  path: '/api/cards/:id/appeal',
  summary: 'Обращение по 59-ФЗ: продление срока, переадресация, итог рассмотрения, доступные действия / the appeal’s 59-FZ record',
  tags: ['appeals'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'appeal_card',
  params: IdParams,
  success: { status: 200, description: 'Обращение', schema: AppealSchema },
  errors: ['APPEAL_NOT_OPEN'],
  async handler(ctx) {
    return present(ctx, await appealCard(ctx, ctx.params.id));
  },
});

defineRoute({
  operationId: 'extendAppealTerm',
  method: 'post',
  path: '/api/cards/:id/appeal/extension',
  summary: 'Продлить срок рассмотрения (ч. 2 ст. 12 59-ФЗ) один раз, не более чем на 30 дней; уведомление заявителю (PDF/A); If-Match / extend the term',
  tags: ['appeals'],
  access: 'authenticated',
  permission: 'appeals.extend',
  resource: 'appeal_card',
  params: IdParams,
  body: ExtensionBody,
  success: { status: 200, description: 'Обращение с новым сроком', schema: AppealSchema },
  errors: ['APPEAL_NOT_OPEN', 'APPEAL_NO_DEADLINE', 'APPEAL_ALREADY_EXTENDED', 'APPEAL_EXTENSION_TOO_LONG'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const card = await appealCard(ctx, ctx.params.id);
    return present(ctx, await extendAppealTerm(ctx.app, ctx.actor, card, version, ctx.body, ctx.requestId));
  },
});

defineRoute({
  operationId: 'forwardAppeal',
  method: 'post',
  path: '/api/cards/:id/appeal/forwarding',
  summary: 'Переадресовать по компетенции (ч. 3 ст. 8 59-ФЗ) в течение 7 дней со дня регистрации (позже — с причиной); уведомление заявителю (PDF/A); If-Match / forward by competence',
  tags: ['appeals'],
  access: 'authenticated',
  permission: 'appeals.consider',
  resource: 'appeal_card',
  params: IdParams,
  body: ForwardingBody,
  success: { status: 200, description: 'Обращение, переадресовано', schema: AppealSchema },
  errors: ['APPEAL_NOT_OPEN', 'APPEAL_FORWARD_LATE', 'APPEAL_FORWARD_TARGET', 'CARD_TRANSITION_FORBIDDEN'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const card = await appealCard(ctx, ctx.params.id);
    return present(ctx, await forwardAppeal(ctx.app, ctx.actor, card, version, ctx.body, ctx.requestId));
  },
});

defineRoute({
  operationId: 'recordAppealResult',
  method: 'post',
  path: '/api/cards/:id/appeal/result',
  summary: 'Итог рассмотрения: поддержано, не поддержано, разъяснено, оставлено без ответа (с основанием ст. 11); If-Match / the result of consideration',
  tags: ['appeals'],
  access: 'authenticated',
  permission: 'appeals.consider',
  resource: 'appeal_card',
  params: IdParams,
  body: ResultBody,
  success: { status: 200, description: 'Обращение с итогом', schema: AppealSchema },
  errors: ['APPEAL_NOT_OPEN', 'APPEAL_GROUND_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await appealCard(ctx, ctx.params.id);
    return present(ctx, await ctx.write((unit) => recordAppealResult(unit, ctx.actor, ctx.params.id, version, ctx.body)));
  },
});

defineRoute({
  operationId: 'correctAppealResult',
  method: 'post',
  path: '/api/cards/:id/appeal/result/correction',
  summary: 'Исправить записанный итог рассмотрения (руководитель, администратор) с причиной; прежний итог сохраняется; If-Match / correct the result',
  tags: ['appeals'],
  access: 'authenticated',
  permission: 'appeals.correct',
  resource: 'appeal_card',
  params: IdParams,
  body: CorrectionBody,
  success: { status: 200, description: 'Обращение с исправленным итогом', schema: AppealSchema },
  errors: ['APPEAL_NOT_OPEN', 'APPEAL_RESULT_NOT_CORRECTABLE', 'APPEAL_GROUND_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await appealCard(ctx, ctx.params.id);
    return present(ctx, await ctx.write((unit) => correctAppealResult(unit, ctx.actor, ctx.params.id, version, ctx.body)));
  },
});
