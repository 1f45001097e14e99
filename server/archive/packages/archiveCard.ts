// Command: a filed card goes to the archive. Its status becomes `archived` (no further changes), its package row
// is created (or reused: a card archived again after being reopened gets a new version of the same object), and
// the packaging job is enqueued in the same transaction.
import { AppError } from '../../http/problem.ts';
import type { WriteUnit } from '../../http/route.ts';
import { Card } from '../../models/Card.ts';
import { ArchivePackage } from '../../models/ArchivePackage.ts';
import { assertTransition } from '../../records/lifecycle.ts';
import { reindexCard } from '../../records/search/searchJobs.ts';
import { enqueueJob } from '../../jobs/queue.ts';

export function cardOcflId(cardId: string): string {
  return `urn:kartoteka:card:${cardId}`;
}

/** (Re)queues packaging of a card; the job writes a new version only when the content changed. */
export async function enqueueCardPackaging(unit: WriteUnit, cardId: string, storage: 'fs' | 's3'): Promise<ArchivePackage> {
  let pkg = await unit.scope.query(ArchivePackage).where({ object_type: 'card', object_id: cardId }).first();
  if (!pkg) {
    pkg = await unit.scope.insertQuery(ArchivePackage).insertAndFetch({ objectType: 'card', objectId: cardId, ocflId: cardOcflId(cardId), status: 'pending', storage, versions: [], notes: [] } as Partial<ArchivePackage>);
  }
  await enqueueJob(unit.trx, { kind: 'archive.package_card', orgId: unit.scope.orgId, payload: { packageId: pkg.id }, dedupeKey: pkg.id });
  return pkg;
}

export async function archiveCard(unit: WriteUnit, cardId: string, expectedVersion: number, storage: 'fs' | 's3'): Promise<{ card: Card; pkg: ArchivePackage }> {
  const current = await unit.scope.findVersioned(Card, cardId, expectedVersion);
  assertTransition(current.status, 'archived');
  if (!current.regNumber) throw new AppError('CARD_TRANSITION_FORBIDDEN', { ru: 'В архив передаются только зарегистрированные документы', en: 'Only registered documents can be archived' });
  const card = await unit.scope.patchVersioned(Card, cardId, expectedVersion, { status: 'archived', updatedAt: new Date() });
  const pkg = await enqueueCardPackaging(unit, cardId, storage);
  await reindexCard(unit.trx, unit.scope.orgId, cardId);
  await unit.audit({ action: 'card.archived', objectType: 'card', objectId: cardId, payload: { from: current.status, packageId: pkg.id, ocflId: pkg.ocflId } });
  return { card, pkg };
}
