import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { RetentionKindSchema } from '../../archive/presenters.ts';

export const Year = Type.Integer({ minimum: 1900, maximum: 2200 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptionalText = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

const fields = {
  caseIndex: Text(50),
  title: Text(1000),
  departmentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  retentionKind: RetentionKindSchema,
  retentionYears: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()])),
  personnel: Type.Optional(Type.Boolean({ description: 'Дело по личному составу / personnel case' })),
  listArticle: OptionalText(200),
  storageNote: OptionalText(1000),
};

export const CreateNomenclatureBody = Type.Object({ year: Year, ...fields }, { additionalProperties: false });

export const UpdateNomenclatureBody = Type.Partial(Type.Object(fields), { additionalProperties: false });

export const NomenclatureListQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

export const CopyNomenclatureBody = Type.Object({ fromYear: Year, toYear: Year }, { additionalProperties: false });
