import type { Knex } from 'knex';

// A status code may also be handed to a citizen whose appeal a clerk registered (from paper, by e-mail): the row then
// says so, and the receipt names how the appeal really came in.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reception_appeals', (t) => {
    t.text('channel').notNullable().defaultTo('internet');
  });
  await knex.raw(`ALTER TABLE reception_appeals ADD CONSTRAINT reception_appeals_channel_check CHECK (channel IN ('internet', 'staff'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reception_appeals', (t) => {
    t.dropColumn('channel');
  });
}
