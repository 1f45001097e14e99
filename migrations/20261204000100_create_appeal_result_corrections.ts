import type { Knex } from 'knex';

// Corrections of an appeal's result of consideration: each row keeps the result it replaced (as it was recorded) and
// who corrected it, when and why; `appeal_results` holds the result in force.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('appeal_result_corrections', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id').onDelete('CASCADE');
    t.text('previous_result').notNullable();
    t.text('previous_ground');
    t.text('previous_comment');
    t.date('previous_decided_on').notNullable();
    t.text('previous_decided_by_name').notNullable();
    t.text('reason').notNullable();
    t.uuid('corrected_by').references('users.id');
    t.text('corrected_by_name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['card_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('appeal_result_corrections');
}
