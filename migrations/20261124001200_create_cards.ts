import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Gapless numbering: one counter row per journal and year, incremented inside the registering transaction.
  // The row lock serialises registrations into one journal; a rollback gives the number back.
  await knex.schema.createTable('journal_counters', (t) => {
    t.uuid('journal_id').notNullable().references('journals.id');
    t.integer('year').notNullable();
    t.integer('last_seq').notNullable();
    t.primary(['journal_id', 'year']);
  });
  await knex.schema.createTable('cards', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('kind').notNullable();
    t.uuid('journal_id').references('journals.id');
    t.text('status').notNullable().defaultTo('draft');
    t.text('reg_number');
    t.integer('reg_seq');
    t.integer('reg_year');
    t.date('reg_date');
    t.timestamp('registered_at', { useTz: true });
    t.text('summary').notNullable().defaultTo('');
    t.uuid('correspondent_id').references('correspondents.id');
    t.text('out_number');
    t.date('out_date');
    t.text('signer');
    t.text('addressee');
    t.uuid('addressee_staff_id').references('staff.id');
    t.text('delivery_method');
    t.integer('sheets');
    t.integer('attachments_count');
    t.text('access_mark');
    t.text('case_index');
    t.uuid('department_id').references('departments.id');
    t.date('deadline');
    t.boolean('on_control').notNullable().defaultTo(false);
    t.jsonb('fields').notNullable().defaultTo('{}');
    t.text('cancel_reason');
    t.timestamp('executed_at', { useTz: true });
    t.uuid('created_by').references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE cards ADD CONSTRAINT cards_kind_check CHECK (kind IN ('incoming','outgoing','internal','appeal','draft','service_application'))`);
  await knex.raw(`ALTER TABLE cards ADD CONSTRAINT cards_status_check CHECK (status IN ('draft','registered','in_work','executed','filed','archived','cancelled'))`);
  // Never a duplicate number: the database itself refuses one.
  await knex.raw(`CREATE UNIQUE INDEX cards_journal_seq ON cards (journal_id, reg_year, reg_seq) WHERE reg_seq IS NOT NULL`);
  await knex.raw(`CREATE INDEX cards_org_status ON cards (org_id, status, reg_date DESC)`);
  await knex.raw(`CREATE INDEX cards_org_reg_number ON cards (org_id, reg_number)`);
  await knex.raw(`CREATE INDEX cards_correspondent ON cards (correspondent_id)`);

  await knex.schema.createTable('card_links', (t) => {
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id').onDelete('CASCADE');
    t.uuid('related_card_id').notNullable().references('cards.id').onDelete('CASCADE');
    // in_reply_to: this card answers the related one; repeated: this card repeats the related one.
    t.text('type').notNullable();
    t.primary(['card_id', 'related_card_id', 'type']);
    t.index(['related_card_id']);
  });
  await knex.raw(`ALTER TABLE card_links ADD CONSTRAINT card_links_type_check CHECK (type IN ('in_reply_to','repeated','related'))`);

  await knex.schema.createTable('card_files', (t) => {
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id').onDelete('CASCADE');
    t.uuid('file_id').notNullable().references('files.id');
    t.text('role').notNullable().defaultTo('main');
    t.integer('position').notNullable().defaultTo(0);
    t.primary(['card_id', 'file_id']);
  });

  await knex.schema.createTable('kind_schemas', (t) => {
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('kind').notNullable();
    t.jsonb('schema').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['org_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('kind_schemas');
  await knex.schema.dropTable('card_files');
  await knex.schema.dropTable('card_links');
  await knex.schema.dropTable('cards');
  await knex.schema.dropTable('journal_counters');
}
