import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../common.ts';
import { AppError } from '../../http/problem.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { Inventory } from '../../models/Inventory.ts';
import type { TenantScope } from '../../tenancy/scope.ts';
import { CaseSchema, InventorySchema, presentCase, presentInventory } from '../../archive/presenters.ts';
import { inventoryJson, inventoryPdf, type InventoryContent } from '../../archive/inventoryDocument.ts';
import { transferZip } from '../../archive/transfer.ts';
import { readBlob } from '../../files/fileJobs.ts';
import {
  approveInventory,
  createInventory,
  deleteInventory,
  draftContent,
  eligibleCases,
  givenNumbers,
  inventoryCases,
  markInventoryTransferred,
  recordInventoryArchiveReview,
  recordInventoryReview,
  submitInventoryForReview,
  submitInventoryToArchiveReview,
  updateInventory,
} from '../../commands/archive/manageInventories.ts';
import { assignCaseNumbers, numberingSummary } from '../../archive/inventoryNumbering.ts';
import { ArchiveReviewBody, CandidatesQuery, CreateInventoryBody, InventoryDetailSchema, InventoryListQuery, ReviewDecisionBody, TransferQuery, TransferredBody, UpdateInventoryBody } from './schema.ts';

async function detail(scope: TenantScope, inv: Inventory) {
  const cases = await inventoryCases(scope, inv.id);
  const given = await givenNumbers(scope, inv.id);
  const numbers = assignCaseNumbers(cases.map((c) => given.get(c.id) ?? null));
  return {
    ...presentInventory(inv, cases.length),
    cases: cases.map(presentCase),
    lines: cases.map((c, i) => ({ caseId: c.id, number: numbers[i] ?? '', given: given.get(c.id) ?? null })),
    numbering: numberingSummary(numbers),
  };
}

const DEFAULT_ARCHIVE = 'Государственный (муниципальный) архив';
const fileName = (inv: Inventory, ext: string): string => `Опись ${inv.number} за ${inv.year} (${inv.kind}).${ext}`;

defineRoute({
  operationId: 'listInventories',
  method: 'get',
  path: '/api/inventories',
  summary: 'Описи дел / inventories of cases',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  query: InventoryListQuery,
  success: { status: 200, description: 'Описи', schema: Type.Object({ items: Type.Array(InventorySchema) }) },
  async handler(ctx) {
    const rows = await ctx.scope
      .query(Inventory)
      .modify((q) => {
        if (ctx.query.year) q.where('year', ctx.query.year);
        if (ctx.query.kind) q.where('kind', ctx.query.kind);
        if (ctx.query.status) q.where('status', ctx.query.status);
      })
      .orderBy([{ column: 'year', order: 'desc' }, { column: 'kind' }, { column: 'number' }]);
    const counts = new Map(
      ((await ctx.scope.table('inventory_items').whereIn('inventory_id', rows.map((r) => r.id)).groupBy('inventory_id').select('inventory_id').count('* as n')) as { inventory_id: string; n: string | number }[]).map((r) => [r.inventory_id, Number(r.n)]),
    );
    return { items: rows.map((r) => presentInventory(r, counts.get(r.id) ?? 0)) };
  },
});

defineRoute({
  operationId: 'inventoryCandidates',
  method: 'get',
  path: '/api/inventories/candidates',
  summary: 'Закрытые дела года, которые можно включить в опись этого вида / closed cases an inventory of this kind may list',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  query: CandidatesQuery,
  success: { status: 200, description: 'Дела', schema: Type.Object({ items: Type.Array(CaseSchema) }) },
  async handler(ctx) {
    return { items: (await eligibleCases(ctx, ctx.query)).map(presentCase) };
  },
});

