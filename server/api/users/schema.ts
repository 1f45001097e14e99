import { Type } from '@sinclair/typebox';
import { RoleSchema, Uuid } from '../common.ts';

export const CreateUserBody = Type.Object(
  {
    login: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{1,62}$', description: 'латиница в нижнем регистре, цифры, . _ -' }),
    fullName: Type.String({ minLength: 1, maxLength: 300 }),
    password: Type.String({ minLength: 10, maxLength: 256 }),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    staffId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
    disabled: Type.Optional(Type.Boolean()),
    unlock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
