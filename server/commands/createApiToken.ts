import type { WriteUnit } from '../http/route.ts';
import type { Actor } from '../http/actor.ts';
import { ApiToken } from '../models/ApiToken.ts';
import { hashSecret, randomToken } from '../auth/secrets.ts';

export async function createApiToken(unit: WriteUnit, actor: Actor, input: { name: string; expiresInDays?: number }): Promise<{ token: ApiToken; secret: string }> {
  // The "kt_" prefix makes leaked tokens easy to spot by secret scanners; only the hash is stored.
  const secret = `kt_${randomToken(32)}`;
  const token = await unit.scope.insertQuery(ApiToken).insertAndFetch({
    userId: actor.userId,
    name: input.name,
    tokenHash: hashSecret(secret),
    prefix: secret.slice(0, 7),
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
  });
  await unit.audit({ action: 'token.created', objectType: 'api_token', objectId: token.id, payload: { name: input.name, expiresInDays: input.expiresInDays ?? null } });
  return { token, secret };
}
