import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { notFound } from '../../http/problem.ts';
import { IdParams } from '../common.ts';
import { StoredFile } from '../../models/StoredFile.ts';
import { findVisibleFile } from '../../policies/fileAccess.ts';
import { requestAutofill } from '../../autofill/autofillJobs.ts';
import { IsoDateSchema } from '../cards/schema.ts';
import { Card } from '../../models/Card.ts';
import { assertCardVisible } from '../../policies/cardAccess.ts';
import { cardToRoute, loadExecutorModel } from '../../autofill/executorModel.ts';
import { staffNames } from '../../presenters/assignmentPresenter.ts';
import { ORG_TIME_ZONE, today } from '../../records/today.ts';
import { absentOn } from '../../records/deputies.ts';

const Langs = Type.String({ pattern: '^[a-z]{3}(\\+[a-z]{3}){0,3}$', default: 'rus+eng', description: 'языки tesseract: rus+eng' });

defineRoute({
  operationId: 'requestAutofill',
  method: 'post',
  path: '/api/files/:id/autofill',
  summary: 'Распознать скан и предложить реквизиты карточки (повторно — с другим языком) / OCR a scan and propose card fields',
  tags: ['autofill'],
  access: 'authenticated',
  permission: 'cards.register',
  resource: 'file',
  params: IdParams,
  body: Type.Object({ langs: Type.Optional(Langs) }, { additionalProperties: false }),
  success: { status: 202, description: 'Распознавание поставлено в очередь', schema: Type.Object({ status: Type.String(), langs: Type.String() }) },
  async handler(ctx) {
    const langs = ctx.body.langs ?? 'rus+eng';
    await ctx.write(async (unit) => {
      const file = await findVisibleFile(unit.scope, ctx.actor, ctx.params.id);
      await requestAutofill(unit.trx, unit.scope.orgId, file.id, langs);
      await unit.audit({ action: 'file.autofill_requested', objectType: 'file', objectId: file.id, payload: { langs } });
    });
    return { status: 'pending', langs };
  },
});

