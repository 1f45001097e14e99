import type { WriteUnit } from '../http/route.ts';
import type { Actor } from '../http/actor.ts';
import { Session } from '../models/Session.ts';
import { notFound } from '../http/problem.ts';
import { cachedDataChanged } from '../db/sharedCache.ts';
import { AUTH_CACHE } from '../auth/authenticate.ts';

/** Revokes one of the actor's own sessions (logout, or "sign out elsewhere"). */
export async function revokeSession(unit: WriteUnit, actor: Actor, sessionId: string, reason: 'logout' | 'revoked'): Promise<void> {
  const session = await unit.scope.findOr404(Session, sessionId);
  if (session.userId !== actor.userId) throw notFound();
  if (session.revokedAt) return;
  await unit.scope.query(Session).findById(sessionId).patch({ revokedAt: new Date() });
  await cachedDataChanged(unit.trx, AUTH_CACHE);
  await unit.audit({ action: reason === 'logout' ? 'auth.logout' : 'auth.session_revoked', objectType: 'session', objectId: sessionId });
}
