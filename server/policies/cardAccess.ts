// Who sees a card with an access mark (ДСП and the like): the records office (cards.read_restricted) and the
// people working on it — its author, its addressee, everyone on its assignments, the approvers of its
// started approval routes and their initiators. To anyone else such a card does not exist (404), exactly like another organisation's card.
import type { Knex } from 'knex';
import type { Actor } from '../http/actor.ts';
import type { Card } from '../models/Card.ts';
import { can } from './index.ts';
import { notFound } from '../http/problem.ts';

/** A WHERE fragment for queries on `cards` (aliased `alias`) that keeps only cards the actor may see. */
export function visibleCards(actor: Actor, alias = 'cards'): { sql: string; bindings: (string | null)[] } {
  if (can(actor, 'cards.read_restricted')) return { sql: 'TRUE', bindings: [] };
  const staff = actor.staffId;
  return {
    sql: `(${alias}.access_mark IS NULL OR ${alias}.created_by = ? OR (?::uuid IS NOT NULL AND (${alias}.addressee_staff_id = ?::uuid OR EXISTS (
            SELECT 1 FROM assignments a WHERE a.card_id = ${alias}.id
               AND (a.executor_staff_id = ?::uuid OR a.controller_staff_id = ?::uuid OR a.author_staff_id = ?::uuid OR ?::uuid = ANY(a.co_executor_staff_ids)))
            OR EXISTS (SELECT 1 FROM approval_visas v JOIN approval_routes vr ON vr.id = v.route_id WHERE v.card_id = ${alias}.id AND v.staff_id = ?::uuid AND vr.status <> 'draft')))
          OR EXISTS (SELECT 1 FROM approval_routes r WHERE r.card_id = ${alias}.id AND r.initiator_user_id = ?))`,
    bindings: [actor.userId, staff, staff, staff, staff, staff, staff, staff, actor.userId],
  };
}

export async function assertCardVisible(db: Knex | Knex.Transaction, actor: Actor, card: Card): Promise<void> {
  if (!card.accessMark || can(actor, 'cards.read_restricted')) return;
  const { sql, bindings } = visibleCards(actor, 'c');
  const row = await db('cards as c').where('c.id', card.id).whereRaw(sql, bindings).first('c.id');
  if (!row) throw notFound();
}
