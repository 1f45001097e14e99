import type { Knex } from 'knex';

// The initiator may withdraw a route (отзыв с согласования): an approver left, or the draft changed under way. A
// withdrawn round stays in the history like a rejected one, and a new round may follow.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE approval_routes DROP CONSTRAINT approval_routes_status_check');
  await knex.raw(`ALTER TABLE approval_routes ADD CONSTRAINT approval_routes_status_check CHECK (status IN ('draft','in_progress','approved','rejected','withdrawn'))`);
  await knex.schema.alterTable('approval_routes', (t) => {
    t.text('withdraw_reason');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('approval_routes', (t) => {
    t.dropColumn('withdraw_reason');
  });
  await knex.raw('ALTER TABLE approval_routes DROP CONSTRAINT approval_routes_status_check');
  await knex.raw(`ALTER TABLE approval_routes ADD CONSTRAINT approval_routes_status_check CHECK (status IN ('draft','in_progress','approved','rejected'))`);
}
