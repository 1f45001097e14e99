import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';

export const StageInputSchema = Type.Object(
  {
    approverStaffIds: Type.Array(Uuid, { minItems: 1, maxItems: 30, uniqueItems: true, description: 'Согласующие этапа (параллельно) / the stage’s approvers, in parallel' }),
    deadlineDays: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 60 }), Type.Null()], { description: 'Срок этапа в рабочих днях / the stage’s deadline in working days' })),
  },
  { additionalProperties: false },
);

export const RouteBody = Type.Object({ stages: Type.Array(StageInputSchema, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });

export const WithdrawBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 4000 }) }, { additionalProperties: false });

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approved'), Type.Literal('approved_with_remarks'), Type.Literal('rejected')]),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()], { description: 'Замечания или причина отклонения / remarks or the reason for rejection' })),
    onBehalfOf: Type.Optional({ ...Uuid, description: 'Сотрудник, которого вызывающий замещает сегодня: виза за него / the absent approver the caller stands in for today' }),
  },
  { additionalProperties: false },
);
