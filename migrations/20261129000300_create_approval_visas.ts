import type { Knex } from 'knex';

// One approver of a stage and their visa (виза согласования, ГОСТ Р 7.0.97-2016): decision, remarks, time, and the
// position and name as they were when the visa was given.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('approval_visas', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.uuid('route_id').notNullable().references('approval_routes.id').onDelete('CASCADE');
    t.uuid('stage_id').notNullable().references('approval_stages.id').onDelete('CASCADE');
    // Denormalised for the card-visibility rule (approvers see a restricted card) and the inbox.
    t.uuid('card_id').notNullable().references('cards.id').onDelete('CASCADE');
    t.uuid('staff_id').notNullable().references('staff.id');
    t.integer('position').notNullable();
    t.text('decision');
    t.text('comment');
    t.timestamp('decided_at', { useTz: true });
    t.uuid('decided_by').references('users.id');
    t.text('position_title');
    t.text('full_name');
    t.unique(['stage_id', 'staff_id']);
    t.index(['card_id', 'staff_id']);
  });
  await knex.raw(`ALTER TABLE approval_visas ADD CONSTRAINT approval_visas_decision_check CHECK (decision IS NULL OR decision IN ('approved','approved_with_remarks','rejected'))`);
  await knex.raw(`ALTER TABLE approval_visas ADD CONSTRAINT approval_visas_comment_check CHECK (decision IS NULL OR decision = 'approved' OR length(btrim(coalesce(comment, ''))) > 0)`);
  // "On approval with me": my visas still to give.
  await knex.raw(`CREATE INDEX approval_visas_pending ON approval_visas (org_id, staff_id) WHERE decision IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('approval_visas');
}
