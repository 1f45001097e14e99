import type { WriteUnit } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { Card } from '../../models/Card.ts';
import { validateCardFields } from '../../records/cardFields.ts';
import { CORE_FIELDS, type CardInput } from './cardInput.ts';
import { addLinks, checkReferences, resolveDeadline } from './createCard.ts';
import { assertTransition } from '../../records/lifecycle.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';

const FROZEN = new Set(['archived', 'cancelled']);

/** Edits requisites with optimistic locking; the registration number and date never change once given. */
export async function updateCard(unit: WriteUnit, id: string, expectedVersion: number, input: Partial<Omit<CardInput, 'kind'>>): Promise<Card> {
  const before = await unit.scope.findVersioned(Card, id, expectedVersion);
  if (FROZEN.has(before.status)) throw new AppError('CARD_TRANSITION_FORBIDDEN', { ru: 'Карточка закрыта для изменений', en: 'The card can no longer be changed' });
  await checkReferences(unit, input);
  if (input.fields) await validateCardFields(unit.trx, unit.scope.orgId, before.kind, input.fields);
  const patch: Record<string, unknown> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const deadline = await resolveDeadline(unit.trx, input, before.regDate ?? undefined);
  const next: Record<string, unknown> = { ...input, ...(deadline !== undefined ? { deadline } : {}) };
  for (const key of [...CORE_FIELDS, 'fields'] as const) {
    if (!(key in next)) continue;
    const from = (before as unknown as Record<string, unknown>)[key] ?? null;
    const to = next[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    patch[key] = to;
    diff[key] = { from, to };
  }
  if (input.links?.length) await addLinks(unit, id, input.links);
  if (Object.keys(patch).length === 0 && !input.links?.length) return before;
  const after = await unit.scope.patchVersioned(Card, id, expectedVersion, { ...patch, updatedAt: new Date() } as Partial<Card>);
  await reindexCard(unit.trx, unit.scope.orgId, id);
  await unit.audit({ action: 'card.updated', objectType: 'card', objectId: id, payload: { diff, links: input.links ?? [] } });
  return after;
}

/** Cancelling a registration keeps the number (журнал не допускает пропусков) and records why. */
export async function cancelCard(unit: WriteUnit, id: string, expectedVersion: number, reason: string): Promise<Card> {
  const before = await unit.scope.findVersioned(Card, id, expectedVersion);
  assertTransition(before.status, 'cancelled');
  const after = await unit.scope.patchVersioned(Card, id, expectedVersion, { status: 'cancelled', cancelReason: reason, updatedAt: new Date() });
  await reindexCard(unit.trx, unit.scope.orgId, id);
  await unit.audit({ action: 'card.cancelled', objectType: 'card', objectId: id, payload: { reason, regNumber: before.regNumber, from: before.status } });
  return after;
}
