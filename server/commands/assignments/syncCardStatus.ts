import type { WriteUnit } from '../../http/route.ts';
import { Card } from '../../models/Card.ts';
import { canTransition } from '../../records/lifecycle.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { businessNow } from '../../records/today.ts';

/**
 * The card's status follows its assignments: it is executed when every assignment is accepted (or cancelled),
 * and back in work when a new one opens.
 */
export async function syncCardStatus(unit: WriteUnit, cardId: string): Promise<void> {
  const card = await unit.scope.findOr404(Card, cardId);
  // Assignments feed the index (executors, departments, report texts), whether or not the status moves.
  await reindexCard(unit.trx, unit.scope.orgId, cardId);
  const counts = (await unit.scope
    .table('assignments')
    .where({ card_id: cardId })
    .first(unit.trx.raw('count(*) AS total'), unit.trx.raw("count(*) FILTER (WHERE status IN ('open','reported')) AS open"))) as { total: number; open: number };
  let next = card.status;
  if (counts.total > 0 && counts.open === 0 && card.status === 'in_work') next = 'executed';
  if (counts.open > 0 && (card.status === 'registered' || card.status === 'executed')) next = 'in_work';
  if (next === card.status || !canTransition(card.status, next)) return;
  await unit.scope
    .query(Card)
    .findById(cardId)
    .patch({ status: next, executedAt: next === 'executed' ? businessNow() : null, version: card.version + 1, updatedAt: new Date() });
  await unit.audit({ action: next === 'executed' ? 'card.executed' : 'card.in_work', objectType: 'card', objectId: cardId, payload: { from: card.status, to: next } });
}
