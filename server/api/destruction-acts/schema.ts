import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { CaseSchema, DestructionActSchema } from '../../archive/presenters.ts';

export const ProposalQuery = Type.Object({ asOf: Type.Optional(Type.String({ format: 'date', description: 'На дату (по умолчанию сегодня) / as of (today by default)' })) }, { additionalProperties: false });
export const ProposalSchema = Type.Object({
  asOf: Type.String(),
  items: Type.Array(CaseSchema, { description: 'Дела с истёкшим сроком хранения / cases whose retention has expired' }),
  held: Type.Array(CaseSchema, { description: 'Срок истёк, но действует запрет уничтожения / expired but under a legal hold' }),
});
export const CreateActBody = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    fundNumber: Type.Optional(Type.String({ maxLength: 50, description: 'Номер фонда / the fund number' })),
    caseIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 5000, uniqueItems: true, description: 'Без списка — все предложенные дела / all proposed cases when absent' })),
  },
  { additionalProperties: false },
);
export const ActDetailSchema = Type.Composite([DestructionActSchema, Type.Object({ cases: Type.Array(CaseSchema) })]);