defineRoute({
  operationId: 'getAutofill',
  method: 'get',
  path: '/api/files/:id/autofill',
  summary: 'Предложенные реквизиты с уверенностью и областями на странице / proposed fields with confidences and source boxes',
  tags: ['autofill'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'file',
  params: IdParams,
  success: {
    status: 200,
    description: 'Предложение (status: pending | done | error)',
    schema: Type.Object({
      status: Type.String(),
      langs: Type.String(),
      fields: Type.Unknown(),
      confidence: Type.Unknown(),
      sources: Type.Unknown(),
      correspondent: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
      duplicateOf: Type.Union([Type.Object({ id: Type.String(), regNumber: Type.Union([Type.String(), Type.Null()]), score: Type.Number(), textSimilarity: Type.Number() }), Type.Null()]),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  async handler(ctx) {
    const file = await findVisibleFile(ctx.scope, ctx.actor, ctx.params.id);
    const row = (await ctx.scope.table('autofill_proposals').where({ file_id: file.id }).first()) as
      | { status: string; langs: string; fields: unknown; confidence: unknown; sources: unknown; correspondent_id: string | null; duplicate: { id: string; regNumber: string | null; score: number; textSimilarity: number } | null; error: string | null }
      | undefined;
    if (!row) throw notFound();
    const corr = row.correspondent_id ? ((await ctx.scope.table('correspondents').where({ id: row.correspondent_id }).first('id', 'name')) as { id: string; name: string } | undefined) : undefined;
    return { status: row.status, langs: row.langs, fields: row.fields, confidence: row.confidence, sources: row.sources, correspondent: corr ?? null, duplicateOf: row.duplicate ?? null, error: row.error };
  },
});

defineRoute({
  operationId: 'autofillMetrics',
  method: 'get',
  path: '/api/autofill/metrics',
  summary: 'Реальная точность автозаполнения организации по полям / the organisation’s real autofill accuracy per field',
  tags: ['autofill'],
  access: 'authenticated',
  permission: 'reports.read',
  query: Type.Object({ from: Type.Optional(IsoDateSchema), to: Type.Optional(IsoDateSchema) }),
  success: {
    status: 200,
    description: 'Точность',
    schema: Type.Object({
      cards: Type.Integer(),
      fields: Type.Array(Type.Object({ field: Type.String(), total: Type.Integer(), correct: Type.Integer(), proposed: Type.Integer(), accuracy: Type.Union([Type.Number(), Type.Null()]) })),
      overall: Type.Union([Type.Number(), Type.Null()]),
      months: Type.Array(
        Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }), cards: Type.Integer(), overall: Type.Union([Type.Number(), Type.Null()]) }),
        { description: 'по календарным месяцам периода (в часовом поясе организации), только месяцы с карточками / per calendar month of the range that has cards' },
      ),
    }),
  },
  async handler(ctx) {
    const knex = ctx.app.knex;
    // The period's bounds are the dates the page sends, taken as the database session's days (as before); the
    // trend's months are the organisation's, so that a card registered at 01:00 Moscow time on the 1st counts there.
    const base = ctx.scope.table('autofill_outcomes').modify((q) => {
      if (ctx.query.from) q.where('created_at', '>=', ctx.query.from);
      if (ctx.query.to) q.whereRaw('created_at < (?::date + 1)', [ctx.query.to]);
    });
    const rows = (await base
      .clone()
      .select('field')
      .count('* as total')
      .select(knex.raw('count(*) FILTER (WHERE correct) AS correct'), knex.raw('count(proposed) AS proposed'))
      .groupBy('field')
      .orderBy('field')) as { field: string; total: number | string; correct: number | string; proposed: number | string }[];
    const cards = Number(((await base.clone().countDistinct('card_id as n').first()) as { n: number | string } | undefined)?.n ?? 0);
    const monthly = (await base
      .clone()
      .select(knex.raw("to_char(created_at AT TIME ZONE ?, 'YYYY-MM') AS month", [ORG_TIME_ZONE]))
      .countDistinct('card_id as cards')
      .count('* as total')
      .select(knex.raw('count(*) FILTER (WHERE correct) AS correct'))
      .groupByRaw('1')
      .orderByRaw('1')) as { month: string; cards: number | string; total: number | string; correct: number | string }[];
    const pct = (c: number, t: number) => (t === 0 ? null : Math.round((1000 * c) / t) / 10);
    const fields = rows.map((r) => ({ field: r.field, total: Number(r.total), correct: Number(r.correct), proposed: Number(r.proposed) }));
    const total = fields.reduce((s, r) => s + r.total, 0);
    const correct = fields.reduce((s, r) => s + r.correct, 0);
    return {
      cards,
      fields: fields.map((r) => ({ ...r, accuracy: pct(r.correct, r.total) })),
      overall: pct(correct, total),
      months: monthly.map((m) => ({ month: m.month, cards: Number(m.cards), overall: pct(Number(m.correct), Number(m.total)) })),
    };
  },
});

defineRoute({
  operationId: 'cardSuggestions',
  method: 'get',
  path: '/api/cards/:id/suggestions',
  summary: 'Подсказки для резолюции: три вероятных исполнителя и текст из похожих карточек (или воздержание) / executor and resolution suggestions',
  tags: ['autofill'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: {
    status: 200,
    description: 'Подсказки',
    schema: Type.Object({
      abstain: Type.Boolean(),
      executors: Type.Array(Type.Object({ staffId: Type.String(), name: Type.String(), departmentId: Type.Union([Type.String(), Type.Null()]), score: Type.Number() })),
      resolution: Type.Union([Type.Object({ text: Type.String(), score: Type.Number(), fromCardId: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
    }),
  },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const corr = card.correspondentId ? ((await ctx.scope.table('correspondents').where({ id: card.correspondentId }).first('name', 'type')) as { name: string; type: string } | undefined) : undefined;
    const model = await loadExecutorModel(ctx.app.knex, ctx.actor.orgId);
    const route = cardToRoute(card, corr ?? null);
    // A person on leave today is not proposed first: the card would wait for their deputy.
    const result = model.suggest(route, 3, 0.2, await absentOn(ctx.app.knex, ctx.actor.orgId, today()));
    const names = await staffNames(ctx.app.knex, ctx.actor.orgId, result.suggestions.map((s) => s.executor));
    const resolution = model.suggestResolution(route);
    return {
      abstain: result.abstain,
      executors: result.abstain ? [] : result.suggestions.filter((s) => names.has(s.executor)).map((s) => ({ staffId: s.executor, name: names.get(s.executor) ?? '—', departmentId: s.department, score: Math.round(s.score * 1000) / 1000 })),
      resolution: resolution ? { text: resolution.text, score: Math.round(resolution.score * 1000) / 1000, fromCardId: resolution.fromId } : null,
    };
  },
});
