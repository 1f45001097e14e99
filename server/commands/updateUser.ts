import type { WriteUnit } from '../http/route.ts';
import { User, type Role } from '../models/User.ts';
import { cachedDataChanged } from '../db/sharedCache.ts';
import { AUTH_CACHE } from '../auth/authenticate.ts';

export interface UpdateUserInput {
  fullName?: string;
  roles?: Role[];
  disabled?: boolean;
  unlock?: boolean;
}

export async function updateUser(unit: WriteUnit, id: string, expectedVersion: number, input: UpdateUserInput): Promise<User> {
  const before = await unit.scope.findVersioned(User, id, expectedVersion);
  const patch: Partial<Pick<User, 'fullName' | 'roles' | 'disabled' | 'lockedUntil' | 'failedLogins'>> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  if (input.fullName !== undefined && input.fullName !== before.fullName) {
    patch.fullName = input.fullName;
    diff.fullName = { from: before.fullName, to: input.fullName };
  }
  if (input.roles !== undefined) {
    patch.roles = input.roles;
    diff.roles = { from: before.roles, to: input.roles };
  }
  if (input.disabled !== undefined && input.disabled !== before.disabled) {
    patch.disabled = input.disabled;
    diff.disabled = { from: before.disabled, to: input.disabled };
  }
  if (input.unlock) {
    patch.lockedUntil = null;
    patch.failedLogins = 0;
    diff.lockedUntil = { from: before.lockedUntil?.toISOString() ?? null, to: null };
  }
  const after = await unit.scope.patchVersioned(User, id, expectedVersion, patch);
  if (input.disabled === true) await unit.trx('sessions').where({ user_id: id }).whereNull('revoked_at').update({ revoked_at: new Date() });
  // Roles, name and the disabled flag travel with every cached session and token of the user.
  await cachedDataChanged(unit.trx, AUTH_CACHE);
  await unit.audit({ action: 'user.updated', objectType: 'user', objectId: id, payload: { diff } });
  return after;
}
