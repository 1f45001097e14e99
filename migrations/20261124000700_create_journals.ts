import type { Knex } from 'knex';

// Registration journals (журналы регистрации). Numbering itself arrives with the records core.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('journals', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.text('prefix').notNullable().defaultTo('');
    t.text('number_template').notNullable();
    t.boolean('reset_yearly').notNullable().defaultTo(true);
    t.uuid('department_id').references('departments.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('journals');
}
