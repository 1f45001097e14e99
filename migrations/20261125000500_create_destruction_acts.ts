import type { Knex } from 'knex';

// Acts on selecting cases for destruction (акт о выделении к уничтожению): draft → approved → executed.
// Executing purges the cases' cards and files; the case rows stay, marked destroyed, with the act.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('destruction_acts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.integer('year').notNullable();
    t.integer('number').notNullable();
    t.text('reason').notNullable();
    t.text('status').notNullable().defaultTo('draft');
    t.uuid('approved_by').references('users.id');
    t.text('approved_by_name');
    t.timestamp('approved_at', { useTz: true });
    t.uuid('executed_by').references('users.id');
    t.timestamp('executed_at', { useTz: true });
    t.jsonb('content');
    t.uuid('created_by').references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'year', 'number']);
  });
  await knex.raw(`ALTER TABLE destruction_acts ADD CONSTRAINT destruction_acts_status_check CHECK (status IN ('draft','approved','executed'))`);

  await knex.schema.createTable('destruction_act_items', (t) => {
    t.uuid('act_id').notNullable().references('destruction_acts.id').onDelete('CASCADE');
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('case_id').notNullable().references('cases.id');
    t.integer('position').notNullable();
    t.primary(['act_id', 'case_id']);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('destruction_act_items');
  await knex.schema.dropTable('destruction_acts');
}
