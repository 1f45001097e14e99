import { Type } from '@sinclair/typebox';

const Digits = (n: string) => Type.String({ pattern: `^\\d{${n}}$` });
export const CorrespondentTypeSchema = Type.Union([
  Type.Literal('company'),
  Type.Literal('government'),
  Type.Literal('municipal'),
  Type.Literal('entrepreneur'),
  Type.Literal('citizen'),
]);

export const CreateCorrespondentBody = Type.Object(
  {
    type: CorrespondentTypeSchema,
    name: Type.String({ minLength: 1, maxLength: 500, description: 'краткое наименование или ФИО' }),
    fullName: Type.Optional(Type.String({ maxLength: 1000 })),
    inn: Type.Optional(Type.Union([Digits('10'), Digits('12')])),
    kpp: Type.Optional(Type.String({ pattern: '^\\d{4}[\\dA-Z]{2}\\d{3}$' })),
    ogrn: Type.Optional(Type.Union([Digits('13'), Digits('15')])),
    address: Type.Optional(Type.String({ maxLength: 1000 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);

export const UpdateCorrespondentBody = Type.Partial(CreateCorrespondentBody, { additionalProperties: false });

export const CorrespondentQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'фрагмент наименования, ИНН или ОГРН' })),
  type: Type.Optional(CorrespondentTypeSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
