import type { Knex } from 'knex';

// The registry of correspondents of an organisation: companies, government and municipal bodies, entrepreneurs, citizens.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('correspondents', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organisations.id');
    t.text('type').notNullable();
    t.text('name').notNullable();
    t.text('full_name');
    t.text('inn');
    t.text('kpp');
    t.text('ogrn');
    t.text('address');
    t.text('email');
    t.text('phone');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE correspondents ADD CONSTRAINT correspondents_type_check CHECK (type IN ('company','government','municipal','entrepreneur','citizen'))`);
  // Same INN (and KPP, for branches) → same record: the uniqueness that makes the registry duplicate-safe.
  await knex.raw(`CREATE UNIQUE INDEX correspondents_org_inn ON correspondents (org_id, inn, coalesce(kpp, '')) WHERE inn IS NOT NULL`);
  await knex.raw(`CREATE INDEX correspondents_org_ogrn ON correspondents (org_id, ogrn) WHERE ogrn IS NOT NULL`);
  // Search-as-you-type and typo tolerance over 10^6 rows: trigram index on the lower-cased name.
  // GiST rather than GIN: it also answers ORDER BY name <-> query LIMIT n (nearest first) from the index.
  await knex.raw(`CREATE INDEX correspondents_name_trgm ON correspondents USING gist (lower(name) gist_trgm_ops)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('correspondents');
}
