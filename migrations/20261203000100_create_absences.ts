import type { Knex } from 'knex';

// Отсутствие (отпуск, командировка, болезнь): a period in which one deputy (заместитель) gives the absent person's
// visas and reports their assignments. Dates are calendar days of the organisation's time zone, both ends included.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('absences', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('staff_id').notNullable().references('staff.id');
    t.uuid('deputy_staff_id').notNullable().references('staff.id');
    t.date('starts_on').notNullable();
    t.date('ends_on').notNullable();
    t.text('reason').notNullable();
    t.text('note');
    t.uuid('created_by').references('users.id');
    t.timestamp('cancelled_at', { useTz: true });
    t.uuid('cancelled_by').references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE absences ADD CONSTRAINT absences_reason_check CHECK (reason IN ('vacation','business_trip','sick_leave','other'))`);
  await knex.raw('ALTER TABLE absences ADD CONSTRAINT absences_period_check CHECK (starts_on <= ends_on)');
  await knex.raw('ALTER TABLE absences ADD CONSTRAINT absences_deputy_check CHECK (deputy_staff_id <> staff_id)');
  // The inboxes ask on every request «whom do I stand in for today»: the deputy's rows in force, by date.
  await knex.raw('CREATE INDEX absences_deputy_active ON absences (org_id, deputy_staff_id, starts_on, ends_on) WHERE cancelled_at IS NULL');
  // Overlap checks and the person's own list.
  await knex.raw('CREATE INDEX absences_staff ON absences (org_id, staff_id, starts_on) WHERE cancelled_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('absences');
}