defineRoute({
  operationId: 'createInventory',
  method: 'post',
  path: '/api/inventories',
  summary: 'Составить проект описи из закрытых дел / draft an inventory from closed cases',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  body: CreateInventoryBody,
  success: { status: 201, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_CASES_INVALID', 'INVENTORY_EMPTY', 'INVENTORY_NUMBERING_INVALID'],
  async handler(ctx) {
    const inv = await ctx.write((unit) => createInventory(unit, ctx.actor, ctx.body));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'getInventory',
  method: 'get',
  path: '/api/inventories/:id',
  summary: 'Опись с делами / an inventory with its cases',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'inventory',
  params: IdParams,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  async handler(ctx) {
    const inv = await ctx.scope.findOr404(Inventory, ctx.params.id);
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'updateInventory',
  method: 'patch',
  path: '/api/inventories/:id',
  summary: 'Изменить проект описи (заголовок, состав дел), If-Match / edit a draft inventory',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'inventory',
  params: IdParams,
  body: UpdateInventoryBody,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_DRAFT', 'INVENTORY_CASES_INVALID', 'INVENTORY_EMPTY', 'INVENTORY_NUMBERING_INVALID', 'EXPERT_REVIEW_STATE'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => updateInventory(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'deleteInventory',
  method: 'delete',
  path: '/api/inventories/:id',
  summary: 'Удалить проект описи, If-Match / delete a draft inventory',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'inventory',
  params: IdParams,
  success: { status: 204, description: 'Удалено' },
  errors: ['INVENTORY_NOT_DRAFT', 'EXPERT_REVIEW_STATE'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await ctx.write((unit) => deleteInventory(unit, ctx.params.id, version));
    return undefined;
  },
});

defineRoute({
  operationId: 'submitInventoryForReview',
  method: 'post',
  path: '/api/inventories/:id/expert-review',
  summary: 'Представить проект описи на ЭПК (до решения комиссии опись не изменяется), If-Match / submit a draft to the expert commission',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'inventory',
  params: IdParams,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_DRAFT', 'INVENTORY_EMPTY', 'EXPERT_REVIEW_STATE'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => submitInventoryForReview(unit, ctx.actor, ctx.params.id, version));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'recordInventoryReview',
  method: 'post',
  path: '/api/inventories/:id/expert-review/decision',
  summary: 'Записать решение ЭПК по протоколу: согласовано или возвращено с замечаниями, If-Match / record the commission’s decision',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.expert_review',
  resource: 'inventory',
  params: IdParams,
  body: ReviewDecisionBody,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_DRAFT', 'EXPERT_REVIEW_STATE', 'EXPERT_PROTOCOL_INVALID', 'EXPERT_REMARKS_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => recordInventoryReview(unit, ctx.actor, ctx.params.id, version, ctx.body));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'submitInventoryToArchiveReview',
  method: 'post',
  path: '/api/inventories/:id/archive-review',
  summary: 'Представить согласованную ЭПК организации опись дел постоянного хранения или по личному составу на ЭПК архивного учреждения, If-Match / submit to the archive’s expert commission',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'inventory',
  params: IdParams,
  body: ArchiveReviewBody,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_DRAFT', 'EXPERT_REVIEW_STATE', 'ARCHIVE_REVIEW_NOT_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => submitInventoryToArchiveReview(unit, ctx.actor, ctx.params.id, version, ctx.body.commission));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'recordInventoryArchiveReview',
  method: 'post',
  path: '/api/inventories/:id/archive-review/decision',
  summary: 'Записать решение ЭПК архивного учреждения по её протоколу: согласовано или возвращено с замечаниями, If-Match / record the archive commission’s decision',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.expert_review',
  resource: 'inventory',
  params: IdParams,
  body: ReviewDecisionBody,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_DRAFT', 'EXPERT_REVIEW_STATE', 'ARCHIVE_REVIEW_NOT_REQUIRED', 'EXPERT_PROTOCOL_INVALID', 'EXPERT_REMARKS_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => recordInventoryArchiveReview(unit, ctx.actor, ctx.params.id, version, ctx.body));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'approveInventory',
  method: 'post',
  path: '/api/inventories/:id/approve',
  summary: 'Утвердить согласованную с ЭПК опись: содержание и PDF/A фиксируются, дела включаются в опись, If-Match / approve an agreed inventory',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.approve',
  resource: 'inventory',
  params: IdParams,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_DRAFT', 'INVENTORY_CASES_INVALID', 'INVENTORY_EMPTY', 'EXPERT_REVIEW_REQUIRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => approveInventory(unit, ctx.actor, ctx.app.blobs, ctx.params.id, version));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});

