import type { Knex } from 'knex';

// Card autofill from scans: what OCR proposed for a file, and, once a card is registered from it, what the clerk
// accepted — so the organisation sees its real autofill accuracy.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('autofill_proposals', (t) => {
    t.uuid('file_id').primary().references('files.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('status').notNullable();
    t.text('langs').notNullable();
    t.jsonb('fields');
    t.jsonb('confidence');
    t.jsonb('sources');
    t.uuid('correspondent_id').references('correspondents.id');
    t.text('error');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
  });
  await knex.schema.createTable('autofill_outcomes', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id');
    t.uuid('file_id').notNullable().references('files.id');
    t.text('field').notNullable();
    t.text('proposed');
    t.text('accepted');
    t.boolean('correct').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('autofill_outcomes');
  await knex.schema.dropTable('autofill_proposals');
}
