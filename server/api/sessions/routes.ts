import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { IdParams, Uuid } from '../common.ts';
import { Session } from '../../models/Session.ts';
import { revokeSession } from '../../commands/revokeSession.ts';

const SessionSchema = Type.Object({
  id: Uuid,
  current: Type.Boolean(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

defineRoute({
  operationId: 'listSessions',
  method: 'get',
  path: '/api/sessions',
  summary: 'Мои активные сеансы / my active sessions',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  success: { status: 200, description: 'Сеансы', schema: Type.Object({ items: Type.Array(SessionSchema) }) },
  async handler(ctx) {
    const rows = await ctx.scope
      .query(Session)
      .where({ user_id: ctx.actor.userId })
      .whereNull('revoked_at')
      .where('expires_at', '>', new Date())
      .orderBy('last_seen_at', 'desc');
    return {
      items: rows.map((s) => ({
        id: s.id,
        current: s.id === ctx.actor.sessionId,
        ip: s.ip,
        userAgent: s.userAgent,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
      })),
    };
  },
});

defineRoute({
  operationId: 'revokeSession',
  method: 'delete',
  path: '/api/sessions/:id',
  summary: 'Завершить сеанс / revoke a session',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  resource: 'session',
  params: IdParams,
  success: { status: 204, description: 'Сеанс завершён' },
  async handler(ctx) {
    await ctx.write((unit) => revokeSession(unit, ctx.actor, ctx.params.id, 'revoked'));
    return undefined;
  },
});
