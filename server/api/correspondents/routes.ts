import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams } from '../common.ts';
import { CorrespondentQuery, CreateCorrespondentBody, UpdateCorrespondentBody } from './schema.ts';
import { Correspondent } from '../../models/Correspondent.ts';
import { CorrespondentSchema, presentCorrespondent } from '../../presenters/correspondentPresenter.ts';
import { createCorrespondent, updateCorrespondent } from '../../commands/saveCorrespondent.ts';
import { searchCorrespondents } from '../../records/correspondents/searchCorrespondents.ts';

defineRoute({
  operationId: 'searchCorrespondents',
  method: 'get',
  path: '/api/correspondents',
  summary: 'Поиск корреспондентов по фрагменту наименования, ИНН, ОГРН (с опечатками) / search correspondents',
  tags: ['correspondents'],
  access: 'authenticated',
  permission: 'cards.read',
  query: CorrespondentQuery,
  success: { status: 200, description: 'Найденные корреспонденты', schema: Type.Object({ items: Type.Array(CorrespondentSchema) }) },
  async handler(ctx) {
    const rows = await searchCorrespondents(ctx.app.knex, ctx.actor.orgId, ctx.query.q, ctx.query.type, ctx.query.limit ?? 20);
    return {
      items: rows.map((r) =>
        presentCorrespondent(
          Correspondent.fromDatabaseJson(r as unknown as Record<string, unknown>),
        ),
      ),
    };
  },
});

defineRoute({
  operationId: 'getCorrespondent',
  method: 'get',
  path: '/api/correspondents/:id',
  summary: 'Корреспондент / a correspondent',
  tags: ['correspondents'],
  access: 'authenticated',
  permission: 'cards.read',
  resource: 'correspondent',
  params: IdParams,
  success: { status: 200, description: 'Корреспондент', schema: CorrespondentSchema },
  async handler(ctx) {
    const c = await ctx.scope.findOr404(Correspondent, ctx.params.id);
    ctx.setVersion(c.version);
    return presentCorrespondent(c);
  },
});

defineRoute({
  operationId: 'createCorrespondent',
  method: 'post',
  path: '/api/correspondents',
  summary: 'Добавить корреспондента; при совпадении ИНН/КПП или ОГРН возвращается существующий (200) / add, duplicate-safe',
  tags: ['correspondents'],
  access: 'authenticated',
  permission: 'correspondents.manage',
  body: CreateCorrespondentBody,
  success: { status: 201, description: 'Создан (или 200 — уже был)', schema: CorrespondentSchema },
  async handler(ctx) {
    const { correspondent, created } = await ctx.write((unit) => createCorrespondent(unit, ctx.body));
    if (!created) ctx.koa.status = 200;
    ctx.setVersion(correspondent.version);
    const body = presentCorrespondent(correspondent);
    if (!created) ctx.koa.body = body;
    return body;
  },
});

defineRoute({
  operationId: 'updateCorrespondent',
  method: 'patch',
  path: '/api/correspondents/:id',
  summary: 'Изменить корреспондента (If-Match) / update a correspondent',
  tags: ['correspondents'],
  access: 'authenticated',
  permission: 'correspondents.manage',
  resource: 'correspondent',
  params: IdParams,
  body: UpdateCorrespondentBody,
  success: { status: 200, description: 'Изменён', schema: CorrespondentSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const c = await ctx.write((unit) => updateCorrespondent(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(c.version);
    return presentCorrespondent(c);
  },
});
