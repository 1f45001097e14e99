import type { Knex } from 'knex';

// The internet reception (интернет-приёмная) of an organisation: whether citizens may send appeals over the internet,
// the public code in its address, the journal and the default addressee of those appeals, and the attachment limits.
// One row per organisation, created by the first save; `version` for If-Match like every editable record. The slug is
// unique across the installation because it alone names the organisation in a public address.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reception_settings', (t) => {
    t.uuid('org_id').primary().references('organisations.id');
    t.boolean('enabled').notNullable().defaultTo(false);
    t.text('slug').notNullable().unique();
    t.uuid('journal_id').references('journals.id');
    t.uuid('addressee_staff_id').references('staff.id');
    t.jsonb('allowed_types').notNullable();
    t.integer('max_files').notNullable();
    t.integer('max_file_bytes').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reception_settings');
}
