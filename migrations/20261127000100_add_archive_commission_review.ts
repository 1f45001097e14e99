import type { Knex } from 'knex';

// The second agreement of an inventory: after the organisation's ЭПК (ЭК), an inventory of permanent cases and an
// inventory of personnel cases are agreed by the expert-verification commission of the state (municipal) archive
// (ЭПК архивного учреждения) before the head approves them; long-term inventories and destruction acts are not.
// The organisation's columns (review_*) keep its own commission's agreement; these keep the archive's round:
// submitted → agreed, or returned with remarks (the draft is then edited and goes through both commissions again).
// Which step may follow which is decided in server/archive/expertReview.ts.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventories', (t) => {
    t.text('archive_review_status'); // null | submitted | agreed | returned
    t.text('archive_review_commission');
    t.uuid('archive_review_submitted_by').references('users.id');
    t.timestamp('archive_review_submitted_at', { useTz: true });
    t.uuid('archive_review_decided_by').references('users.id');
    t.text('archive_review_decided_by_name');
    t.timestamp('archive_review_decided_at', { useTz: true });
    t.text('archive_review_protocol_number');
    t.date('archive_review_protocol_date');
    t.text('archive_review_remarks');
  });
  await knex.raw(`ALTER TABLE inventories ADD CONSTRAINT inventories_archive_review_status_check CHECK (archive_review_status IS NULL OR archive_review_status IN ('submitted','agreed','returned'))`);
  await knex.raw(
    `ALTER TABLE inventories ADD CONSTRAINT inventories_archive_review_decision_check CHECK (archive_review_status IS NULL OR archive_review_status = 'submitted' OR (archive_review_protocol_number IS NOT NULL AND archive_review_protocol_date IS NOT NULL AND archive_review_decided_at IS NOT NULL))`,
  );
  // The archive's commission sees only what the organisation's commission has agreed.
  await knex.raw(`ALTER TABLE inventories ADD CONSTRAINT inventories_archive_review_after_agreement CHECK (archive_review_status IS NULL OR review_status = 'agreed')`);
}

export async function down(knex: Knex): Promise<void> {
  for (const c of ['after_agreement', 'decision_check', 'status_check']) await knex.raw(`ALTER TABLE inventories DROP CONSTRAINT inventories_archive_review_${c}`);
  await knex.schema.alterTable('inventories', (t) => {
    t.dropColumns(
      'archive_review_status',
      'archive_review_commission',
      'archive_review_submitted_by',
      'archive_review_submitted_at',
      'archive_review_decided_by',
      'archive_review_decided_by_name',
      'archive_review_decided_at',
      'archive_review_protocol_number',
      'archive_review_protocol_date',
      'archive_review_remarks',
    );
  });
}
