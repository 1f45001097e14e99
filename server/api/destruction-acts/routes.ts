import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../common.ts';
import { DestructionAct } from '../../models/DestructionAct.ts';
import type { TenantScope } from '../../tenancy/scope.ts';
import { DestructionActSchema, presentCase, presentDestructionAct } from '../../archive/presenters.ts';
import {
  actCases,
  approveDestructionAct,
  createDestructionAct,
  deleteDestructionAct,
  destructionCandidates,
  draftActContent,
  executeDestructionAct,
  recordActReview,
  submitActForReview,
} from '../../commands/archive/manageDestructionActs.ts';
import { ReviewDecisionBody } from '../inventories/schema.ts';
import { actPdf } from '../../archive/destructionActDocument.ts';
import { readBlob } from '../../files/fileJobs.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { today } from '../../records/today.ts';
import { ActDetailSchema, CreateActBody, ProposalQuery, ProposalSchema } from './schema.ts';

async function detail(scope: TenantScope, act: DestructionAct) {
  const cases = await actCases(scope, act.id);
  return { ...presentDestructionAct(act, cases.length), cases: cases.map(presentCase) };
}

defineRoute({
  operationId: 'destructionProposal',
  method: 'get',
  path: '/api/destruction-acts/proposal',
  summary: 'Дела, срок хранения которых истёк (к выделению к уничтожению) / cases due for destruction',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  query: ProposalQuery,
  success: { status: 200, description: 'Предложение', schema: ProposalSchema },
  async handler(ctx) {
    const asOf = ctx.query.asOf ?? today();
    const all = await destructionCandidates(ctx.scope, asOf, { includeHeld: true });
    return { asOf, items: all.filter((c) => !c.legalHold).map(presentCase), held: all.filter((c) => c.legalHold).map(presentCase) };
  },
});

defineRoute({
  operationId: 'listDestructionActs',
  method: 'get',
  path: '/api/destruction-acts',
  summary: 'Акты о выделении к уничтожению / destruction acts',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  success: { status: 200, description: 'Акты', schema: Type.Object({ items: Type.Array(DestructionActSchema) }) },
  async handler(ctx) {
    const rows = await ctx.scope.query(DestructionAct).orderBy([{ column: 'year', order: 'desc' }, { column: 'number', order: 'desc' }]);
    const counts = new Map(
      ((await ctx.scope.table('destruction_act_items').whereIn('act_id', rows.map((r) => r.id)).groupBy('act_id').select('act_id').count('* as n')) as { act_id: string; n: string | number }[]).map((r) => [r.act_id, Number(r.n)]),
    );
    return { items: rows.map((r) => presentDestructionAct(r, counts.get(r.id) ?? 0)) };
  },
});

defineRoute({
  operationId: 'createDestructionAct',
  method: 'post',
  path: '/api/destruction-acts',
  summary: 'Составить акт о выделении к уничтожению / draft a destruction act',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  body: CreateActBody,
  success: { status: 201, description: 'Акт', schema: ActDetailSchema },
  errors: ['CASE_LEGAL_HOLD', 'DESTRUCTION_CASES_INVALID', 'DESTRUCTION_ACT_EMPTY', 'CASE_NOT_FOUND'],
  async handler(ctx) {
    const act = await ctx.write((unit) => createDestructionAct(unit, ctx.actor, ctx.body));
    ctx.setVersion(act.version);
    return detail(ctx.scope, act);
  },
});

defineRoute({
  operationId: 'getDestructionAct',
  method: 'get',
  path: '/api/destruction-acts/:id',
  summary: 'Акт с делами / a destruction act with its cases',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'destruction_act',
  params: IdParams,
  success: { status: 200, description: 'Акт', schema: ActDetailSchema },
  async handler(ctx) {
    const act = await ctx.scope.findOr404(DestructionAct, ctx.params.id);
    ctx.setVersion(act.version);
    return detail(ctx.scope, act);
  },
});

defineRoute({
  operationId: 'deleteDestructionAct',
  method: 'delete',
  path: '/api/destruction-acts/:id',
  summary: 'Удалить проект акта, If-Match / delete a draft act',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'destruction_act',
  params: IdParams,
  success: { status: 204, description: 'Удалено' },
  errors: ['DESTRUCTION_ACT_STATE', 'EXPERT_REVIEW_STATE'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await ctx.write((unit) => deleteDestructionAct(unit, ctx.params.id, version));
    return undefined;
  },
});

