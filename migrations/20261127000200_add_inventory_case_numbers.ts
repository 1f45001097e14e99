import type { Knex } from 'knex';

// The number a case carries in an inventory (порядковый номер дела по описи) when the archivist gives it: a lettered
// number (12а) for a case put in after the numbering was fixed, or a number that leaves a gap (пропущенный номер).
// Null: the next number after the previous line. The certification entry of the inventory lists the lettered and the
// skipped numbers (server/archive/inventoryNumbering.ts).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventory_items', (t) => {
    t.text('number');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inventory_items', (t) => {
    t.dropColumn('number');
  });
}
