import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { CardKindSchema } from './schema.ts';
import { CARD_KINDS, type CardKind } from '../../models/Card.ts';
import { compileSchema, KIND_SCHEMA_CACHE, kindSchema } from '../../records/cardFields.ts';
import { cachedDataChanged } from '../../db/sharedCache.ts';

const KindSchemaSchema = Type.Object({ kind: CardKindSchema, schema: Type.Record(Type.String(), Type.Unknown()), version: Type.Integer() });

defineRoute({
  operationId: 'listCardKinds',
  method: 'get',
  path: '/api/card-kinds',
  summary: 'Виды документов и JSON Schema их полей / document kinds with their field schemas',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.read',
  success: { status: 200, description: 'Виды', schema: Type.Object({ items: Type.Array(KindSchemaSchema) }) },
  async handler(ctx) {
    const items = [];
    for (const kind of CARD_KINDS) items.push({ kind, ...(await kindSchema(ctx.app.knex, ctx.actor.orgId, kind)) });
    return { items };
  },
});

defineRoute({
  operationId: 'putCardKindSchema',
  method: 'put',
  path: '/api/card-kinds/:kind/schema',
  summary: 'Заменить JSON Schema полей вида (If-Match) / replace a kind’s field schema',
  tags: ['cards'],
  access: 'authenticated',
  permission: 'cards.schema',
  params: Type.Object({ kind: CardKindSchema }),
  body: Type.Object({ schema: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false }),
  success: { status: 200, description: 'Схема', schema: KindSchemaSchema },
  errors: ['SCHEMA_INVALID'],
  async handler(ctx) {
    const expected = ctx.ifMatch();
    const kind = ctx.params.kind as CardKind;
    compileSchema(ctx.body.schema);
    const version = await ctx.write(async (unit) => {
      const current = await kindSchema(unit.trx, unit.scope.orgId, kind, true);
      if (current.version !== expected) throw new AppError('PRECONDITION_FAILED');
      const next = current.version + 1;
      await unit.trx('kind_schemas')
        .insert({ org_id: unit.scope.orgId, kind, schema: JSON.stringify(ctx.body.schema), version: next, updated_at: new Date() })
        .onConflict(['org_id', 'kind'])
        .merge();
      await cachedDataChanged(unit.trx, KIND_SCHEMA_CACHE);
      await unit.audit({ action: 'card_kind.schema_changed', objectType: 'card_kind', objectId: kind, payload: { from: current.schema, to: ctx.body.schema, version: next } });
      return next;
    });
    ctx.setVersion(version);
    return { kind, schema: ctx.body.schema, version };
  },
});
