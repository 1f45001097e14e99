import type { InboxCounts } from '../api/records.ts';
import type { BadgeKind } from './navigation.ts';

/** The number a navigation badge shows; 0 hides it. */
export function badgeCount(kind: BadgeKind, counts: InboxCounts): number {
  switch (kind) {
    case 'assignments':
      return counts.todo + counts.onControl;
    case 'resolution':
      return counts.awaitingResolution;
    case 'registration':
      return counts.awaitingRegistration;
    case 'approvals':
      return counts.awaitingApproval;
  }
}
