import { Type, type Static } from '@sinclair/typebox';
import { DateTime, RoleSchema, Uuid } from '../api/common.ts';
import type { User } from '../models/User.ts';

export const UserSchema = Type.Object({
  id: Uuid,
  login: Type.String(),
  fullName: Type.String(),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([DateTime, Type.Null()]),
  staffId: Type.Union([Uuid, Type.Null()]),
  version: Type.Integer(),
});

export function presentUser(user: User): Static<typeof UserSchema> {
  return {
    id: user.id,
    login: user.login,
    fullName: user.fullName,
    roles: user.roles,
    disabled: user.disabled,
    lockedUntil: user.lockedUntil ? user.lockedUntil.toISOString() : null,
    staffId: user.staffId,
    version: user.version,
  };
}
