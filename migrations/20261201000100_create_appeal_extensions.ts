import type { Knex } from 'knex';

// The extension of an appeal's term (59-FZ art. 12 part 2): once per appeal, by up to 30 days, with a reason; the
// notice to the citizen is one of the card's files.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('appeal_extensions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    // Once per appeal: the unique card id refuses a second extension even from two racing requests.
    t.uuid('card_id').notNullable().unique().references('cards.id').onDelete('CASCADE');
    t.date('old_deadline').notNullable();
    t.date('new_deadline').notNullable();
    t.text('reason').notNullable();
    t.uuid('extended_by').references('users.id');
    t.text('extended_by_name').notNullable();
    t.uuid('notice_file_id').references('files.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('appeal_extensions');
}
