import type { Knex } from 'knex';

// Inventories (описи) of closed cases: permanent, long-term (over 10 years) or personnel. Approval freezes the
// content (a JSON snapshot) and the PDF/A rendering (a blob, held against deletion).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('inventories', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('kind').notNullable();
    t.integer('year').notNullable();
    t.integer('number').notNullable();
    t.text('title').notNullable();
    t.text('status').notNullable().defaultTo('draft');
    t.uuid('approved_by').references('users.id');
    t.text('approved_by_name');
    t.timestamp('approved_at', { useTz: true });
    t.jsonb('content');
    t.text('pdf_sha256');
    t.uuid('created_by').references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'year', 'kind', 'number']);
  });
  await knex.raw(`ALTER TABLE inventories ADD CONSTRAINT inventories_kind_check CHECK (kind IN ('permanent','long_term','personnel'))`);
  await knex.raw(`ALTER TABLE inventories ADD CONSTRAINT inventories_status_check CHECK (status IN ('draft','approved'))`);
  await knex.raw(`ALTER TABLE inventories ADD CONSTRAINT inventories_approved_check CHECK (status = 'draft' OR (approved_at IS NOT NULL AND content IS NOT NULL AND pdf_sha256 IS NOT NULL))`);

  await knex.schema.createTable('inventory_items', (t) => {
    t.uuid('inventory_id').notNullable().references('inventories.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('case_id').notNullable().references('cases.id');
    t.integer('position').notNullable();
    t.primary(['inventory_id', 'case_id']);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('inventory_items');
  await knex.schema.dropTable('inventories');
}
