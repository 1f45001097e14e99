import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';

const Day = Type.String({ format: 'date' });

export const AbsenceBody = Type.Object(
  {
    staffId: Type.Optional(Uuid),
    deputyStaffId: Uuid,
    startsOn: Day,
    endsOn: Day,
    reason: Type.Union([Type.Literal('vacation'), Type.Literal('business_trip'), Type.Literal('sick_leave'), Type.Literal('other')], {
      description: 'отпуск, командировка, болезнь, иное / vacation, business trip, sick leave, other',
    }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ShortenAbsenceBody = Type.Object({ endsOn: Day }, { additionalProperties: false });

export const AbsenceQuery = Type.Object({
  staffId: Type.Optional(Uuid),
  as: Type.Optional(Type.Union([Type.Literal('absent'), Type.Literal('deputy')], { default: 'absent', description: 'Мои отсутствия или кого я замещаю / my absences or whom I stand in for' })),
  includePast: Type.Optional(Type.Boolean({ default: false })),
});
