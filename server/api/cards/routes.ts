import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { PageSchema, decodeCursor, pageOf } from '../../http/pagination.ts';
import { IdParams, Uuid } from '../common.ts';
import { CardListQuery, CreateCardBody, UpdateCardBody } from './schema.ts';
import { Card } from '../../models/Card.ts';
import { CardDetailSchema, CardSummarySchema, presentCard, presentCardDetail, presentNewCard } from '../../presenters/cardPresenter.ts';
import { createCard } from '../../commands/cards/createCard.ts';
import { findJournal, registerCard, registrationGroup } from '../../commands/cards/registerCard.ts';
import { prepareRegistration, registerPrepared, type AfterRegistration } from '../../commands/cards/registerNewCards.ts';
import { cancelCard, updateCard } from '../../commands/cards/updateCard.ts';
import { AppError } from '../../http/problem.ts';
import { StoredFile } from '../../models/StoredFile.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { assertCardVisible, visibleCards } from '../../policies/cardAccess.ts';
import { enqueueCardSignatureChecks } from '../../signatures/signatureJobs.ts';
import { recordAutofillOutcome } from '../../autofill/recordOutcome.ts';
import { fileCardInCase } from '../../commands/archive/fileCardInCase.ts';

defineRoute({
  operationId: 'createCard',
  method: 'post',
  path: '/api/cards',
  summary: 'Создать РКК; с register=true — сразу зарегистрировать (номер из журнала) / create a card, optionally registering it',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.register',
  body: CreateCardBody,
  success: { status: 201, description: 'Карточка', schema: CardDetailSchema },
  errors: ['JOURNAL_NOT_FOUND', 'CARD_FIELDS_INVALID', 'NUMBER_TEMPLATE_INVALID'],
  async handler(ctx) {
    const { register, autofillFileId, ...input } = ctx.body;
    if (autofillFileId) await ctx.scope.findOr404(StoredFile, autofillFileId);
    const after: AfterRegistration[] = [];
    if (input.fileIds?.length) after.push((trx, card) => enqueueCardSignatureChecks(trx, card.orgId, card.id).then(() => undefined));
    if (autofillFileId) after.push((trx, card) => recordAutofillOutcome(trx, card, autofillFileId).then(() => undefined));
    if (register) {
      // The hot path: everything read and checked first, then written with the organisation's other registrations.
      const journal = await findJournal(ctx.scope, input.kind, input.journalId);
      const prepared = await prepareRegistration(ctx.scope, ctx.actor, ctx.requestId, input, journal, after);
      const card = await registerPrepared(ctx.app, prepared);
      ctx.app.worker?.nudge();
      ctx.setVersion(card.version);
      return presentNewCard(card, prepared.related);
    }
    const card = await ctx.write(async (unit) => {
      const created = await createCard(unit, ctx.actor, input);
      for (const hook of after) await hook(unit.trx, created);
      return created;
    });
    ctx.setVersion(card.version);
    return presentCardDetail(ctx.app.knex, card);
  },
});

defineRoute({
  operationId: 'listCards',
  method: 'get',
  path: '/api/cards',
  summary: 'Реестр карточек, новые сверху / card registry, newest first',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.read',
  query: CardListQuery,
  success: { status: 200, description: 'Страница карточек', schema: PageSchema(CardSummarySchema) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 50;
    const after = decodeCursor(ctx.query.cursor, 2);
    const rows = await ctx.scope
      .query(Card)
      .modify((q) => {
        if (ctx.query.status) q.where('status', ctx.query.status);
        if (ctx.query.kind) q.where('kind', ctx.query.kind);
        if (ctx.query.journalId) q.where('journal_id', ctx.query.journalId);
        if (after) q.whereRaw('(created_at, id::text) < (?::timestamptz, ?)', after);
        const visible = visibleCards(ctx.actor);
        q.whereRaw(visible.sql, visible.bindings);
      })
      .orderByRaw('created_at DESC, id::text DESC')
      .limit(limit + 1);
    return pageOf(rows, limit, (c) => [c.createdAt.toISOString(), c.id], presentCard);
  },
});

defineRoute({
  operationId: 'getCard',
  method: 'get',
  path: '/api/cards/:id',
  summary: 'Карточка с файлами и связями / a card with files and links',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: { status: 200, description: 'Карточка', schema: CardDetailSchema },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    ctx.setVersion(card.version);
    return presentCardDetail(ctx.app.knex, card);
  },
});

