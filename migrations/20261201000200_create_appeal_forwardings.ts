import type { Knex } from 'knex';

// An appeal forwarded to the body competent to answer it (59-FZ art. 8 part 3), within 7 days of registration or later
// with a recorded reason; the notice to the citizen is one of the card's files.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('appeal_forwardings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().unique().references('cards.id').onDelete('CASCADE');
    t.uuid('correspondent_id').notNullable().references('correspondents.id');
    t.date('forwarded_on').notNullable();
    t.text('out_number');
    // Set only when the 7 days had passed and the clerk overrode the refusal.
    t.text('late_reason');
    t.uuid('forwarded_by').references('users.id');
    t.text('forwarded_by_name').notNullable();
    t.uuid('notice_file_id').references('files.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'forwarded_on']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('appeal_forwardings');
}