defineRoute({
  operationId: 'inventoryPdf',
  method: 'get',
  path: '/api/inventories/:id/pdf',
  summary: 'Опись в PDF/A: проект — предварительный просмотр, утверждённая — сохранённый экземпляр / the inventory as PDF/A',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'inventory',
  params: IdParams,
  success: { status: 200, description: 'PDF/A-2b', contentType: 'application/pdf' },
  async handler(ctx) {
    const inv = await ctx.scope.findOr404(Inventory, ctx.params.id);
    const bytes = inv.status === 'approved' && inv.pdfSha256 ? await readBlob(ctx.app.blobs, inv.pdfSha256) : await inventoryPdf(await draftContent(ctx, inv), inv.updatedAt);
    ctx.koa.type = 'application/pdf';
    ctx.koa.set('Content-Disposition', contentDisposition('inline', fileName(inv, 'pdf')));
    ctx.koa.body = Buffer.from(bytes);
    return undefined;
  },
});

defineRoute({
  operationId: 'inventoryContent',
  method: 'get',
  path: '/api/inventories/:id/content',
  summary: 'Содержание описи в JSON (утверждённой — зафиксированное) / the inventory’s content as JSON',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'inventory',
  params: IdParams,
  success: { status: 200, description: 'JSON (RFC 8785)', contentType: 'application/json' },
  async handler(ctx) {
    const inv = await ctx.scope.findOr404(Inventory, ctx.params.id);
    const content = inv.status === 'approved' ? (inv.content as unknown as InventoryContent) : await draftContent(ctx, inv);
    ctx.koa.type = 'application/json';
    ctx.koa.set('Content-Disposition', contentDisposition('attachment', fileName(inv, 'json')));
    ctx.koa.body = Buffer.from(inventoryJson(content));
    return undefined;
  },
});

defineRoute({
  operationId: 'inventoryTransfer',
  method: 'get',
  path: '/api/inventories/:id/transfer',
  summary: 'Передача в государственный архив: E-ARK SIP в BagIt ZIP, побайтно воспроизводимый / transfer export (deterministic)',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'inventory',
  params: IdParams,
  query: TransferQuery,
  success: { status: 200, description: 'ZIP', contentType: 'application/zip' },
  errors: ['INVENTORY_NOT_APPROVED'],
  async handler(ctx) {
    const inv = await ctx.scope.findOr404(Inventory, ctx.params.id);
    if (inv.status !== 'approved') throw new AppError('INVENTORY_NOT_APPROVED');
    const cases = await inventoryCases(ctx.scope, inv.id);
    const zip = await transferZip(ctx.scope, ctx.app.blobs, inv, cases, ctx.query.archive ?? inv.transferredTo ?? DEFAULT_ARCHIVE);
    ctx.koa.type = 'application/zip';
    ctx.koa.set('Content-Disposition', contentDisposition('attachment', fileName(inv, 'zip')));
    ctx.koa.body = Buffer.from(zip);
    return undefined;
  },
});

defineRoute({
  operationId: 'markInventoryTransferred',
  method: 'post',
  path: '/api/inventories/:id/transferred',
  summary: 'Отметить передачу дел описи в государственный архив, If-Match / record the handover to the state archive',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'inventory',
  params: IdParams,
  body: TransferredBody,
  success: { status: 200, description: 'Опись', schema: InventoryDetailSchema },
  errors: ['INVENTORY_NOT_APPROVED', 'INVENTORY_TRANSFERRED'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const inv = await ctx.write((unit) => markInventoryTransferred(unit, ctx.params.id, version, ctx.body.archive?.trim() || DEFAULT_ARCHIVE));
    ctx.setVersion(inv.version);
    return detail(ctx.scope, inv);
  },
});
