import { describe, expect, it } from 'vitest';
import { ru } from '../i18n/ru.ts';
import { actorLabel, assignmentEventKey, historyActionKey, historyActorKey, onBehalfOfName } from './historyAction.ts';

describe('history names', () => {
  it('names known actions and leaves unknown ones to their code', () => {
    const key = historyActionKey('card.executed');
    expect(key && ru[key]).toBe('документ исполнен');
    const filed = historyActionKey('card.filed');
    expect(filed && ru[filed]).toBe('документ подшит в дело');
    expect(historyActionKey('card.teleported')).toBeNull();
    const event = assignmentEventKey('extension_requested');
    expect(event && ru[event]).toMatch(/перенос/);
    expect(assignmentEventKey('x')).toBeNull();
    const moved = assignmentEventKey('deadline_changed');
    expect(moved && ru[moved]).toBe('срок изменён');
    const audited = historyActionKey('assignment.deadline_changed');
    expect(audited && ru[audited]).toBe('изменён срок поручения');
  });

  it('names the internet reception as an actor and leaves logins as they are', () => {
    const actor = historyActorKey('system:internet-reception');
    expect(actor && ru[actor]).toBe('интернет-приёмная (заявитель)');
    const receipt = historyActionKey('appeal.receipt_issued');
    expect(receipt && ru[receipt]).toBe('выдано уведомление о регистрации');
    expect(historyActorKey('clerk')).toBeNull();
    const say = (key: keyof typeof ru) => ru[key];
    expect(actorLabel('clerk', say)).toBe('clerk');
    expect(actorLabel('system:internet-reception', say)).toBe('интернет-приёмная (заявитель)');
    expect(actorLabel(null, say)).toBe(ru['common.system']);
  });
});

describe('acts of a deputy', () => {
  it('name the absent person from the audit payload, and nothing for anything else', () => {
    expect(onBehalfOfName({ decision: 'approved', onBehalfOf: { staffId: 'x', name: 'Кузнецова Ольга Викторовна' } })).toBe('Кузнецова Ольга Викторовна');
    expect(onBehalfOfName({ decision: 'approved' })).toBeNull();
    expect(onBehalfOfName({ onBehalfOf: { staffId: 'x', name: null } })).toBeNull();
    expect(onBehalfOfName(null)).toBeNull();
    expect(onBehalfOfName('onBehalfOf')).toBeNull();
  });
});
