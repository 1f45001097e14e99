// Which cards go through approval routes (согласование): drafts of regulations, and outgoing and internal documents
// before they are signed; never a card that is closed.
import { AppError } from '../http/problem.ts';
import type { Card, CardKind } from '../models/Card.ts';

export const APPROVABLE_KINDS: ReadonlySet<CardKind> = new Set(['draft', 'outgoing', 'internal']);
export const CLOSED_FOR_APPROVAL: ReadonlySet<string> = new Set(['cancelled', 'filed', 'archived']);

export function assertApprovable(card: Card): void {
  if (!APPROVABLE_KINDS.has(card.kind)) throw new AppError('APPROVAL_CARD_KIND');
  if (CLOSED_FOR_APPROVAL.has(card.status)) throw new AppError('APPROVAL_CARD_CLOSED');
}
