import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { CaseCardSchema, CaseSchema, CaseStatusSchema } from '../../archive/presenters.ts';
import { Year } from '../nomenclature/schema.ts';

const IsoDate = Type.String({ format: 'date' });

export const CaseListQuery = Type.Object(
  { year: Type.Optional(Year), status: Type.Optional(CaseStatusSchema), caseIndex: Type.Optional(Type.String({ maxLength: 50 })) },
  { additionalProperties: false },
);
export const OpenCaseBody = Type.Object({ nomenclatureItemId: Uuid, title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) }, { additionalProperties: false });
export const YearBody = Type.Object({ year: Year, closedOn: Type.Optional(IsoDate) }, { additionalProperties: false });
export const CloseCaseBody = Type.Object({ closedOn: Type.Optional(IsoDate) }, { additionalProperties: false });
export const UpdateCaseBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    supersededOn: Type.Optional(Type.Union([IsoDate, Type.Null()], { description: 'ДМН: дата минования надобности / the day the documents were superseded' })),
  },
  { additionalProperties: false },
);
// The reason is checked by the command (after the case is found), so that a foreign case is a 404 whatever the body.
export const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const CaseDetailSchema = Type.Composite([CaseSchema, Type.Object({ cards: Type.Array(CaseCardSchema) })]);

export const FileableQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const FileableCardSchema = Type.Object({ id: Uuid, regNumber: Type.Union([Type.String(), Type.Null()]), regDate: Type.Union([Type.String(), Type.Null()]), summary: Type.String(), version: Type.Integer() });
