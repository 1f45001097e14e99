import type { Knex } from 'knex';

// Whether the organisation is a source of acquisition (источник комплектования) of a state or municipal archive.
// Only such an organisation sends its inventories of permanent and personnel cases to the archive's expert
// commission (ЭПК архивного учреждения) and waits for that agreement before approving them and before approving a
// destruction act for the same years (Правила 2020, п. 6а); any other organisation's own commission is enough. Most
// bodies of state power and local government are such sources, hence the default. `version` lets the setting be
// changed with If-Match like every other editable record.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.boolean('acquisition_source').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.dropColumns('acquisition_source', 'version');
  });
}
