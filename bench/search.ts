// Card search at scale: loads N generated cards (realistic Russian municipal correspondence) through the library's
// own index() and measures query latency, selective queries and the commonest words (capped counts, facets).
// PostgreSQL: a fresh schema of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
// Usage: npx tsx bench/search.ts [--backend postgres|pglite] [--docs N] [--queries N] [--keep] [--reuse SCHEMA]
// --keep leaves the PostgreSQL schema in place (its name is printed); --reuse SCHEMA measures a kept one again without
// loading (the load figures of the original run are kept in the table's comment). The report states the load
// average, since this machine is shared.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import { connectDatabase } from '../server/db/connect.ts';
import { migrateLatest } from '../server/db/migrate.ts';
import { createPostgresSearch, type SearchEngine, type SearchQuery } from '../search/index.ts';
import { generateCard, makeContext, prng, type GeneratorContext } from '../search/testing/generateCards.ts';
import { updateBenchmarks } from './report.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const backend = arg('backend', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
const docs = Number(arg('docs', backend === 'postgres' ? '1000000' : '20000'));
const perClass = Number(arg('queries', '100'));
const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 1000;
const keep = process.argv.includes('--keep');
const reuse = backend === 'postgres' && process.argv.includes('--reuse') ? arg('reuse', '') : null;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

// Secondary indexes are dropped during the load and rebuilt from their own definitions afterwards: building a GIN
// index once is several times faster than maintaining it row by row (what a production reindex would also do).
async function withoutIndexes(knex: Knex, load: () => Promise<void>): Promise<number> {
  const { rows } = (await knex.raw(
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_documents' AND schemaname = current_schema() AND indexname <> 'search_documents_pkey'",
  )) as { rows: { indexname: string; indexdef: string }[] };
  for (const r of rows) await knex.raw('DROP INDEX ??', [r.indexname]);
  await load();
  const started = performance.now();
  if (backend === 'postgres') await knex.raw("SET maintenance_work_mem = '512MB'");
  for (const r of rows) await knex.raw(r.indexdef);
  await knex.raw('VACUUM ANALYZE search_documents');
  return (performance.now() - started) / 1000;
}

async function load(engine: SearchEngine, ctx: GeneratorContext): Promise<void> {
  const rand = prng(42);
  let next = 0;
  const started = performance.now();
  // Two loaders keep both cores of the database busy while this process generates the next batch.
  const loader = async (): Promise<void> => {
    while (next < docs) {
      const from = next;
      next = Math.min(docs, next + BATCH);
      const batch = [];
      for (let i = from; i < next; i += 1) batch.push(generateCard(ctx, i, docs, rand));
      await engine.index(batch);
      if (next % 50_000 < BATCH) console.log(`  ${next} cards, ${(next / ((performance.now() - started) / 1000)).toFixed(0)}/s`);
    }
  };
  await Promise.all(backend === 'postgres' ? [loader(), loader()] : [loader()]);
}

function orgIdFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-a000-${hex}`;
}

interface Measured {
  name: string;
  kind: 'selective' | 'moderate' | 'medium' | 'common';
  times: number[];
  totals: string[];
}

async function measure(engine: SearchEngine, name: string, kind: Measured['kind'], queries: SearchQuery[]): Promise<Measured> {
  const times: number[] = [];
  const totals: string[] = [];
  await engine.query(queries[0] as SearchQuery); // warm-up: plan cache and buffers
  for (const q of queries) {
    const started = performance.now();
    const result = await engine.query(q);
    times.push(performance.now() - started);
    totals.push(result.total.capped ? `${result.total.value}+` : String(result.total.value));
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(60)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  e.g. total ${totals[0]}`);
  return { name, kind, times, totals };
}

