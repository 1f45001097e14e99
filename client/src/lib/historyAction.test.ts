import { describe, expect, it } from 'vitest';
import { ru } from '../i18n/ru.ts';
import { assignmentEventKey, historyActionKey } from './historyAction.ts';

describe('history names', () => {
  it('names known actions and leaves unknown ones to their code', () => {
    const key = historyActionKey('card.executed');
    expect(key && ru[key]).toBe('документ исполнен');
    expect(historyActionKey('card.teleported')).toBeNull();
    const event = assignmentEventKey('extension_requested');
    expect(event && ru[event]).toMatch(/перенос/);
    expect(assignmentEventKey('x')).toBeNull();
  });
});
