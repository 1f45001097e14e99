import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';

export const CreateDepartmentBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 300 }), code: Type.String({ minLength: 1, maxLength: 30 }), parentId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false },
);
export const UpdateDepartmentBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })), code: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })), parentId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false },
);
export const UpdateOrganisationBody = Type.Object(
  { acquisitionSource: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export const CreatePositionBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 300 }), departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false },
);
export const CreateStaffBody = Type.Object(
  {
    lastName: Type.String({ minLength: 1, maxLength: 100 }),
    firstName: Type.String({ minLength: 1, maxLength: 100 }),
    middleName: Type.Optional(Type.String({ maxLength: 100 })),
    departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    positionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export const StaffQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'фрагмент ФИО / name fragment' })),
  departmentId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
