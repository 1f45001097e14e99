import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';

export const IsoDateSchema = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CardKindSchema = Type.Union([
  Type.Literal('incoming'),
  Type.Literal('outgoing'),
  Type.Literal('internal'),
  Type.Literal('appeal'),
  Type.Literal('draft'),
  Type.Literal('service_application'),
]);
export const CardStatusSchema = Type.Union(
  [Type.Literal('draft'), Type.Literal('registered'), Type.Literal('in_work'), Type.Literal('executed'), Type.Literal('filed'), Type.Literal('archived'), Type.Literal('cancelled')],
);

export const DeadlineInSchema = Type.Object(
  { days: Type.Integer({ minimum: 1, maximum: 3650 }), type: Type.Union([Type.Literal('calendar'), Type.Literal('working')]) },
  { additionalProperties: false, description: 'срок в календарных или рабочих днях от даты регистрации' },
);

export const LinkSchema = Type.Object(
  { type: Type.Union([Type.Literal('in_reply_to'), Type.Literal('repeated'), Type.Literal('related')]), cardId: Uuid },
  { additionalProperties: false },
);

const requisites = {
  summary: Type.Optional(Type.String({ maxLength: 4000, description: 'краткое содержание' })),
  correspondentId: Type.Optional(Nullable(Uuid)),
  outNumber: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  outDate: Type.Optional(Nullable(IsoDateSchema)),
  signer: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  addressee: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  addresseeStaffId: Type.Optional(Nullable(Uuid)),
  deliveryMethod: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  sheets: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
  attachmentsCount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10000 }))),
  accessMark: Type.Optional(Nullable(Type.String({ maxLength: 50, description: 'гриф, например ДСП' }))),
  caseIndex: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  departmentId: Type.Optional(Nullable(Uuid)),
  deadline: Type.Optional(Nullable(IsoDateSchema)),
  deadlineIn: Type.Optional(DeadlineInSchema),
  onControl: Type.Optional(Type.Boolean()),
  fields: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'поля вида документа (JSON Schema вида)' })),
  links: Type.Optional(Type.Array(LinkSchema, { maxItems: 50 })),
};

export const CreateCardBody = Type.Object(
  {
    kind: CardKindSchema,
    journalId: Type.Optional(Uuid),
    register: Type.Optional(Type.Boolean({ description: 'зарегистрировать сразу (иначе — черновик)' })),
    fileIds: Type.Optional(Type.Array(Uuid, { maxItems: 100 })),
    autofillFileId: Type.Optional(Type.Union([Uuid], { description: 'скан, из которого заполнена карточка: для учёта точности автозаполнения' })),
    ...requisites,
  },
  { additionalProperties: false },
);

export const UpdateCardBody = Type.Object(requisites, { additionalProperties: false });

export const CardListQuery = Type.Object({
  status: Type.Optional(CardStatusSchema),
  kind: Type.Optional(CardKindSchema),
  journalId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
