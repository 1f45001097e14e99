import type { AssignmentEvent } from '../api/records.ts';

export type { AssignmentEvent };

export interface PendingExtension {
  from: string | null;
  to: string | null;
  reason: string | null;
}

function dateField(payload: unknown, name: string): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** The deadline change request still waiting for the resolution author's decision, if any. */
export function pendingExtension(events: readonly AssignmentEvent[]): PendingExtension | null {
  let pending: PendingExtension | null = null;
  for (const event of events) {
    if (event.type === 'extension_requested') pending = { from: dateField(event.payload, 'from'), to: dateField(event.payload, 'to'), reason: event.text };
    else if (event.type === 'extension_approved' || event.type === 'extension_rejected') pending = null;
  }
  return pending;
}
