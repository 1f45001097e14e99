import type { Knex } from 'knex';

// Text extracted from a file (for search and autofill) and its first-page preview, both derived by a job.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('file_texts', (t) => {
    t.uuid('file_id').primary().references('files.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('method').notNullable();
    t.integer('pages');
    t.text('text').notNullable();
    t.text('preview_sha256');
    t.text('error');
    t.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('file_texts');
}
