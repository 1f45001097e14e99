import { Type } from '@sinclair/typebox';

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