defineRoute({
  operationId: 'submitDestructionActForReview',
  method: 'post',
  path: '/api/destruction-acts/:id/expert-review',
  summary: 'Представить проект акта на ЭПК (проверяются сроки и запреты уничтожения), If-Match / submit a draft act to the expert commission',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'destruction_act',
  params: IdParams,
  success: { status: 200, description: 'Акт', schema: ActDetailSchema },
  errors: ['DESTRUCTION_ACT_STATE', 'EXPERT_REVIEW_STATE', 'CASE_LEGAL_HOLD', 'DESTRUCTION_CASES_INVALID'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const act = await ctx.write((unit) => submitActForReview(unit, ctx.actor, ctx.params.id, version));
    ctx.setVersion(act.version);
    return detail(ctx.scope, act);
  },
});

defineRoute({
  operationId: 'recordDestructionActReview',
  method: 'post',
  path: '/api/destruction-acts/:id/expert-review/decision',
  summary: 'Записать решение ЭПК по акту: согласовано или возвращено с замечаниями, If-Match / record the commission’s decision on the act',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.expert_review',
  resource: 'destruction_act',
  params: IdParams,
  body: ReviewDecisionBody,
  success: { status: 200, description: 'Акт', schema: ActDetailSchema },
  errors: ['DESTRUCTION_ACT_STATE', 'EXPERT_REVIEW_STATE', 'EXPERT_PROTOCOL_INVALID', 'EXPERT_REMARKS_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const act = await ctx.write((unit) => recordActReview(unit, ctx.actor, ctx.params.id, version, ctx.body));
    ctx.setVersion(act.version);
    return detail(ctx.scope, act);
  },
});

defineRoute({
  operationId: 'approveDestructionAct',
  method: 'post',
  path: '/api/destruction-acts/:id/approve',
  summary: 'Утвердить согласованный с ЭПК акт (проверяются сроки, запреты уничтожения и описи дел постоянного хранения тех же лет), If-Match / approve an agreed destruction act',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.approve',
  resource: 'destruction_act',
  params: IdParams,
  success: { status: 200, description: 'Акт', schema: ActDetailSchema },
  errors: ['DESTRUCTION_ACT_STATE', 'EXPERT_REVIEW_REQUIRED', 'CASE_LEGAL_HOLD', 'DESTRUCTION_CASES_INVALID', 'DESTRUCTION_NEEDS_PERMANENT_INVENTORY'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const act = await ctx.write((unit) => approveDestructionAct(unit, ctx.actor, ctx.app.blobs, ctx.params.id, version));
    ctx.setVersion(act.version);
    return detail(ctx.scope, act);
  },
});

defineRoute({
  operationId: 'executeDestructionAct',
  method: 'post',
  path: '/api/destruction-acts/:id/execute',
  summary: 'Исполнить акт: документы дел уничтожаются, в журнале аудита остаются записи о них, If-Match / execute: purge, leaving tombstones',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.approve',
  resource: 'destruction_act',
  params: IdParams,
  success: { status: 200, description: 'Акт', schema: ActDetailSchema },
  errors: ['DESTRUCTION_ACT_STATE', 'CASE_LEGAL_HOLD'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const act = await ctx.write((unit) => executeDestructionAct(unit, ctx.actor, ctx.params.id, version));
    ctx.setVersion(act.version);
    return detail(ctx.scope, act);
  },
});

defineRoute({
  operationId: 'destructionActPdf',
  method: 'get',
  path: '/api/destruction-acts/:id/pdf',
  summary: 'Акт в PDF/A: проект — предварительный просмотр, утверждённый — сохранённый экземпляр / the act as PDF/A',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'destruction_act',
  params: IdParams,
  success: { status: 200, description: 'PDF/A-2b', contentType: 'application/pdf' },
  async handler(ctx) {
    const act = await ctx.scope.findOr404(DestructionAct, ctx.params.id);
    const bytes = act.pdfSha256 ? await readBlob(ctx.app.blobs, act.pdfSha256) : await actPdf(await draftActContent(ctx, act), act.id, act.updatedAt);
    ctx.koa.type = 'application/pdf';
    ctx.koa.set('Content-Disposition', contentDisposition('inline', `Акт ${act.number}-${act.year} о выделении к уничтожению.pdf`));
    ctx.koa.body = Buffer.from(bytes);
    return undefined;
  },
});
