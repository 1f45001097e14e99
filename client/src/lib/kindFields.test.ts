import { describe, expect, it } from 'vitest';
import { kindFieldInputs, kindFields, kindFieldValues } from './kindFields.ts';

const schema = {
  type: 'object',
  properties: {
    responseRequired: { type: 'boolean', title: 'Требуется ответ' },
    incomingChannel: { type: 'string', title: 'Канал поступления', enum: ['почта', 'курьер'] },
    termWorkingDays: { type: 'integer', title: 'Срок', minimum: 1 },
    email: { type: 'string', format: 'email' },
  },
  required: ['incomingChannel'],
};

describe('kindFields', () => {
  it('chooses a control per property', () => {
    const fields = kindFields(schema);
    expect(fields.map((f) => [f.name, f.control, f.required])).toEqual([
      ['responseRequired', 'checkbox', false],
      ['incomingChannel', 'select', true],
      ['termWorkingDays', 'integer', false],
      ['email', 'email', false],
    ]);
    expect(fields[1]?.options).toEqual(['почта', 'курьер']);
    expect(fields[3]?.label).toBe('email');
  });

  it('gives values their JSON types and leaves empty ones out', () => {
    const fields = kindFields(schema);
    expect(kindFieldValues(fields, { responseRequired: true, incomingChannel: 'почта', termWorkingDays: '15', email: '' })).toEqual({
      responseRequired: true,
      incomingChannel: 'почта',
      termWorkingDays: 15,
    });
    expect(kindFieldValues(fields, { responseRequired: false })).toEqual({});
  });

  it('turns stored values back into inputs', () => {
    const inputs = kindFieldInputs({ responseRequired: true, termWorkingDays: 15, incomingChannel: 'почта', odd: { x: 1 } });
    expect(inputs).toEqual({ responseRequired: true, termWorkingDays: '15', incomingChannel: 'почта' });
    expect(kindFieldValues(kindFields(schema), inputs)).toEqual({ responseRequired: true, termWorkingDays: 15, incomingChannel: 'почта' });
  });
});
