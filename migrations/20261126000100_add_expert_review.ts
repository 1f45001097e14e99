import type { Knex } from 'knex';

// The expert commission's review (согласование с ЭПК/ЭК) of inventories and destruction acts, a step of its own
// before the head's approval: submitted → agreed, or returned with remarks (then edited and submitted again).
// The latest decision is kept on the row (protocol number and date, who recorded it and when); every step is also
// in the audit log. Which step may follow which is decided in server/archive/expertReview.ts, not here: rows
// approved before this step existed carry no review.
const TABLES = ['inventories', 'destruction_acts'] as const;

export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.schema.alterTable(table, (t) => {
      t.text('review_status'); // null (not submitted) | submitted | agreed | returned
      t.uuid('review_submitted_by').references('users.id');
      t.timestamp('review_submitted_at', { useTz: true });
      t.uuid('review_decided_by').references('users.id');
      t.text('review_decided_by_name');
      t.timestamp('review_decided_at', { useTz: true });
      t.text('review_protocol_number');
      t.date('review_protocol_date');
      t.text('review_remarks');
    });
    await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_review_status_check CHECK (review_status IS NULL OR review_status IN ('submitted','agreed','returned'))`);
    await knex.raw(
      `ALTER TABLE ${table} ADD CONSTRAINT ${table}_review_decision_check CHECK (review_status IS NULL OR review_status = 'submitted' OR (review_protocol_number IS NOT NULL AND review_protocol_date IS NOT NULL AND review_decided_at IS NOT NULL))`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_review_decision_check`);
    await knex.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_review_status_check`);
    await knex.schema.alterTable(table, (t) => {
      t.dropColumns('review_status', 'review_submitted_by', 'review_submitted_at', 'review_decided_by', 'review_decided_by_name', 'review_decided_at', 'review_protocol_number', 'review_protocol_date', 'review_remarks');
    });
  }
}
