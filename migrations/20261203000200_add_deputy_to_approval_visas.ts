import type { Knex } from 'knex';

// A visa given by a deputy for an absent approver: the visa stays the approver's (their stage, their place), and
// keeps who actually gave it, with the name and position of that time, for the sheet's «<заместитель> за <согласующий>».
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('approval_visas', (t) => {
    t.uuid('deputy_staff_id').references('staff.id');
    t.text('deputy_full_name');
    t.text('deputy_position_title');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('approval_visas', (t) => {
    t.dropColumn('deputy_staff_id');
    t.dropColumn('deputy_full_name');
    t.dropColumn('deputy_position_title');
  });
}
