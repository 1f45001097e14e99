import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { PageSchema, decodeCursor, pageOf } from '../../http/pagination.ts';
import { Uuid } from '../common.ts';
import { verifyAudit } from '../../audit/verifyAudit.ts';

const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  // id null: a system actor without an account (the internet reception: login system:internet-reception).
  actor: Type.Union([Type.Object({ id: Type.Union([Uuid, Type.Null()]), login: Type.String() }), Type.Null()]),
  action: Type.String(),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  label: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});

const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  objectType: Type.Optional(Type.String({ maxLength: 100 })),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
});

interface AuditRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_login: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  payload: unknown;
  request_id: string | null;
  label: string | null;
  hash: string;
}

defineRoute({
  operationId: 'listAudit',
  method: 'get',
  path: '/api/audit',
  summary: 'Журнал аудита организации, новые сверху / the organisation’s audit log, newest first',
  tags: ['audit'],
  access: 'authenticated',
  permission: 'audit.read',
  query: AuditQuery,
  success: { status: 200, description: 'Страница журнала', schema: PageSchema(AuditEntrySchema) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 50;
    const before = decodeCursor(ctx.query.cursor, 1);
    const rows = (await ctx.app
      .knex('audit_log')
      .where('chain', ctx.actor.orgId)
      .modify((q) => {
        if (before) q.where('seq', '<', before[0] as number);
        if (ctx.query.action) q.where('action', ctx.query.action);
        if (ctx.query.objectType) q.where('object_type', ctx.query.objectType);
        if (ctx.query.objectId) q.where('object_id', ctx.query.objectId);
      })
      .orderBy('seq', 'desc')
      .limit(limit + 1)) as AuditRow[];
    return pageOf(
      rows,
      limit,
      (r) => [r.seq],
      (r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actor: r.actor_login ? { id: r.actor_id, login: r.actor_login } : null,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        payload: r.payload,
        requestId: r.request_id,
        label: r.label,
        hash: r.hash,
      }),
    );
  },
});

const VerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  chains: Type.Integer(),
  problems: Type.Array(Type.Object({ chain: Type.String(), seq: Type.Integer(), kind: Type.String(), message: Type.String() })),
});

defineRoute({
  operationId: 'verifyAudit',
  method: 'get',
  path: '/api/audit/verify',
  summary: 'Проверка целостности цепочки аудита / verify the audit hash chain',
  tags: ['audit'],
  access: 'authenticated',
  permission: 'audit.verify',
  success: { status: 200, description: 'Результат проверки', schema: VerificationSchema },
  async handler(ctx) {
    return verifyAudit(ctx.app.knex, { chain: ctx.actor.orgId });
  },
});
