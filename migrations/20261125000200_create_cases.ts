import type { Knex } from 'knex';

// Cases (дела) opened from nomenclature items. The retention term is copied at opening, so editing next year's
// nomenclature never changes how long an existing case is kept. A legal hold forbids destroying the case.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cases', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('nomenclature_item_id').notNullable().references('nomenclature_items.id');
    t.text('case_index').notNullable();
    t.text('title').notNullable();
    t.integer('year').notNullable();
    t.text('status').notNullable().defaultTo('open');
    t.text('retention_kind').notNullable();
    t.integer('retention_years');
    t.boolean('personnel').notNullable().defaultTo(false);
    t.text('list_article');
    t.date('opened_on').notNullable();
    t.date('closed_on');
    // ДМН: the day the documents were superseded; destruction is due from then on.
    t.date('superseded_on');
    t.integer('documents_count').notNullable().defaultTo(0);
    t.integer('sheets').notNullable().defaultTo(0);
    t.date('start_date');
    t.date('end_date');
    t.boolean('legal_hold').notNullable().defaultTo(false);
    t.text('legal_hold_reason');
    t.timestamp('legal_hold_at', { useTz: true });
    t.uuid('legal_hold_by').references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'year', 'case_index']);
    t.index(['org_id', 'status']);
  });
  await knex.raw(`ALTER TABLE cases ADD CONSTRAINT cases_status_check CHECK (status IN ('open','closed','in_inventory','destroyed','transferred'))`);
  await knex.raw(`ALTER TABLE cases ADD CONSTRAINT cases_retention_check CHECK (retention_kind IN ('years','permanent','until_superseded'))`);
  await knex.raw(`ALTER TABLE cases ADD CONSTRAINT cases_hold_reason_check CHECK (NOT legal_hold OR legal_hold_reason IS NOT NULL)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cases');
}
