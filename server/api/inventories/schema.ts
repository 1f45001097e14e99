import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { CaseSchema, InventoryKindSchema, InventorySchema } from '../../archive/presenters.ts';
import { CASE_NUMBER_PATTERN } from '../../archive/inventoryNumbering.ts';
import { Year } from '../nomenclature/schema.ts';

const CaseIds = Type.Array(Uuid, { maxItems: 5000, uniqueItems: true, description: 'Дела описи; без списка — все подходящие закрытые дела / the cases; all eligible when absent' });

export const InventoryListQuery = Type.Object(
  { year: Type.Optional(Year), kind: Type.Optional(InventoryKindSchema), status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('approved')])) },
  { additionalProperties: false },
);
export const CandidatesQuery = Type.Object({ year: Type.Optional(Year), kind: Type.Optional(InventoryKindSchema) }, { additionalProperties: false });
const CaseNumbers = Type.Array(
  Type.Object(
    {
      caseId: Uuid,
      number: Type.Union([Type.String({ pattern: CASE_NUMBER_PATTERN, maxLength: 7 }), Type.Literal(''), Type.Null()], {
        description: 'Номер дела по описи: 12, литерный 12а; пусто — следующий по порядку / the case’s number; empty: the next one',
      }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 5000, description: 'Номера, данные делам вручную (литерные, с пропуском) / numbers given by hand' },
);
const FundNumber = Type.String({ maxLength: 50, description: 'Номер фонда, печатается в заголовке описи / the fund number printed in the header' });
export const CreateInventoryBody = Type.Object(
  {
    kind: InventoryKindSchema,
    year: Year,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    fundNumber: Type.Optional(FundNumber),
    caseIds: Type.Optional(CaseIds),
    caseNumbers: Type.Optional(CaseNumbers),
  },
  { additionalProperties: false },
);
export const UpdateInventoryBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    fundNumber: Type.Optional(Type.Union([FundNumber, Type.Null()])),
    caseIds: Type.Optional(CaseIds),
    caseNumbers: Type.Optional(CaseNumbers),
  },
  { additionalProperties: false },
);
/** The expert commission's decision, as its protocol records it (shared by inventories and destruction acts). */
export const ReviewDecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('agreed'), Type.Literal('returned')], { description: 'Согласовано / возвращено с замечаниями / agreed or returned with remarks' }),
    protocolNumber: Type.String({ minLength: 1, maxLength: 50, description: 'Номер протокола ЭПК / protocol number' }),
    protocolDate: Type.String({ format: 'date', description: 'Дата заседания ЭПК / date of the meeting' }),
    remarks: Type.Optional(Type.String({ maxLength: 4000, description: 'Замечания (обязательны при возврате) / remarks, required when returned' })),
  },
  { additionalProperties: false },
);
export const ArchiveReviewBody = Type.Object(
  {
    commission: Type.Optional(
      Type.String({ maxLength: 500, description: 'ЭПК архивного учреждения, куда представлена опись; по умолчанию «ЭПК архивного учреждения» / the archive’s commission' }),
    ),
  },
  { additionalProperties: false },
);
export const TransferQuery = Type.Object(
  { archive: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Наименование государственного (муниципального) архива / the receiving archive' })) },
  { additionalProperties: false },
);
export const TransferredBody = Type.Object(
  { archive: Type.Optional(Type.String({ maxLength: 500, description: 'Архив, принявший дела / the receiving archive' })) },
  { additionalProperties: false },
);
export const InventoryDetailSchema = Type.Composite([
  InventorySchema,
  Type.Object({
    cases: Type.Array(CaseSchema),
    lines: Type.Array(Type.Object({ caseId: Uuid, number: Type.String(), given: Type.Union([Type.String(), Type.Null()]) }), {
      description: 'Номер каждого дела по описи; given — номер, данный вручную / each case’s number; given: set by hand',
    }),
    numbering: Type.Object(
      { first: Type.Union([Type.String(), Type.Null()]), last: Type.Union([Type.String(), Type.Null()]), lettered: Type.Array(Type.String()), skipped: Type.Array(Type.Integer()) },
      { description: 'Для итоговой записи: первый и последний номера, литерные и пропущенные номера / for the certification entry' },
    ),
  }),
]);
