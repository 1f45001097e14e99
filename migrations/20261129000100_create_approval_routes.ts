import type { Knex } from 'knex';

// Approval routes (маршруты согласования) of a card. One row per round: after a rejection the initiator starts a
// new round, a new row with the next number, so earlier rounds stay as they were decided.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('approval_routes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    // A purged card takes its approval history with it (the tombstone in the audit log remains).
    t.uuid('card_id').notNullable().references('cards.id').onDelete('CASCADE');
    t.integer('round').notNullable();
    // draft (editable) → in_progress → approved | rejected
    t.text('status').notNullable().defaultTo('draft');
    t.uuid('initiator_user_id').notNullable().references('users.id');
    t.uuid('initiator_staff_id').references('staff.id');
    t.integer('current_stage');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    // The approval sheet stored as a file of the card when the route ends approved.
    t.uuid('sheet_file_id').references('files.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['card_id', 'round']);
  });
  await knex.raw(`ALTER TABLE approval_routes ADD CONSTRAINT approval_routes_status_check CHECK (status IN ('draft','in_progress','approved','rejected'))`);
  // At most one round open (being built or under way) per card.
  await knex.raw(`CREATE UNIQUE INDEX approval_routes_one_open ON approval_routes (card_id) WHERE status IN ('draft','in_progress')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('approval_routes');
}
