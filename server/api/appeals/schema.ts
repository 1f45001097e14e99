import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { IsoDateSchema } from '../cards/schema.ts';
import { APPEAL_RESULTS, RECORDABLE_RESULTS } from '../../records/appeals/appealResults.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ExtensionBody = Type.Object(
  {
    newDeadline: { ...IsoDateSchema, description: 'Новый срок: позже прежнего, не более чем на 30 дней / the new deadline, at most 30 days later' },
    reason: Type.String({ minLength: 3, maxLength: 2000, description: 'Причина продления / the reason' }),
  },
  { additionalProperties: false },
);

export const ForwardingBody = Type.Object(
  {
    correspondentId: { ...Uuid, description: 'Орган, которому переадресуется обращение (из справочника корреспондентов) / the competent body' },
    outNumber: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'Исходящий номер сопроводительного письма / outgoing number' }))),
    lateReason: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'Причина переадресации позже 7 дней со дня регистрации / why forwarded after 7 days' }))),
  },
  { additionalProperties: false },
);

export const ResultBody = Type.Object(
  {
    result: Type.Union(RECORDABLE_RESULTS.map((r) => Type.Literal(r))),
    ground: Type.Optional(Nullable(Type.String({ maxLength: 50, description: 'Основание ст. 11 59-ФЗ (для «оставлено без ответа») / ground of art. 11' }))),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);

export const CorrectionBody = Type.Object(
  {
    ...ResultBody.properties,
    reason: Type.String({ minLength: 3, maxLength: 2000, description: 'Причина исправления итога / why the result is corrected' }),
  },
  { additionalProperties: false },
);

const Person = Type.String({ description: 'ФИО / full name' });

const ResultFields = {
  result: Type.Union(APPEAL_RESULTS.map((r) => Type.Literal(r))),
  ground: Type.Union([Type.Object({ code: Type.String(), reference: Type.String(), ru: Type.String(), en: Type.String() }), Type.Null()]),
  comment: Nullable(Type.String()),
  decidedOn: IsoDateSchema,
  decidedBy: Person,
};

export const AppealSchema = Type.Object({
  cardId: Uuid,
  regNumber: Nullable(Type.String()),
  regDate: Nullable(IsoDateSchema),
  deadline: Nullable(IsoDateSchema),
  forwardLastDay: Nullable(IsoDateSchema),
  extension: Type.Union([
    Type.Object({ oldDeadline: IsoDateSchema, newDeadline: IsoDateSchema, reason: Type.String(), extendedBy: Person, extendedAt: Type.String({ format: 'date-time' }), noticeFileId: Nullable(Uuid) }),
    Type.Null(),
  ]),
  forwarding: Type.Union([
    Type.Object({
      correspondentId: Uuid,
      correspondentName: Type.String(),
      forwardedOn: IsoDateSchema,
      outNumber: Nullable(Type.String()),
      lateReason: Nullable(Type.String()),
      forwardedBy: Person,
      noticeFileId: Nullable(Uuid),
    }),
    Type.Null(),
  ]),
  result: Type.Union([
    Type.Object({
      ...ResultFields,
      corrected: Type.Boolean({ description: 'Итог исправлялся / the result was corrected' }),
      corrections: Type.Array(
        Type.Object({ previous: Type.Object(ResultFields), reason: Type.String(), correctedBy: Person, correctedAt: Type.String({ format: 'date-time' }) }),
        { description: 'Прежние итоги, от раннего к позднему / the results replaced, oldest first' },
      ),
    }),
    Type.Null(),
  ]),
  actions: Type.Object({ extend: Type.Boolean(), forward: Type.Boolean(), forwardLate: Type.Boolean(), decide: Type.Boolean(), correct: Type.Boolean() }),
});

export const AppealDictionarySchema = Type.Object({
  results: Type.Array(Type.Object({ code: Type.String(), ru: Type.String(), en: Type.String(), recordable: Type.Boolean() })),
  grounds: Type.Array(Type.Object({ code: Type.String(), reference: Type.String(), ru: Type.String(), en: Type.String() })),
});
