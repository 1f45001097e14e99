import type { Knex } from 'knex';

// "Awaiting my resolution": registered cards addressed to a manager.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX cards_addressee_status ON cards (org_id, addressee_staff_id, status) WHERE addressee_staff_id IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX cards_addressee_status');
}
