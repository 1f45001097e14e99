import type { Knex } from 'knex';

// An appeal card that came through the internet reception: the hash of the status-check code given to the citizen
// (the code itself is never stored) and the registration receipt issued for it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reception_appeals', (t) => {
    // Purging a destroyed case's cards takes this row with them (server/archive/purge.ts deletes cards).
    t.uuid('card_id').primary().references('cards.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('status_code_hash').notNullable();
    t.uuid('receipt_file_id').references('files.id').onDelete('SET NULL');
    t.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reception_appeals');
}
