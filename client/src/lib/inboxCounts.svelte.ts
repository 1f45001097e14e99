import { records } from '../api/client.ts';
import type { InboxCounts } from '../api/records.ts';

// The navigation badges. Refreshed on every page change and after each action that changes an inbox;
// a failed refresh keeps the last numbers rather than showing an error in the menu.
let counts = $state<InboxCounts | null>(null);
let overdue = $state(0);

export const inboxCounts = {
  get value(): InboxCounts | null {
    return counts;
  },
  get overdue(): number {
    return overdue;
  },
};

export async function refreshInboxCounts(): Promise<void> {
  try {
    const next = await records.inbox.counts();
    counts = next;
    overdue = next.overdue;
  } catch {
    // Badges are a hint; the pages themselves report errors.
  }
}

export function clearInboxCounts(): void {
  counts = null;
  overdue = 0;
}
