// Correspondent picker at scale: 1,000,000 organisations and citizens in one organisation's registry, then
// p50/p95 of the server-side search as a clerk types (fragments, INN, a misspelt name).
//   npx tsx bench/correspondents.ts [--rows 1000000] [--queries 200]   (PostgreSQL at BENCH_DATABASE_URL or the local test db)
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { connectDatabase } from '../server/db/connect.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { searchCorrespondents } from '../server/records/correspondents/searchCorrespondents.ts';
import { updateBenchmarks } from './report.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '200' } } });
const N = Number(values.rows);
const Q = Number(values.queries);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_corr_${Date.now()}`;
const db = await connectDatabase({ databaseUrl: url, schema });
const knex = db.knex;

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

try {
  await migrateLatest(knex);
  const org = randomUUID();
  await knex('organisations').insert({ id: org, name: 'Бенчмарк', short_name: 'Бенчмарк' });
  const t0 = performance.now();
  // Realistic names from word lists: legal form + two words of a trade name, or a citizen's full name; a tenth carry an INN.
  await knex.raw(
    `WITH forms AS (SELECT ARRAY['ООО','АО','ПАО','МУП','МКУ','ГБУ','ИП','ТСЖ','АНО','ЗАО'] a),
          w1 AS (SELECT ARRAY['Северный','Южный','Городской','Областной','Региональный','Центральный','Новый','Солнечный','Зелёный','Промышленный','Строительный','Торговый','Транспортный','Энергетический','Медицинский','Жилищный','Управляющий','Технический','Сибирский','Уральский'] a),
          w2 AS (SELECT ARRAY['ветер','альянс','сервис','комфорт','строй','водоканал','теплосеть','ресурс','центр','проект','дом','мост','путь','свет','парк','двор','квартал','союз','рынок','фонд'] a),
          ln AS (SELECT ARRAY['Иванов','Петров','Сидоров','Смирнов','Кузнецов','Попов','Васильев','Соколов','Михайлов','Новиков','Фёдоров','Морозов','Волков','Алексеев','Лебедев','Семёнов','Егоров','Павлов','Козлов','Степанов'] a),
          fn AS (SELECT ARRAY['Иван','Пётр','Сергей','Алексей','Андрей','Дмитрий','Михаил','Николай','Олег','Павел'] a)
     INSERT INTO correspondents (org_id, type, name, inn)
     SELECT ?, CASE WHEN g % 3 = 0 THEN 'citizen' ELSE 'company' END,
            CASE WHEN g % 3 = 0
                 THEN ln.a[1 + g % 20] || ' ' || fn.a[1 + (g / 20) % 10] || ' ' || fn.a[1 + (g / 200) % 10] || 'ович'
                 ELSE forms.a[1 + g % 10] || ' «' || w1.a[1 + (g / 10) % 20] || ' ' || w2.a[1 + (g / 200) % 20] || ' ' || (g / 4000) || '»' END,
            CASE WHEN g % 10 = 1 THEN lpad((1000000000 + g)::text, 10, '0') END
       FROM generate_series(1, ?) g, forms, w1, w2, ln, fn`,
    [org, N],
  );
  await knex.raw('ANALYZE correspondents');
  const loadSeconds = (performance.now() - t0) / 1000;
  const cases: [string, string[]][] = [
    ['fragment of a trade name (3+ letters)', ['водок', 'теплосет', 'солнечн', 'альянс 12', 'квартал']],
    ['citizen’s surname and name', ['иванов пётр', 'морозов олег', 'степанов']],
    ['exact INN', ['1000000011', '1000500001']],
    ['misspelt name (trigram fallback)', ['теплосетт', 'водоконал', 'альянз']],
  ];
  const rows: string[] = [];
  for (const [label, qs] of cases) {
    const times: number[] = [];
    for (let i = 0; i < Q; i += 1) {
      const q = qs[i % qs.length] as string;
      const t = performance.now();
      await searchCorrespondents(knex, org, q, undefined, 20);
      times.push(performance.now() - t);
    }
    rows.push(`| ${label} | ${pct(times, 50).toFixed(2)} | ${pct(times, 95).toFixed(2)} |`);
  }
  const table = [`${N.toLocaleString('en')} correspondents in one registry, loaded in ${loadSeconds.toFixed(0)} s; ${Q} searches per case, 20 results each.`, '', '| query | p50 ms | p95 ms |', '|---|---|---|', ...rows].join('\n');
  console.log(table);
  updateBenchmarks('correspondents', 'Correspondent search at 10^6 rows (bench/correspondents.ts, PostgreSQL)', `npx tsx bench/correspondents.ts --rows ${N} --queries ${Q}`, table);
} finally {
  await knex.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
  await db.close();
}
