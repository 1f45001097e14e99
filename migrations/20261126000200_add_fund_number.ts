import type { Knex } from 'knex';

// The fund number (номер фонда) printed in the header of an inventory and in the text of a destruction act. Kept on
// the document, as it was when the document was drawn up; empty prints a blank to fill in by hand.
export async function up(knex: Knex): Promise<void> {
  for (const table of ['inventories', 'destruction_acts']) {
    await knex.schema.alterTable(table, (t) => {
      t.text('fund_number');
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['inventories', 'destruction_acts']) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn('fund_number');
    });
  }
}
