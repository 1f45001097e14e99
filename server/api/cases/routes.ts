import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../common.ts';
import { Case } from '../../models/Case.ts';
import { Card } from '../../models/Card.ts';
import { CaseSchema, presentCase } from '../../archive/presenters.ts';
import { closeCase, closeYearCases, openCase, openYearCases, placeLegalHold, releaseLegalHold, reopenCase, updateCase } from '../../commands/archive/manageCases.ts';
import { visibleCards } from '../../policies/cardAccess.ts';
import type { TenantScope } from '../../tenancy/scope.ts';
import type { Actor } from '../../http/actor.ts';
import { CaseDetailSchema, CaseListQuery, CloseCaseBody, FileableCardSchema, FileableQuery, OpenCaseBody, ReasonBody, UpdateCaseBody, YearBody } from './schema.ts';

const ItemsOfCases = Type.Object({ items: Type.Array(CaseSchema) });

async function caseDetail(scope: TenantScope, actor: Actor, c: Case) {
  const visible = visibleCards(actor);
  const cards = await scope.query(Card).where({ case_id: c.id }).whereRaw(visible.sql, visible.bindings).orderBy([{ column: 'reg_date' }, { column: 'reg_number' }]);
  return {
    ...presentCase(c),
    cards: cards.map((k) => ({ id: k.id, kind: k.kind, status: k.status, regNumber: k.regNumber, regDate: k.regDate, summary: k.summary, sheets: k.sheets })),
  };
}

defineRoute({
  operationId: 'listCases',
  method: 'get',
  path: '/api/cases',
  summary: 'Дела (за год, по состоянию) / cases',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  query: CaseListQuery,
  success: { status: 200, description: 'Дела', schema: ItemsOfCases },
  async handler(ctx) {
    const rows = await ctx.scope
      .query(Case)
      .modify((q) => {
        if (ctx.query.year) q.where('year', ctx.query.year);
        if (ctx.query.status) q.where('status', ctx.query.status);
        if (ctx.query.caseIndex) q.where('case_index', ctx.query.caseIndex);
      })
      .orderBy([{ column: 'year', order: 'desc' }, { column: 'case_index' }]);
    return { items: rows.map(presentCase) };
  },
});

defineRoute({
  operationId: 'openCase',
  method: 'post',
  path: '/api/cases',
  summary: 'Завести дело по статье номенклатуры / open a case from a nomenclature item',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.cases',
  body: OpenCaseBody,
  success: { status: 201, description: 'Дело', schema: CaseSchema },
  errors: ['CASE_ALREADY_OPENED'],
  async handler(ctx) {
    const opened = await ctx.write((unit) => openCase(unit, ctx.body.nomenclatureItemId, ctx.body.title));
    ctx.setVersion(opened.version);
    return presentCase(opened);
  },
});

defineRoute({
  operationId: 'openYearCases',
  method: 'post',
  path: '/api/cases/open-year',
  summary: 'Завести дела по всем статьям номенклатуры года / open the cases of every nomenclature item of a year',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.cases',
  body: YearBody,
  success: { status: 200, description: 'Заведённые дела', schema: ItemsOfCases },
  async handler(ctx) {
    const opened = await ctx.write((unit) => openYearCases(unit, ctx.body.year));
    return { items: opened.map(presentCase) };
  },
});

defineRoute({
  operationId: 'closeYearCases',
  method: 'post',
  path: '/api/cases/close-year',
  summary: 'Закрыть все открытые дела года / close every open case of a year (year end)',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.cases',
  body: YearBody,
  success: { status: 200, description: 'Закрытые дела', schema: ItemsOfCases },
  async handler(ctx) {
    const closed = await ctx.write((unit) => closeYearCases(unit, ctx.body.year, ctx.body.closedOn));
    return { items: closed.map(presentCase) };
  },
});

defineRoute({
  operationId: 'getCase',
  method: 'get',
  path: '/api/cases/:id',
  summary: 'Дело с документами / a case with its documents',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'case',
  params: IdParams,
  success: { status: 200, description: 'Дело', schema: CaseDetailSchema },
  async handler(ctx) {
    const c = await ctx.scope.findOr404(Case, ctx.params.id);
    ctx.setVersion(c.version);
    return caseDetail(ctx.scope, ctx.actor, c);
  },
});

