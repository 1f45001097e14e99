import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { DeadlineInSchema, IsoDateSchema } from '../cards/schema.ts';

export const AssignmentInputSchema = Type.Object(
  {
    executorStaffId: Uuid,
    coExecutorStaffIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    deadline: Type.Optional(Type.Union([IsoDateSchema, Type.Null()])),
    deadlineIn: Type.Optional(DeadlineInSchema),
    onControl: Type.Optional(Type.Boolean()),
    controllerStaffId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);

export const ResolutionBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 4000 }),
    authorStaffId: Type.Optional(Uuid),
    assignments: Type.Array(AssignmentInputSchema, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const SubassignmentBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000 }), assignments: Type.Array(AssignmentInputSchema, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

export const ReportBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 10000 }), fileIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })) }, { additionalProperties: false });
export const CommentBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 4000 }) }, { additionalProperties: false });
export const ExtendBody = Type.Object({ newDeadline: IsoDateSchema, reason: Type.String({ minLength: 3, maxLength: 4000 }) }, { additionalProperties: false });
export const DecisionBody = Type.Object({ approve: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false });
