import type { Knex } from 'knex';

// The ordered stages of an approval route: stages run one after another, the approvers of a stage in parallel.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('approval_stages', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('route_id').notNullable().references('approval_routes.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    // Working days the stage has once it starts; due_on is computed then with the production calendar.
    t.integer('deadline_days');
    t.date('due_on');
    // waiting → active → approved | rejected; a stage after a rejected one stays waiting.
    t.text('status').notNullable().defaultTo('waiting');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.unique(['route_id', 'position']);
  });
  await knex.raw(`ALTER TABLE approval_stages ADD CONSTRAINT approval_stages_status_check CHECK (status IN ('waiting','active','approved','rejected'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('approval_stages');
}
