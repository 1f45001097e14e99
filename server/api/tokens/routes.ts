import { Type } from '@sinclair/typebox';
import { cachedDataChanged } from '../../db/sharedCache.ts';
import { AUTH_CACHE } from '../../auth/authenticate.ts';
import { defineRoute } from '../../http/route.ts';
import { notFound } from '../../http/problem.ts';
import { IdParams, Uuid } from '../common.ts';
import { ApiToken } from '../../models/ApiToken.ts';
import { createApiToken } from '../../commands/createApiToken.ts';

const TokenSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const present = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

defineRoute({
  operationId: 'listTokens',
  method: 'get',
  path: '/api/tokens',
  summary: 'Мои API-токены / my API tokens',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  success: { status: 200, description: 'Токены (без секретов)', schema: Type.Object({ items: Type.Array(TokenSchema) }) },
  async handler(ctx) {
    const rows = await ctx.scope.query(ApiToken).where({ user_id: ctx.actor.userId }).whereNull('revoked_at').orderBy('created_at', 'desc');
    return { items: rows.map(present) };
  },
});

defineRoute({
  operationId: 'createToken',
  method: 'post',
  path: '/api/tokens',
  summary: 'Выпустить API-токен (секрет показывается один раз) / create an API token; the secret is shown once',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  body: Type.Object(
    { name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) },
    { additionalProperties: false },
  ),
  success: { status: 201, description: 'Токен', schema: Type.Composite([TokenSchema, Type.Object({ token: Type.String() })]) },
  async handler(ctx) {
    const { token, secret } = await ctx.write((unit) => createApiToken(unit, ctx.actor, ctx.body));
    return { ...present(token), token: secret };
  },
});

defineRoute({
  operationId: 'revokeToken',
  method: 'delete',
  path: '/api/tokens/:id',
  summary: 'Отозвать API-токен / revoke an API token',
  tags: ['auth'],
  access: 'authenticated',
  permission: 'self.manage',
  resource: 'token',
  params: IdParams,
  success: { status: 204, description: 'Отозван' },
  async handler(ctx) {
    await ctx.write(async (unit) => {
      const token = await unit.scope.findOr404(ApiToken, ctx.params.id);
      if (token.userId !== ctx.actor.userId || token.revokedAt) throw notFound();
      await unit.scope.query(ApiToken).findById(token.id).patch({ revokedAt: new Date() });
      await cachedDataChanged(unit.trx, AUTH_CACHE);
      await unit.audit({ action: 'token.revoked', objectType: 'api_token', objectId: token.id, payload: { name: token.name } });
    });
    return undefined;
  },
});
