// Who sees a card with an access mark (ДСП and the like): the records office (cards.read_restricted) and the
// people working on it — its author, its addressee, everyone on its assignments, the approvers of its
// started approval routes and their initiators, and, on the days one of them is absent, their deputy (замещение).
// To anyone else such a card does not exist (404), exactly like another organisation's card.
import type { Knex } from 'knex';
import type { Actor } from '../http/actor.ts';
import type { Card } from '../models/Card.ts';
import { can } from './index.ts';
import { notFound } from '../http/problem.ts';
import { today } from '../records/today.ts';

/**
 * A WHERE fragment for queries on `cards` (aliased `alias`) that keeps only cards the actor may see. A deputy sees
 * what the people they stand in for today see through their work (addressee, assignments, approvals): `me` is the
 * actor's staff and theirs, so the rule is written once for both, and it ends with the absence without a change here.
 */
export function visibleCards(actor: Actor, alias = 'cards'): { sql: string; bindings: (string | null)[] } {
  if (can(actor, 'cards.read_restricted')) return { sql: 'TRUE', bindings: [] };
  const staff = actor.staffId;
  const day = today();
  return {
    sql: `(${alias}.access_mark IS NULL OR ${alias}.created_by = ? OR EXISTS (
            SELECT 1 FROM (SELECT ?::uuid AS id UNION ALL SELECT ab.staff_id FROM absences ab WHERE ab.org_id = ${alias}.org_id AND ab.deputy_staff_id = ?::uuid
                             AND ab.cancelled_at IS NULL AND ab.starts_on <= ?::date AND ab.ends_on >= ?::date) me
             WHERE me.id IS NOT NULL AND (${alias}.addressee_staff_id = me.id
               OR EXISTS (SELECT 1 FROM assignments a WHERE a.card_id = ${alias}.id
                            AND (a.executor_staff_id = me.id OR a.controller_staff_id = me.id OR a.author_staff_id = me.id OR me.id = ANY(a.co_executor_staff_ids)))
               OR EXISTS (SELECT 1 FROM approval_visas v JOIN approval_routes vr ON vr.id = v.route_id WHERE v.card_id = ${alias}.id AND v.staff_id = me.id AND vr.status <> 'draft')))
          OR EXISTS (SELECT 1 FROM approval_routes r WHERE r.card_id = ${alias}.id AND r.initiator_user_id = ?))`,
    bindings: [actor.userId, staff, staff, day, day, actor.userId],
  };
}

export async function assertCardVisible(db: Knex | Knex.Transaction, actor: Actor, card: Card): Promise<void> {
  if (!card.accessMark || can(actor, 'cards.read_restricted')) return;
  const { sql, bindings } = visibleCards(actor, 'c');
  const row = await db('cards as c').where('c.id', card.id).whereRaw(sql, bindings).first('c.id');
  if (!row) throw notFound();
}
