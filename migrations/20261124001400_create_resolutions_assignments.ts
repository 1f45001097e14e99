import type { Knex } from 'knex';

// Resolutions (резолюции) and the assignment trees (поручения) they create. An executor's sub-assignments
// come from a resolution of their own whose parent_assignment_id points at the assignment they received.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resolutions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id');
    t.uuid('parent_assignment_id');
    t.uuid('author_staff_id').notNullable().references('staff.id');
    t.uuid('entered_by').notNullable().references('users.id');
    // A clerk typed it in from the manager's paper resolution.
    t.boolean('on_behalf').notNullable().defaultTo(false);
    t.text('text').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['card_id']);
  });
  await knex.schema.createTable('assignments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('card_id').notNullable().references('cards.id');
    t.uuid('resolution_id').notNullable().references('resolutions.id');
    t.uuid('parent_id').references('assignments.id');
    t.uuid('executor_staff_id').notNullable().references('staff.id');
    t.specificType('co_executor_staff_ids', 'uuid[]').notNullable().defaultTo(knex.raw("'{}'::uuid[]"));
    t.uuid('executor_department_id').references('departments.id');
    t.text('text').notNullable();
    t.date('deadline');
    t.boolean('on_control').notNullable().defaultTo(false);
    t.uuid('controller_staff_id').references('staff.id');
    t.uuid('author_staff_id').notNullable().references('staff.id');
    // open → reported → accepted (снято с контроля); reported → open again when returned; cancelled.
    t.text('status').notNullable().defaultTo('open');
    t.text('report_text');
    t.timestamp('reported_at', { useTz: true });
    t.date('reported_on');
    t.timestamp('accepted_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE assignments ADD CONSTRAINT assignments_status_check CHECK (status IN ('open','reported','accepted','cancelled'))`);
  // Inbox queries: my open assignments by deadline, assignments on my control, a card's tree.
  await knex.raw(`CREATE INDEX assignments_executor_open ON assignments (org_id, executor_staff_id, deadline) WHERE status IN ('open','reported')`);
  await knex.raw(`CREATE INDEX assignments_controller_open ON assignments (org_id, controller_staff_id, deadline) WHERE status IN ('open','reported')`);
  await knex.raw(`CREATE INDEX assignments_card ON assignments (card_id)`);
  await knex.raw(`CREATE INDEX assignments_deadline ON assignments (org_id, deadline)`);

  await knex.schema.createTable('assignment_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('assignment_id').notNullable().references('assignments.id');
    t.text('type').notNullable();
    t.uuid('actor_user_id').references('users.id');
    t.text('text');
    t.jsonb('payload').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['assignment_id']);
  });
  await knex.schema.createTable('assignment_files', (t) => {
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('assignment_id').notNullable().references('assignments.id');
    t.uuid('file_id').notNullable().references('files.id');
    t.primary(['assignment_id', 'file_id']);
  });
  await knex.schema.createTable('deadline_requests', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('assignment_id').notNullable().references('assignments.id');
    t.uuid('requested_by').notNullable().references('users.id');
    t.date('old_deadline');
    t.date('new_deadline').notNullable();
    t.text('reason').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.uuid('decided_by').references('users.id');
    t.text('decision_comment');
    t.timestamp('decided_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['assignment_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deadline_requests');
  await knex.schema.dropTable('assignment_files');
  await knex.schema.dropTable('assignment_events');
  await knex.schema.dropTable('assignments');
  await knex.schema.dropTable('resolutions');
}
