import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('short_name').notNullable();
    t.text('inn');
    t.text('ogrn');
    t.text('address');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('departments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id').onDelete('RESTRICT');
    t.uuid('parent_id').references('departments.id').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('code').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'code']);
    t.index(['org_id', 'parent_id']);
  });
  await knex.schema.createTable('positions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('department_id').references('departments.id');
    t.text('title').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id']);
  });
  await knex.schema.createTable('staff', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('department_id').references('departments.id');
    t.uuid('position_id').references('positions.id');
    t.text('last_name').notNullable();
    t.text('first_name').notNullable();
    t.text('middle_name');
    t.text('email');
    t.text('phone');
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'department_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff');
  await knex.schema.dropTable('positions');
  await knex.schema.dropTable('departments');
  await knex.schema.dropTable('organisations');
}
