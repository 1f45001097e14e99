import type { Knex } from 'knex';
import { productionCalendar } from '../server/records/calendar/productionCalendar.ts';

// Exceptions to the Monday–Friday week: public holidays and transferred days off (non-working weekdays) and
// working Saturdays. One national calendar per installation, editable by administrators.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_days', (t) => {
    t.date('day').primary();
    t.boolean('working').notNullable();
    t.text('note').notNullable();
    t.text('source').notNullable();
  });
  const rows = productionCalendar.map((d) => ({ day: d.day, working: d.working, note: d.note, source: d.source }));
  if (rows.length > 0) await knex('calendar_days').insert(rows);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calendar_days');
}
