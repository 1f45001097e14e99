import type { Knex } from 'knex';

// Retention holds on stored blobs: while any hold exists the blob store refuses to delete the content.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('blob_holds', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('sha256').notNullable();
    t.text('reason').notNullable();
    t.uuid('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('released_at', { useTz: true });
    t.index(['sha256']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('blob_holds');
}
