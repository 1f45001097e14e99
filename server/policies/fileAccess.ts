// A file attached to cards is visible when at least one of those cards is (policies/cardAccess.ts): the bytes of
// a ДСП letter must not leak through /api/files/:id to someone for whom the card itself is a 404. A file not yet
// attached to any card (just uploaded, being registered) is visible within the organisation.
import type { Actor } from '../http/actor.ts';
import type { TenantScope } from '../tenancy/scope.ts';
import { StoredFile } from '../models/StoredFile.ts';
import { notFound } from '../http/problem.ts';
import { can } from './index.ts';
import { visibleCards } from './cardAccess.ts';

export async function findVisibleFile(scope: TenantScope, actor: Actor, fileId: string): Promise<StoredFile> {
  const file = await scope.findOr404(StoredFile, fileId);
  if (can(actor, 'cards.read_restricted')) return file;
  const { sql, bindings } = visibleCards(actor, 'c');
  const row = (await scope
    .table('card_files')
    .join('cards as c', 'c.id', 'card_files.card_id')
    .where('card_files.file_id', file.id)
    .select(scope.db.raw(`count(*)::int AS cards, count(*) FILTER (WHERE ${sql})::int AS visible`, bindings))
    .first()) as { cards: number; visible: number };
  if (row.cards > 0 && row.visible === 0) throw notFound();
  return file;
}