defineRoute({
  operationId: 'updateCard',
  method: 'patch',
  path: '/api/cards/:id',
  summary: 'Изменить реквизиты (If-Match) / update requisites',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.edit',
  resource: 'card',
  params: IdParams,
  body: UpdateCardBody,
  success: { status: 200, description: 'Карточка', schema: CardDetailSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const card = await ctx.write((unit) => updateCard(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(card.version);
    return presentCardDetail(ctx.app.knex, card);
  },
});

defineRoute({
  operationId: 'registerCard',
  method: 'post',
  path: '/api/cards/:id/register',
  summary: 'Зарегистрировать черновик (If-Match) / register a draft',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.register',
  resource: 'card',
  params: IdParams,
  body: Type.Object({ journalId: Type.Optional(Uuid) }, { additionalProperties: false }),
  success: { status: 200, description: 'Зарегистрирована', schema: CardDetailSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const card = await ctx.write(async (unit) => {
      const current = await unit.scope.findOr404(Card, ctx.params.id);
      if (current.version !== version) throw new AppError('PRECONDITION_FAILED');
      return registerCard(unit, current, await findJournal(unit.scope, current.kind, ctx.body.journalId ?? current.journalId));
    }, registrationGroup(ctx.actor.orgId));
    ctx.setVersion(card.version);
    return presentCardDetail(ctx.app.knex, card);
  },
});

defineRoute({
  operationId: 'cancelCard',
  method: 'post',
  path: '/api/cards/:id/cancel',
  summary: 'Отменить регистрацию с указанием причины; номер сохраняется (If-Match) / cancel a registration, keeping its number',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.register',
  resource: 'card',
  params: IdParams,
  body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
  success: { status: 200, description: 'Отменена', schema: CardDetailSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const card = await ctx.write((unit) => cancelCard(unit, ctx.params.id, version, ctx.body.reason));
    ctx.setVersion(card.version);
    return presentCardDetail(ctx.app.knex, card);
  },
});

const HistoryEntry = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  payload: Type.Unknown(),
  label: Type.Union([Type.String(), Type.Null()], { description: 'значение, присвоенное базой данных (например, регистрационный номер)' }),
});

defineRoute({
  operationId: 'cardHistory',
  method: 'get',
  path: '/api/cards/:id/history',
  summary: 'История карточки: кто и что менял (из журнала аудита) / card history from the audit log',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'card',
  params: IdParams,
  success: { status: 200, description: 'История', schema: Type.Object({ items: Type.Array(HistoryEntry) }) },
  async handler(ctx) {
    const card = await ctx.scope.findOr404(Card, ctx.params.id);
    await assertCardVisible(ctx.app.knex, ctx.actor, card);
    const rows = (await ctx.app
      .knex('audit_log')
      .where({ chain: ctx.actor.orgId, object_type: 'card', object_id: card.id })
      .orderBy('seq')
      .select('at', 'actor_login', 'action', 'payload', 'label')) as { at: Date; actor_login: string | null; action: string; payload: unknown; label: string | null }[];
    return { items: rows.map((r) => ({ at: r.at.toISOString(), actor: r.actor_login, action: r.action, payload: r.payload, label: r.label })) };
  },
});

defineRoute({
  operationId: 'attachCardFiles',
  method: 'post',
  path: '/api/cards/:id/files',
  summary: 'Прикрепить загруженные файлы к карточке / attach uploaded files to a card',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.edit',
  resource: 'card',
  params: IdParams,
  body: Type.Object(
    { fileIds: Type.Array(Uuid, { minItems: 1, maxItems: 100 }), role: Type.Optional(Type.Union([Type.Literal('main'), Type.Literal('attachment'), Type.Literal('signature')])) },
    { additionalProperties: false },
  ),
  success: { status: 200, description: 'Карточка', schema: CardDetailSchema },
  async handler(ctx) {
    const card = await ctx.write(async (unit) => {
      const current = await unit.scope.findOr404(Card, ctx.params.id);
      if (current.status === 'archived' || current.status === 'cancelled') throw new AppError('CARD_TRANSITION_FORBIDDEN', { ru: 'Карточка закрыта для изменений', en: 'The card can no longer be changed' });
      const existing = (await unit.scope.table('card_files').where({ card_id: current.id }).max('position as max').first()) as { max: number | null };
      let position = (existing.max ?? -1) + 1;
      for (const fileId of ctx.body.fileIds) {
        await unit.scope.findOr404(StoredFile, fileId);
        await unit.trx('card_files')
          .insert({ org_id: unit.scope.orgId, card_id: current.id, file_id: fileId, role: ctx.body.role ?? (position === 0 ? 'main' : 'attachment'), position })
          .onConflict(['card_id', 'file_id'])
          .ignore();
        position += 1;
      }
      await reindexCard(unit.trx, unit.scope.orgId, current.id);
      await enqueueCardSignatureChecks(unit.trx, unit.scope.orgId, current.id);
      await unit.audit({ action: 'card.files_attached', objectType: 'card', objectId: current.id, payload: { fileIds: ctx.body.fileIds, role: ctx.body.role ?? null } });
      return current;
    });
    return presentCardDetail(ctx.app.knex, card);
  },
});

defineRoute({
  operationId: 'fileCardInCase',
  method: 'post',
  path: '/api/cards/:id/file-in-case',
  summary: 'Списать документ в дело (индекс по номенклатуре), If-Match / file the document in a case',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.file',
  resource: 'card',
  params: IdParams,
  // caseIndex alone keeps working as before; when the organisation has that case in the card's year (or caseId names
  // one) the card is linked to it, and a closed case refuses (server/commands/archive/fileCardInCase.ts).
  body: Type.Object(
    {
      caseIndex: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
      caseId: Type.Optional(Uuid),
      note: Type.Optional(Type.String({ maxLength: 1000 })),
    },
    { additionalProperties: false },
  ),
  success: { status: 200, description: 'Карточка', schema: CardDetailSchema },
  errors: ['CASE_CLOSED', 'CASE_NOT_FOUND', 'CASE_YEAR_MISMATCH', 'CASE_REFERENCE_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const card = await ctx.write((unit) => fileCardInCase(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(card.version);
    return presentCardDetail(ctx.app.knex, card);
  },
});
