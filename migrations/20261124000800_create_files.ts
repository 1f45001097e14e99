import type { Knex } from 'knex';

// An uploaded file of an organisation: a name and an uploader over a content-addressed blob.
// The same bytes uploaded twice are two file rows over one blob.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('files', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('sha256').notNullable();
    t.bigInteger('size').notNullable();
    t.text('mime').notNullable();
    t.text('name').notNullable();
    t.uuid('uploaded_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'sha256']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('files');
}
