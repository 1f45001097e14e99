import type { Knex } from 'knex';

// The result of an appeal's consideration (итог рассмотрения); «переадресовано» is written by the forwarding itself.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('appeal_results', (t) => {
    t.uuid('card_id').primary().references('cards.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('result').notNullable();
    // A ground of 59-FZ art. 11 (server/records/appeals/appealResults.ts), required when the appeal is left unanswered.
    t.text('ground');
    t.text('comment');
    t.date('decided_on').notNullable();
    t.uuid('decided_by').references('users.id');
    t.text('decided_by_name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'result']);
  });
  await knex.raw(`ALTER TABLE appeal_results ADD CONSTRAINT appeal_results_result_check CHECK (result IN ('supported','not_supported','explained','left_unanswered','forwarded'))`);
  await knex.raw(`ALTER TABLE appeal_results ADD CONSTRAINT appeal_results_ground_check CHECK (result <> 'left_unanswered' OR ground IS NOT NULL)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('appeal_results');
}
