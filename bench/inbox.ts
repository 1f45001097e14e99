// Inbox queries at scale: 1,000,000 assignments spread over 2,000 staff of one organisation (plus a second
// organisation's noise), then p50/p95 of the badge counts and the inbox lists for random staff members.
//   npx tsx bench/inbox.ts [--assignments 1000000] [--queries 300]   (PostgreSQL at BENCH_DATABASE_URL or the local test db)
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { connectDatabase } from '../server/db/connect.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { inboxCounts } from '../server/records/inboxQueries.ts';
import { principalsOf } from '../server/records/deputies.ts';
import { updateBenchmarks } from './report.ts';

const { values } = parseArgs({ options: { assignments: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '300' } } });
const N = Number(values.assignments);
const Q = Number(values.queries);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_inbox_${Date.now()}`;
const db = await connectDatabase({ databaseUrl: url, schema });
const knex = db.knex;
const STAFF = 2000;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

try {
  await migrateLatest(knex);
  const org = randomUUID();
  await knex('organisations').insert({ id: org, name: 'Бенчмарк', short_name: 'Бенчмарк' });
  await knex.raw(`INSERT INTO staff (id, org_id, last_name, first_name) SELECT gen_random_uuid(), ?, 'Сотрудник' || g, 'И' FROM generate_series(1, ${STAFF}) g`, [org]);
  await knex.raw(`INSERT INTO users (id, org_id, login, full_name, password_hash) VALUES (gen_random_uuid(), ?, 'bench', 'Бенч', 'x')`, [org]);
  const user = ((await knex('users').where({ org_id: org }).first('id')) as { id: string }).id;
  await knex.raw(`INSERT INTO cards (id, org_id, kind, status, summary, created_by) SELECT gen_random_uuid(), ?, 'incoming', 'in_work', 'Письмо ' || g, ? FROM generate_series(1, ?) g`, [org, user, Math.ceil(N / 4)]);
  await knex.raw(
    `INSERT INTO resolutions (id, org_id, card_id, author_staff_id, entered_by, text)
     SELECT gen_random_uuid(), c.org_id, c.id, (SELECT id FROM staff WHERE org_id = c.org_id LIMIT 1), ?, 'Рассмотреть' FROM cards c WHERE c.org_id = ?`,
    [user, org],
  );
  const t0 = performance.now();
  // Four assignments per card, executors and controllers spread uniformly, deadlines ±1 year around today,
  // 70 % already accepted (the realistic shape: most work is done).
  await knex.raw(
    `WITH s AS (SELECT array_agg(id) AS ids FROM staff WHERE org_id = :org),
          r AS (SELECT r.id AS resolution_id, r.card_id, row_number() OVER () AS n FROM resolutions r WHERE r.org_id = :org)
     INSERT INTO assignments (org_id, card_id, resolution_id, executor_staff_id, controller_staff_id, author_staff_id, text, deadline, on_control, status, reported_on)
     SELECT :org, r.card_id, r.resolution_id,
            s.ids[1 + ((r.n * 4 + k) * 7919) % ${STAFF}],
            CASE WHEN k = 0 THEN s.ids[1 + (r.n * 31) % ${STAFF}] END,
            s.ids[1],
            'Исполнить', current_date + ((r.n * 4 + k) * 37 % 730 - 365)::int, k = 0,
            CASE WHEN (r.n * 4 + k) % 10 < 7 THEN 'accepted' ELSE 'open' END,
            CASE WHEN (r.n * 4 + k) % 10 < 7 THEN current_date - 400 END
       FROM r, s, generate_series(0, 3) k`,
    { org },
  );
  // Absences (замещение): a tenth of the staff away today, each with a deputy from the other half (no chains), and ten
  // past periods per person, so that the deputies' index has history to skip. A deputy's inbox asks for two people.
  await knex.raw(
    `WITH s AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff WHERE org_id = :org::uuid)
     INSERT INTO absences (org_id, staff_id, deputy_staff_id, starts_on, ends_on, reason)
     SELECT :org::uuid, s.ids[i], s.ids[1 + (i + ${STAFF / 2} + k) % ${STAFF}], current_date - 400 + k * 30, current_date - 395 + k * 30, 'vacation'
       FROM s, generate_series(1, ${STAFF}) i, generate_series(0, 9) k
     UNION ALL
     SELECT :org::uuid, s.ids[i], s.ids[i + ${STAFF / 2}], current_date - 3, current_date + 7, 'vacation' FROM s, generate_series(1, ${STAFF / 10}) i`,
    { org },
  );
  await knex.raw('ANALYZE assignments');
  await knex.raw('ANALYZE absences');
  const loadSeconds = (performance.now() - t0) / 1000;
  const total = ((await knex('assignments').count('* as n').first()) as { n: number }).n;
  const staffIds = (await knex('staff').where({ org_id: org }).pluck('id')) as string[];
  const today = new Date().toISOString().slice(0, 10);
  const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const counts: number[] = [];
  const lists: number[] = [];
  const deputyCounts: number[] = [];
  const deputyLists: number[] = [];
  const sortedStaff = [...staffIds].sort();
  for (let i = 0; i < Q; i += 1) {
    const staff = staffIds[(i * 7) % staffIds.length] as string;
    let t = performance.now();
    await inboxCounts(knex, org, staff, today, soon, true);
    counts.push(performance.now() - t);
    t = performance.now();
    await knex('assignments').where({ org_id: org, executor_staff_id: staff, status: 'open' }).orderByRaw("coalesce(deadline, '9999-12-31'::date), id::text").limit(51);
    lists.push(performance.now() - t);
    // A deputy standing in for one absent colleague today (staff STAFF/2+1 … STAFF/2+STAFF/10 in id order).
    const deputy = sortedStaff[STAFF / 2 + (i % (STAFF / 10))] as string;
    t = performance.now();
    await inboxCounts(knex, org, deputy, today, soon, true);
    deputyCounts.push(performance.now() - t);
    t = performance.now();
    const principals = await principalsOf(knex, org, deputy, today);
    await knex('assignments')
      .where({ org_id: org, status: 'open' })
      .whereIn('executor_staff_id', [deputy, ...principals.map((p) => p.staffId)])
      .orderByRaw("coalesce(deadline, '9999-12-31'::date), id::text")
      .limit(51);
    deputyLists.push(performance.now() - t);
  }
  const table = [
    `${total.toLocaleString('en')} assignments (${STAFF} executors, 30 % open), loaded in ${loadSeconds.toFixed(0)} s; ${Q} queries each for random staff.`,
    '',
    '| query | p50 ms | p95 ms | p99 ms |',
    '|---|---|---|---|',
    `| badge counts (/api/inbox/counts: to do, overdue, due soon, on control, drafts, awaiting resolution) | ${pct(counts, 50).toFixed(2)} | ${pct(counts, 95).toFixed(2)} | ${pct(counts, 99).toFixed(2)} |`,
    `| my assignments, first page by deadline (/api/inbox/assignments) | ${pct(lists, 50).toFixed(2)} | ${pct(lists, 95).toFixed(2)} | ${pct(lists, 99).toFixed(2)} |`,
    `| badge counts of a deputy standing in for one absent colleague (${STAFF / 10} away today, ${STAFF * 10} past absences) | ${pct(deputyCounts, 50).toFixed(2)} | ${pct(deputyCounts, 95).toFixed(2)} | ${pct(deputyCounts, 99).toFixed(2)} |`,
    `| a deputy's assignments with the absent colleague's, first page (lookup of whom they stand in for included) | ${pct(deputyLists, 50).toFixed(2)} | ${pct(deputyLists, 95).toFixed(2)} | ${pct(deputyLists, 99).toFixed(2)} |`,
  ].join('\n');
  console.log(table);
  updateBenchmarks('inbox', 'Inbox queries at 10^6 assignments (bench/inbox.ts, PostgreSQL)', `npx tsx bench/inbox.ts --assignments ${N} --queries ${Q}`, table);
} finally {
  await knex.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
  await db.close();
}
