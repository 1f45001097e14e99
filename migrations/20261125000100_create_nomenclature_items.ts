import type { Knex } from 'knex';

// The nomenclature of cases (номенклатура дел): per organisation and year, one row per case index with its
// retention term (N years, permanent, or until superseded — ДМН) and the article of the typical list (перечень).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('nomenclature_items', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.integer('year').notNullable();
    t.text('case_index').notNullable();
    t.text('title').notNullable();
    t.uuid('department_id').references('departments.id');
    t.text('retention_kind').notNullable();
    t.integer('retention_years');
    // Cases of personnel (по личному составу) get their own inventory.
    t.boolean('personnel').notNullable().defaultTo(false);
    t.text('list_article');
    t.text('storage_note');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'year', 'case_index']);
  });
  await knex.raw(`ALTER TABLE nomenclature_items ADD CONSTRAINT nomenclature_items_retention_check CHECK (
    (retention_kind = 'years' AND retention_years BETWEEN 1 AND 100) OR (retention_kind IN ('permanent','until_superseded') AND retention_years IS NULL))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('nomenclature_items');
}
