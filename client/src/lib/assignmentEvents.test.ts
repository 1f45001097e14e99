import { describe, expect, it } from 'vitest';
import { pendingExtension, type AssignmentEvent } from './assignmentEvents.ts';

const event = (type: string, payload: unknown = {}, text: string | null = null): AssignmentEvent => ({ type, at: '2026-11-24T10:00:00Z', actor: 'x', text, payload });

describe('pendingExtension', () => {
  it('finds a request not yet decided', () => {
    expect(pendingExtension([event('reported'), event('returned'), event('extension_requested', { from: '2026-12-01', to: '2026-12-10' }, 'нужны документы')])).toEqual({
      from: '2026-12-01',
      to: '2026-12-10',
      reason: 'нужны документы',
    });
  });

  it('forgets a decided request', () => {
    expect(pendingExtension([event('extension_requested', { to: '2026-12-10' }), event('extension_rejected')])).toBeNull();
    expect(pendingExtension([])).toBeNull();
  });
});
