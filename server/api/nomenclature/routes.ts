import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../common.ts';
import { NomenclatureItem } from '../../models/NomenclatureItem.ts';
import { NomenclatureItemSchema, presentNomenclatureItem } from '../../archive/presenters.ts';
import { copyNomenclatureYear, createNomenclatureItem, deleteNomenclatureItem, updateNomenclatureItem } from '../../commands/archive/saveNomenclatureItem.ts';
import { contentDisposition } from '../../http/safeFileName.ts';
import { today } from '../../records/today.ts';
import { nomenclaturePdf } from '../../archive/nomenclatureDocument.ts';
import { CopyNomenclatureBody, CreateNomenclatureBody, NomenclatureListQuery, UpdateNomenclatureBody } from './schema.ts';

defineRoute({
  operationId: 'listNomenclature',
  method: 'get',
  path: '/api/nomenclature',
  summary: 'Номенклатура дел (за год) / the nomenclature of cases (of a year)',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  query: NomenclatureListQuery,
  success: { status: 200, description: 'Статьи номенклатуры', schema: Type.Object({ items: Type.Array(NomenclatureItemSchema) }) },
  async handler(ctx) {
    const rows = await ctx.scope
      .query(NomenclatureItem)
      .modify((q) => {
        if (ctx.query.year) q.where('year', ctx.query.year);
      })
      .orderBy([{ column: 'year', order: 'desc' }, { column: 'case_index' }]);
    return { items: rows.map(presentNomenclatureItem) };
  },
});

defineRoute({
  operationId: 'createNomenclatureItem',
  method: 'post',
  path: '/api/nomenclature',
  summary: 'Добавить статью номенклатуры / add a nomenclature item',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  body: CreateNomenclatureBody,
  success: { status: 201, description: 'Статья', schema: NomenclatureItemSchema },
  errors: ['NOMENCLATURE_INDEX_TAKEN', 'RETENTION_TERM_INVALID'],
  async handler(ctx) {
    const item = await ctx.write((unit) => createNomenclatureItem(unit, ctx.body));
    ctx.setVersion(item.version);
    return presentNomenclatureItem(item);
  },
});

defineRoute({
  operationId: 'copyNomenclatureYear',
  method: 'post',
  path: '/api/nomenclature/copy',
  summary: 'Перенести номенклатуру года на другой год (недостающие индексы) / copy a year’s nomenclature to another year',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  body: CopyNomenclatureBody,
  success: { status: 200, description: 'Созданные статьи и пропущенные индексы', schema: Type.Object({ items: Type.Array(NomenclatureItemSchema), skipped: Type.Array(Type.String()) }) },
  async handler(ctx) {
    const { created, skipped } = await ctx.write((unit) => copyNomenclatureYear(unit, ctx.body.fromYear, ctx.body.toYear));
    return { items: created.map(presentNomenclatureItem), skipped };
  },
});

defineRoute({
  operationId: 'nomenclaturePdf',
  method: 'get',
  path: '/api/nomenclature/pdf',
  summary: 'Номенклатура дел года для печати и утверждения (PDF/A) / the year’s nomenclature as PDF/A',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  query: NomenclatureListQuery,
  success: { status: 200, description: 'PDF/A-2b', contentType: 'application/pdf' },
  async handler(ctx) {
    const year = ctx.query.year ?? Number(today().slice(0, 4));
    const items = await ctx.scope.query(NomenclatureItem).where({ year }).orderBy('case_index');
    const departments = new Map(((await ctx.scope.table('departments').select('id', 'name')) as { id: string; name: string }[]).map((d) => [d.id, d.name]));
    const org = (await ctx.app.knex('organisations').where({ id: ctx.actor.orgId }).first('id', 'name')) as { id: string; name: string };
    ctx.koa.type = 'application/pdf';
    ctx.koa.set('Content-Disposition', contentDisposition('inline', `Номенклатура дел на ${year} год.pdf`));
    ctx.koa.body = Buffer.from(await nomenclaturePdf(org, year, items, departments));
    return undefined;
  },
});

defineRoute({
  operationId: 'getNomenclatureItem',
  method: 'get',
  path: '/api/nomenclature/:id',
  summary: 'Статья номенклатуры / a nomenclature item',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.read',
  resource: 'nomenclature_item',
  params: IdParams,
  success: { status: 200, description: 'Статья', schema: NomenclatureItemSchema },
  async handler(ctx) {
    const item = await ctx.scope.findOr404(NomenclatureItem, ctx.params.id);
    ctx.setVersion(item.version);
    return presentNomenclatureItem(item);
  },
});

defineRoute({
  operationId: 'updateNomenclatureItem',
  method: 'patch',
  path: '/api/nomenclature/:id',
  summary: 'Изменить статью номенклатуры, If-Match / edit a nomenclature item',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'nomenclature_item',
  params: IdParams,
  body: UpdateNomenclatureBody,
  success: { status: 200, description: 'Статья', schema: NomenclatureItemSchema },
  errors: ['NOMENCLATURE_INDEX_TAKEN', 'NOMENCLATURE_ITEM_IN_USE', 'RETENTION_TERM_INVALID'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    const item = await ctx.write((unit) => updateNomenclatureItem(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(item.version);
    return presentNomenclatureItem(item);
  },
});

defineRoute({
  operationId: 'deleteNomenclatureItem',
  method: 'delete',
  path: '/api/nomenclature/:id',
  summary: 'Удалить статью номенклатуры, по которой нет дел, If-Match / delete an unused nomenclature item',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  resource: 'nomenclature_item',
  params: IdParams,
  success: { status: 204, description: 'Удалено' },
  errors: ['NOMENCLATURE_ITEM_IN_USE'],
  async handler(ctx) {
    const version = ctx.ifMatch();
    await ctx.write((unit) => deleteNomenclatureItem(unit, ctx.params.id, version));
    return undefined;
  },
});
