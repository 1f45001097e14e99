import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { CaseSchema, InventoryKindSchema, InventorySchema } from '../../archive/presenters.ts';
import { Year } from '../nomenclature/schema.ts';

const CaseIds = Type.Array(Uuid, { maxItems: 5000, uniqueItems: true, description: 'Дела описи; без списка — все подходящие закрытые дела / the cases; all eligible when absent' });

export const InventoryListQuery = Type.Object(
  { year: Type.Optional(Year), kind: Type.Optional(InventoryKindSchema), status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('approved')])) },
  { additionalProperties: false },
);
export const CandidatesQuery = Type.Object({ year: Type.Optional(Year), kind: Type.Optional(InventoryKindSchema) }, { additionalProperties: false });
const FundNumber = Type.String({ maxLength: 50, description: 'Номер фонда, печатается в заголовке описи / the fund number printed in the header' });
export const CreateInventoryBody = Type.Object(
  { kind: InventoryKindSchema, year: Year, title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), fundNumber: Type.Optional(FundNumber), caseIds: Type.Optional(CaseIds) },
  { additionalProperties: false },
);
export const UpdateInventoryBody = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })), fundNumber: Type.Optional(Type.Union([FundNumber, Type.Null()])), caseIds: Type.Optional(CaseIds) },
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
export const TransferQuery = Type.Object(
  { archive: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Наименование государственного (муниципального) архива / the receiving archive' })) },
  { additionalProperties: false },
);
export const TransferredBody = Type.Object(
  { archive: Type.Optional(Type.String({ maxLength: 500, description: 'Архив, принявший дела / the receiving archive' })) },
  { additionalProperties: false },
);
export const InventoryDetailSchema = Type.Composite([InventorySchema, Type.Object({ cases: Type.Array(CaseSchema) })]);