const schema = backend === 'postgres' ? (reuse ?? `bench_search_${randomBytes(4).toString('hex')}`) : null;
const db = await connectDatabase({ databaseUrl: backend === 'postgres' ? url : null, schema, poolMax: 4 });
try {
  await migrateLatest(db.knex);
  const engine = createPostgresSearch(db.knex, { batchSize: BATCH });
  // The organisation id is derived from the seed so that a reused schema is queried as the same organisation.
  const ctx = makeContext(orgIdFor(docs), prng(7));
  const orgId = ctx.orgId;
  let loadSeconds = 0;
  let indexSeconds = 0;
  if (!reuse) {
    console.log(`loading ${docs} cards into ${backend}${schema ? ` schema ${schema}` : ''}`);
    const loadStarted = performance.now();
    indexSeconds = await withoutIndexes(db.knex, () => load(engine, ctx));
    loadSeconds = (performance.now() - loadStarted) / 1000;
    const note = JSON.stringify({ loadSeconds, indexSeconds, loadAverage: os.loadavg()[0] });
    await db.knex.raw(`COMMENT ON TABLE search_documents IS '${note}'`);
  } else {
    const { rows } = (await db.knex.raw("SELECT obj_description('search_documents'::regclass) AS note")) as { rows: { note: string | null }[] };
    const note = JSON.parse(rows[0]?.note ?? '{}') as { loadSeconds?: number; indexSeconds?: number };
    loadSeconds = note.loadSeconds ?? 0;
    indexSeconds = note.indexSeconds ?? 0;
  }
  const size = (await db.knex.raw("SELECT pg_size_pretty(pg_total_relation_size('search_documents')) AS s")) as { rows: { s: string }[] };
  console.log(`loaded in ${loadSeconds.toFixed(0)} s (index build ${indexSeconds.toFixed(0)} s), ${size.rows[0]?.s}`);

  // The commonest words: the surface forms whose lexemes the 1 % sample shows in the most cards (querying a lexeme
  // itself would stem it again, into something else).
  const common = (await db.knex.raw(
    `SELECT w AS word, (SELECT count(*) FROM search_documents d TABLESAMPLE SYSTEM (1) REPEATABLE (1)
                        WHERE d.tsv @@ websearch_to_tsquery('russian', w))::int AS ndoc
     FROM unnest(?::text[]) AS w ORDER BY ndoc DESC LIMIT 6`,
    [['работы', 'срок', 'ответ', 'обращение', 'вопросу', 'городского', 'проведении', 'рассмотрения', 'администрации', 'ремонту', 'информации', 'улица']],
  )) as { rows: { word: string; ndoc: number }[] };
  const commonWords = common.rows.map((r) => r.word);
  const sampled = Number(((await db.knex.raw('SELECT count(*)::int AS n FROM search_documents TABLESAMPLE SYSTEM (1) REPEATABLE (1)')) as { rows: { n: number }[] }).rows[0]?.n ?? 1);
  console.log(`commonest words: ${common.rows.map((r) => `${r.word} ${Math.round((r.ndoc * 100) / sampled)}%`).join(', ')}`);

  // Real values for selective queries, taken from the generated set with the same generator.
  const sample = Array.from({ length: perClass }, (_, i) => generateCard(ctx, Math.floor(((i + 0.5) / perClass) * docs), docs, prng(1000 + i)));
  const probe = (await db.knex.raw('SELECT reg_number, inns, correspondent_name FROM search_documents WHERE inns <> \'{}\' ORDER BY random() LIMIT ?', [perClass])) as {
    rows: { reg_number: string; inns: string[]; correspondent_name: string }[];
  };
  const viewer = { userId: ctx.staffIds[0] ?? randomUUID(), seesRestricted: false };
  const facets: SearchQuery['facets'] = ['kind', 'status', 'journal', 'department', 'year'];
  const base = (fields: Partial<SearchQuery>): SearchQuery => ({ orgId, viewer, facets, typing: false, ...fields });
  const rows = probe.rows.length > 0 ? probe.rows : [{ reg_number: 'Вх-1/2019', inns: ['1000000000'], correspondent_name: 'Иванов' }];
  const at = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;
  // Typical typos: a letter swapped or lost in an organisation's distinctive word, a surname ending in ф.
  const typos = ['Водокнал', 'Теплосить', 'Прокуратора Заречного', 'Роспотребнодзор', 'Спецавтохозяйстово', 'Росрестр', 'Ромошка', 'Дорожнек', 'Лебедеф Сергей', 'Петроф Иван', 'Сидороф Алексей', 'Кузнецоф Дмитрий'];

  const results: Measured[] = [];
  results.push(await measure(engine, 'exact registration number', 'selective', rows.map((_, i) => base({ text: at(rows, i).reg_number }))));
  results.push(await measure(engine, 'INN', 'selective', rows.map((_, i) => base({ text: at(rows, i).inns[0] ?? '' }))));
  results.push(await measure(engine, 'surname + street ("Петрова Садовая")', 'selective', sample.map((d, i) => base({ text: `${(d.correspondentName ?? 'Иванов').split(' ')[0]} ${['Садовая', 'Лесная', 'Мира', 'Чкалова'][i % 4]}` }))));
  results.push(await measure(engine, 'subject words + street ("подтопления подвала Лесная")', 'moderate', sample.map((_, i) => base({ text: `${['подтопления подвала', 'спила аварийных деревьев', 'ливневой канализации', 'многодетной семьи'][i % 4]} ${['Лесная', 'Садовая', 'Чкалова', 'Гагарина', 'Мира'][i % 5]}` }))));
  results.push(await measure(engine, 'common word + executor filter', 'moderate', sample.map((d) => base({ text: commonWords[0] ?? 'вопрос', filters: { executorId: d.executorIds[0] ?? '' } }))));
  results.push(await measure(engine, 'misspelt correspondent (trigram fallback)', 'selective', sample.map((_, i) => base({ text: at(typos, i) }))));
  results.push(await measure(engine, 'browse: executor, overdue, newest first', 'selective', sample.map((d) => base({ filters: { executorId: d.executorIds[0] ?? '', overdue: true }, today: '2025-12-01' }))));
  results.push(await measure(engine, 'less common words while typing ("аварийных деревь", ~4 %)', 'medium', sample.map((_, i) => base({ text: ['аварийных деревь', 'ливневой канализ', 'многодетной семь', 'нестационарных торгов'][i % 4] ?? '', typing: true }))));
  results.push(await measure(engine, 'commonest words, relevance, 5 facets', 'common', sample.map((_, i) => base({ text: at(commonWords, i) }))));
  results.push(await measure(engine, 'commonest words, newest first, 5 facets', 'common', sample.map((_, i) => base({ text: at(commonWords, i), sort: 'regDate:desc' }))));
  results.push(await measure(engine, 'two common words, relevance', 'common', sample.map((_, i) => base({ text: `${at(commonWords, i)} ${at(commonWords, i + 3)}` }))));
  results.push(await measure(engine, 'prefix of a common word while typing ("обра")', 'common', sample.map((_, i) => base({ text: ['обра', 'благоу', 'адми', 'ремон'][i % 4] ?? 'обра', typing: true }))));
  results.push(await measure(engine, 'browse everything, newest first, page 50', 'common', sample.map(() => base({ page: { limit: 20, offset: 980 } }))));

  const p95 = (kind: Measured['kind']): number => Math.max(...results.filter((r) => r.kind === kind).map((r) => percentile(r.times, 95)));
  const lines = [
    `${docs.toLocaleString('en-US')} generated cards on ${backend === 'postgres' ? 'PostgreSQL 15' : 'PGlite (in memory)'} in one organisation (2 % ДСП, half with extracted file text);`,
    `loaded through \`index()\` in batches of ${BATCH} in ${loadSeconds.toFixed(0)} s, of which ${indexSeconds.toFixed(0)} s rebuilding the secondary indexes; table with indexes ${size.rows[0]?.s}.`,
    `${perClass} queries per row, one at a time after a warm-up; every query asks for 5 facets and counts up to 10 000.`,
    `The machine is shared with other work: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) when the queries finished.`,
    'Classes: selective — up to a few hundred matches; moderate — one or two thousand; medium — a few per cent of the',
    'cards (no target set for these two); common — the commonest words.',
    `Commonest words (share of cards, 1 % sample): ${common.rows.map((r) => `${r.word} ${Math.round((r.ndoc * 100) / sampled)}%`).join(', ')}.`,
    '',
    '| query | class | p50 ms | p95 ms | typical total |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.kind} | ${percentile(r.times, 50).toFixed(1)} | ${percentile(r.times, 95).toFixed(1)} | ${r.totals[Math.floor(r.totals.length / 2)]} |`),
    '',
    `Worst p95: selective ${p95('selective').toFixed(1)} ms (target ≤ 50), common words ${p95('common').toFixed(1)} ms (target ≤ 300); moderate ${p95('moderate').toFixed(1)} ms, medium ${p95('medium').toFixed(1)} ms.`,
    '',
  ];
  updateBenchmarks(
    `search-${backend}`,
    `Card search, ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} (bench/search.ts)`,
    `npx tsx bench/search.ts --backend ${backend} --docs ${docs} --queries ${perClass}`,
    lines.join('\n'),
  );
  console.log(lines.join('\n'));
} finally {
  if (schema && !keep && !reuse) await db.knex.raw('DROP SCHEMA ?? CASCADE', [schema]);
  if (schema && keep) console.log(`kept schema ${schema}`);
  await db.close();
}