defineRoute({
  operationId: 'updateCase',
  method: 'patch',
  path: '/api/cases/:id',
  summary: 'Изменить заголовок дела или дату минования надобности (ДМН), If-Match / edit a case',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.cases',
  resource: 'case',
  params: IdParams,
  body: UpdateCaseBody,
  success: { status: 200, description: 'Дело', schema: CaseSchema },
  errors: ['RETENTION_TERM_INVALID', 'CASE_TRANSITION_FORBIDDEN'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const c = await ctx.write((unit) => updateCase(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(c.version);
    return presentCase(c);
  },
});

defineRoute({
  operationId: 'closeCase',
  method: 'post',
  path: '/api/cases/:id/close',
  summary: 'Закрыть дело: крайние даты, число документов и листов, If-Match / close a case',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.cases',
  resource: 'case',
  params: IdParams,
  body: CloseCaseBody,
  success: { status: 200, description: 'Дело', schema: CaseSchema },
  errors: ['CASE_TRANSITION_FORBIDDEN', 'CASE_CLOSE_DATE_INVALID'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const c = await ctx.write(async (unit) => {
      await unit.scope.findVersioned(Case, ctx.params.id, version);
      return closeCase(unit, ctx.params.id, ctx.body.closedOn);
    });
    ctx.setVersion(c.version);
    return presentCase(c);
  },
});

defineRoute({
  operationId: 'reopenCase',
  method: 'post',
  path: '/api/cases/:id/reopen',
  summary: 'Вновь открыть закрытое дело (не включённое в опись), If-Match / reopen a closed case',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.cases',
  resource: 'case',
  params: IdParams,
  success: { status: 200, description: 'Дело', schema: CaseSchema },
  errors: ['CASE_TRANSITION_FORBIDDEN'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const c = await ctx.write((unit) => reopenCase(unit, ctx.params.id, version));
    ctx.setVersion(c.version);
    return presentCase(c);
  },
});

defineRoute({
  operationId: 'placeLegalHold',
  method: 'post',
  path: '/api/cases/:id/legal-hold',
  summary: 'Наложить запрет уничтожения на дело (основание обязательно) / place a legal hold on a case',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.legal_hold',
  resource: 'case',
  params: IdParams,
  body: ReasonBody,
  success: { status: 200, description: 'Дело', schema: CaseSchema },
  errors: ['LEGAL_HOLD_REASON_REQUIRED', 'CASE_TRANSITION_FORBIDDEN'],
  async handler(ctx) {
    const c = await ctx.write((unit) => placeLegalHold(unit, ctx.actor, ctx.params.id, ctx.body.reason));
    ctx.setVersion(c.version);
    return presentCase(c);
  },
});

defineRoute({
  operationId: 'releaseLegalHold',
  method: 'post',
  path: '/api/cases/:id/legal-hold/release',
  summary: 'Снять запрет уничтожения (основание обязательно) / release a legal hold',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.legal_hold',
  resource: 'case',
  params: IdParams,
  body: ReasonBody,
  success: { status: 200, description: 'Дело', schema: CaseSchema },
  errors: ['LEGAL_HOLD_REASON_REQUIRED'],
  async handler(ctx) {
    const c = await ctx.write((unit) => releaseLegalHold(unit, ctx.params.id, ctx.body.reason));
    ctx.setVersion(c.version);
    return presentCase(c);
  },
});


defineRoute({
  operationId: 'fileableCards',
  method: 'get',
  path: '/api/cases/:id/fileable',
  summary: 'Документы года дела, которые можно подшить в него (поиск по номеру или содержанию) / documents that may be filed in the case',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'case',
  params: IdParams,
  query: FileableQuery,
  success: { status: 200, description: 'Документы', schema: Type.Object({ items: Type.Array(FileableCardSchema) }) },
  async handler(ctx) {
    const c = await ctx.scope.findOr404(Case, ctx.params.id);
    const visible = visibleCards(ctx.actor);
    // LIKE wildcards typed by the user are matched literally.
    const q = ctx.query.q?.trim().replace(/[\\%_]/g, '\\$&');
    const cards = await ctx.scope
      .query(Card)
      .whereIn('status', ['registered', 'in_work', 'executed'])
      .where((w) => w.where('reg_year', c.year).orWhere((o) => o.whereNull('reg_year').whereRaw('extract(year from reg_date) = ?', [c.year])))
      .whereRaw(visible.sql, visible.bindings)
      .modify((b) => {
        if (q) b.where((w) => w.whereRaw('reg_number ILIKE ?', [`%${q}%`]).orWhereRaw('summary ILIKE ?', [`%${q}%`]));
      })
      .orderBy([{ column: 'reg_date', order: 'desc' }, { column: 'reg_number', order: 'desc' }])
      .limit(20);
    return { items: cards.map((k) => ({ id: k.id, regNumber: k.regNumber, regDate: k.regDate, summary: k.summary, version: k.version })) };
  },
});
