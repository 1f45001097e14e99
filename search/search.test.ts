// The PostgreSQL engine end to end: in-memory PGlite by default, PostgreSQL in a fresh schema when DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresSearch, SearchError, type SearchEngine, type SearchQuery, type SearchResult } from './index.ts';
import { card } from './testing/cards.ts';
import { openTestDatabase, type TestDatabase } from './testing/openTestDatabase.ts';

const ORG = randomUUID();
const OTHER_ORG = randomUUID();
const CLERK = randomUUID();
const READER = randomUUID();
const JOURNAL_IN = randomUUID();
const JOURNAL_OUT = randomUUID();
const DEPT_ROADS = randomUUID();
const DEPT_WATER = randomUUID();
const EXECUTOR = randomUUID();
const CORRESPONDENT = randomUUID();

let db: TestDatabase;
let search: SearchEngine;

const c = {
  letter: card(ORG, { summary: 'Письмо о благоустройстве дворовой территории', body: 'Просим рассмотреть письма жителей', regNumber: 'Вх-101/2026', journalId: JOURNAL_IN }),
  roads: card(ORG, {
    summary: 'О ремонте дорог в микрорайоне Северный',
    body: 'Ямочный ремонт дорожного покрытия',
    regNumber: 'Вх-102/2026',
    regDate: '2026-04-10',
    journalId: JOURNAL_IN,
    departmentIds: [DEPT_ROADS],
    executorIds: [EXECUTOR],
    onControl: true,
    deadline: '2026-04-20',
    status: 'in_work',
  }),
  water: card(ORG, {
    kind: 'outgoing',
    summary: 'Ответ о водоснабжении улицы Лесной',
    correspondentName: 'МУП «Водоканал»',
    regNumber: '01-15/345',
    regDate: '2025-11-05',
    journalId: JOURNAL_OUT,
    departmentIds: [DEPT_WATER],
    deadline: '2025-11-20',
    doneAt: '2025-11-18',
    status: 'executed',
  }),
  yo: card(ORG, { summary: 'Закупка ёлочных украшений для площади', regDate: '2025-12-01' }),
  inn: card(ORG, {
    summary: 'Запрос сведений о поставщике',
    correspondentId: CORRESPONDENT,
    correspondentName: 'ООО «Ромашка»',
    inns: ['7701234567'],
    outNumber: '17/2-ИС',
    regDate: '2026-01-15',
  }),
  innInText: card(ORG, { summary: 'Справка', extractedText: 'Поставщик ИНН 7701234567 упоминается в акте сверки', regDate: '2026-05-01' }),
  numberInText: card(ORG, { summary: 'Ссылка на письмо Вх-101/2026 от соседей', regDate: '2026-05-02' }),
  citizen: card(ORG, { kind: 'appeal', summary: 'Обращение по вопросу уличного освещения', correspondentName: 'Иванов Пётр Сергеевич', regDate: '2026-02-03' }),
  prosecutor: card(ORG, { summary: 'Представление об устранении нарушений', correspondentName: 'Прокуратура Заречного района', regDate: '2026-02-04' }),
  escaped: card(ORG, { summary: 'Жалоба: счёт 5 < 7 & «кавычки» "двойные" и ремонт подъезда', regDate: '2026-02-05' }),
  restricted: card(ORG, { summary: 'Служебная записка о мобилизационном резерве', accessMark: 'ДСП', readerIds: [READER], regDate: '2026-02-06' }),
  other: card(OTHER_ORG, { summary: 'Письмо о благоустройстве в другой организации', regNumber: 'Вх-101/2026' }),
};

function q(fields: Partial<SearchQuery> = {}): SearchQuery {
  return { orgId: ORG, viewer: { userId: CLERK, seesRestricted: false }, typing: false, ...fields };
}

async function ids(query: Partial<SearchQuery>): Promise<string[]> {
  return (await search.query(q(query))).hits.map((h) => h.id);
}

beforeAll(async () => {
  db = await openTestDatabase();
  search = createPostgresSearch(db.knex);
  await search.index(Object.values(c));
});

afterAll(async () => {
  await db?.close();
});

describe('word forms', () => {
  it('finds any inflected form of a word', async () => {
    for (const text of ['письмо', 'письма', 'письмами', 'благоустройство', 'благоустройства', 'дороги', 'дорогам']) {
      const found = await ids({ text });
      expect(found, text).toContain(text.startsWith('дорог') ? c.roads.id : c.letter.id);
    }
  });

  it('folds ё and е on both sides', async () => {
    expect(await ids({ text: 'елочных' })).toEqual([c.yo.id]);
    expect(await ids({ text: 'ёлочные' })).toEqual([c.yo.id]);
    const hit = (await search.query(q({ text: 'елочных' }))).hits[0];
    expect(hit?.highlights.summary).toContain('<mark>ёлочных</mark>');
  });

  it('matches the last word as a prefix while typing', async () => {
    expect(await ids({ text: 'благоустр', typing: true })).toContain(c.letter.id);
    expect(await ids({ text: 'дворовой террит', typing: true })).toEqual([c.letter.id]);
    expect(await ids({ text: 'благоустр', typing: false })).toEqual([]);
  });

  it('understands "phrases" and -exclusions', async () => {
    expect(await ids({ text: '"ремонт дорог"' })).toEqual([c.roads.id]);
    expect(await ids({ text: 'ремонт' })).toEqual(expect.arrayContaining([c.roads.id, c.escaped.id]));
    expect(await ids({ text: 'ремонт -подъезд' })).toEqual([c.roads.id]);
  });

  it('ranks the summary above the card body and the files text', async () => {
    const summaryHit = card(ORG, { summary: 'Паспорт уличного фонтана', regDate: '2020-01-01' });
    const fileHit = card(ORG, { summary: 'Акт', extractedText: 'Паспорт уличного фонтана приложен', regDate: '2026-06-01' });
    await search.index([summaryHit, fileHit]);
    expect(await ids({ text: 'фонтан' })).toEqual([summaryHit.id, fileHit.id]);
    await search.remove(ORG, [summaryHit.id, fileHit.id]);
  });
});

describe('numbers', () => {
  it('puts the exact registration number first, whatever its spelling', async () => {
    for (const text of ['Вх-101/2026', 'вх - 101/2026', '№ ВХ-101/2026']) {
      const result = await search.query(q({ text }));
      expect(result.hits[0]?.id, text).toBe(c.letter.id);
      expect(result.hits[0]?.exactNumber).toBe(true);
      expect(result.hits.map((h) => h.id)).not.toContain(c.other.id);
    }
    const result = await search.query(q({ text: 'Вх-101/2026' }));
    expect(result.hits.map((h) => h.id)).toContain(c.numberInText.id);
    expect(result.hits.find((h) => h.id === c.numberInText.id)?.exactNumber).toBe(false);
  });

  it('finds outgoing numbers and INN exactly, ahead of the same digits in text', async () => {
    expect((await search.query(q({ text: '17/2-ис' }))).hits[0]?.id).toBe(c.inn.id);
    const byInn = await search.query(q({ text: '7701234567' }));
    expect(byInn.hits.map((h) => h.id)).toEqual([c.inn.id, c.innInText.id]);
    expect(byInn.hits[0]?.exactNumber).toBe(true);
    expect(byInn.hits[1]?.highlights.extractedText).toContain('<mark>7701234567</mark>');
  });

  it('sorts by registration date when asked, exact hits included', async () => {
    const desc = await ids({ text: '7701234567', sort: 'regDate:desc' });
    expect(desc).toEqual([c.innInText.id, c.inn.id]);
    expect(await ids({ text: '7701234567', sort: 'regDate:asc' })).toEqual([c.inn.id, c.innInText.id]);
  });
});

describe('typos', () => {
  it('falls back to similar correspondent names when nothing matches', async () => {
    const result = await search.query(q({ text: 'Иваноф' }));
    expect(result.mode).toBe('fuzzy');
    expect(result.hits.map((h) => h.id)).toEqual([c.citizen.id]);
    expect(result.total).toEqual({ value: 1, capped: false });
    expect(await ids({ text: 'Прокуротура Заречново' })).toEqual([c.prosecutor.id]);
    // 0.58 and 0.54 by word similarity: below pg_trgm's default threshold of 0.6, above the lexicon's 0.45.
    expect(await ids({ text: 'Водокнал' })).toEqual([c.water.id]);
    expect(await ids({ text: 'водоконал' })).toEqual([c.water.id]);
    // Every word must be close to some name word: nothing is better than the nearest unrelated name.
    expect(await ids({ text: 'Иваноф Щщщзъ' })).toEqual([]);
  });

  it('orders similar names by whole words: the misspelt surname before a patronymic that contains it', async () => {
    const patronymic = card(ORG, { correspondentName: 'Киселёв Иван Петрович', regDate: '2026-06-02' });
    const surname = card(ORG, { correspondentName: 'Петров Иван Сергеевич', regDate: '2020-06-02' });
    await search.index([patronymic, surname]);
    const found = await ids({ text: 'Петроф Иван' });
    expect(found[0]).toBe(surname.id);
    expect(found).toContain(patronymic.id);
    await search.remove(ORG, [patronymic.id, surname.id]);
  });

  it('uses full text first when it finds something', async () => {
    expect((await search.query(q({ text: 'Иванов' }))).mode).toBe('fulltext');
  });

  it('never fails on tsquery or trigram syntax in user text', async () => {
    for (const text of ['!!!', "'\\:* & | ( ) <-> \"", 'ремонт & | !', '"', '-', '***', 'a'.repeat(5000), 'вх-\\101']) {
      for (const typing of [true, false]) {
        const result = await search.query(q({ text, typing }));
        expect(result.total.value, text).toBeGreaterThanOrEqual(0);
      }
    }
    // Operator characters are ignored, the words still count.
    expect(await ids({ text: 'ремонт & | !' })).toContain(c.roads.id);
    await search.index([]);
    await search.remove(ORG, []);
    await expect(search.query(q({ page: { limit: 101 } }))).rejects.toMatchObject({ code: 'SEARCH_QUERY_INVALID' });
  });

  it('finds nothing for nonsense', async () => {
    const result = await search.query(q({ text: 'щщщъъъ' }));
    expect(result.hits).toEqual([]);
    expect(result.total).toEqual({ value: 0, capped: false });
  });
});

describe('filters', () => {
  const today = '2026-05-10';
  const cases: [string, Partial<SearchQuery>, string[]][] = [
    ['kind', { filters: { kind: ['outgoing'] } }, [c.water.id]],
    ['status', { filters: { status: ['in_work', 'executed'] } }, [c.roads.id, c.water.id]],
    ['regDate', { filters: { regDate: { from: '2026-04-01', to: '2026-04-30' } } }, [c.roads.id]],
    ['journal', { filters: { journalId: JOURNAL_OUT } }, [c.water.id]],
    ['department', { filters: { departmentId: DEPT_ROADS } }, [c.roads.id]],
    ['executor', { filters: { executorId: EXECUTOR } }, [c.roads.id]],
    ['correspondent', { filters: { correspondentId: CORRESPONDENT } }, [c.inn.id]],
    ['onControl', { filters: { onControl: true } }, [c.roads.id]],
    ['overdue', { filters: { overdue: true }, today }, [c.roads.id]],
    ['accessMark', { filters: { accessMark: 'ДСП' }, viewer: { userId: READER, seesRestricted: false } }, [c.restricted.id]],
  ];
  it.each(cases)('%s', async (_name, query, expected) => {
    expect((await ids({ ...query, page: { limit: 100 } })).sort()).toEqual([...expected].sort());
  });

  it('overdue=false and accessMark=null are the complements', async () => {
    const all = await search.query(q({ viewer: { userId: READER, seesRestricted: false }, page: { limit: 100 } }));
    const notOverdue = await ids({ viewer: { userId: READER, seesRestricted: false }, filters: { overdue: false }, today: '2026-05-10', page: { limit: 100 } });
    expect(notOverdue).not.toContain(c.roads.id);
    expect(notOverdue).toHaveLength(all.total.value - 1);
    const unmarked = await ids({ viewer: { userId: READER, seesRestricted: false }, filters: { accessMark: null }, page: { limit: 100 } });
    expect(unmarked).not.toContain(c.restricted.id);
    expect(unmarked).toHaveLength(all.total.value - 1);
  });

  it('combines filters with text', async () => {
    expect(await ids({ text: 'ремонт', filters: { onControl: true } })).toEqual([c.roads.id]);
    expect(await ids({ text: 'ремонт', filters: { kind: ['appeal'] } })).toEqual([]);
  });

  it('refuses overdue without today, malformed ids and dates', async () => {
    await expect(search.query(q({ filters: { overdue: true } }))).rejects.toMatchObject({ code: 'SEARCH_TODAY_REQUIRED' });
    await expect(search.query(q({ filters: { journalId: 'x' } }))).rejects.toMatchObject({ code: 'SEARCH_QUERY_INVALID' });
    await expect(search.query(q({ filters: { regDate: { from: '2026-02-30' } } }))).rejects.toBeInstanceOf(SearchError);
  });
});

describe('facets', () => {
  it('counts the filtered set', async () => {
    const result = await search.query(q({ text: 'ремонт', facets: ['kind', 'status', 'journal', 'department', 'year'] }));
    expect(result.total).toEqual({ value: 2, capped: false });
    expect(result.facets.kind).toEqual([{ value: 'incoming', count: 2 }]);
    expect(result.facets.status).toEqual([
      { value: 'in_work', count: 1 },
      { value: 'registered', count: 1 },
    ]);
    expect(result.facets.journal).toEqual([{ value: JOURNAL_IN, count: 1 }]);
    expect(result.facets.department).toEqual([{ value: DEPT_ROADS, count: 1 }]);
    expect(result.facets.year).toEqual([{ value: '2026', count: 2 }]);
  });

  it('returns only the facets asked for', async () => {
    const result = await search.query(q({ facets: ['year'] }));
    expect(Object.keys(result.facets)).toEqual(['year']);
    const years = Object.fromEntries((result.facets.year ?? []).map((b) => [b.value, b.count]));
    expect(years['2025']).toBe(2);
  });
});

describe('highlights', () => {
  it('marks matched words and escapes everything else', async () => {
    const hit = (await search.query(q({ text: 'ремонт подъезда' }))).hits[0];
    expect(hit?.id).toBe(c.escaped.id);
    const html = hit?.highlights.summary ?? '';
    expect(html).toContain('<mark>ремонт</mark>');
    expect(html).toContain('<mark>подъезда</mark>');
    expect(html).toContain('5 &lt; 7 &amp; «кавычки» &quot;двойные&quot;');
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  });

  it('highlights the correspondent and leaves unmatched fields out', async () => {
    const hit = (await search.query(q({ text: 'ромашка' }))).hits[0];
    expect(hit?.highlights.correspondentName).toBe('ООО «<mark>Ромашка</mark>»');
    expect(hit?.highlights.body).toBeUndefined();
  });

  it('cannot be forged by a document containing the mark delimiters', async () => {
    const forged = card(ORG, { summary: 'Фальшивая \uE000разметка\uE001 в тексте' });
    await search.index([forged]);
    const hit = (await search.query(q({ text: 'фальшивая' }))).hits[0];
    expect(hit?.highlights.summary).toBe('<mark>Фальшивая</mark>  разметка  в тексте');
    await search.remove(ORG, [forged.id]);
  });
});

describe('tenancy and access marks', () => {
  it('never shows another organisation’s cards', async () => {
    const mine = await ids({ text: 'благоустройство', page: { limit: 100 } });
    expect(mine).toEqual([c.letter.id]);
    const theirs = await search.query({ orgId: OTHER_ORG, viewer: { userId: CLERK, seesRestricted: true }, text: 'благоустройство' });
    expect(theirs.hits.map((h) => h.id)).toEqual([c.other.id]);
    expect(theirs.total.value).toBe(1);
  });

  it('shows a ДСП card only to its readers and to viewers who see restricted cards', async () => {
    const text = 'мобилизационный резерв';
    expect(await ids({ text })).toEqual([]);
    expect(await ids({ text, viewer: { userId: READER, seesRestricted: false } })).toEqual([c.restricted.id]);
    expect(await ids({ text, viewer: { userId: CLERK, seesRestricted: true } })).toEqual([c.restricted.id]);
    const facets = await search.query(q({ facets: ['kind'] }));
    const withRestricted = await search.query(q({ facets: ['kind'], viewer: { userId: CLERK, seesRestricted: true } }));
    expect(withRestricted.total.value).toBe(facets.total.value + 1);
  });

  it('removes only the given organisation’s cards', async () => {
    await search.remove(OTHER_ORG, [c.letter.id]);
    expect(await ids({ text: 'благоустройство' })).toEqual([c.letter.id]);
  });
});

describe('indexing', () => {
  it('re-indexing replaces the document (upsert)', async () => {
    const doc = card(ORG, { summary: 'Заявка на вывоз снега' });
    await search.index([doc]);
    expect(await ids({ text: 'снег' })).toEqual([doc.id]);
    await search.index([{ ...doc, summary: 'Заявка на покос травы' }]);
    expect(await ids({ text: 'снег' })).toEqual([]);
    expect(await ids({ text: 'трава' })).toEqual([doc.id]);
    await search.remove(ORG, [doc.id]);
    expect(await ids({ text: 'трава' })).toEqual([]);
  });

  it('indexes in batches and refuses malformed documents', async () => {
    const small = createPostgresSearch(db.knex, { batchSize: 2 });
    const docs = Array.from({ length: 5 }, (_, i) => card(ORG, { summary: `Протокол заседания комиссии номер ${i}` }));
    await small.index(docs);
    expect((await search.query(q({ text: 'протокол' }))).total.value).toBe(5);
    await small.remove(ORG, docs.map((d) => d.id));
    await expect(search.index([card(ORG, { regDate: '26.03.2026' })])).rejects.toMatchObject({ code: 'SEARCH_DOCUMENT_INVALID' });
    await expect(search.index([card('org', {})])).rejects.toMatchObject({ code: 'SEARCH_DOCUMENT_INVALID' });
  });
});

describe('totals and paging', () => {
  const CAP_ORG = randomUUID();
  let capped: SearchEngine;
  const docs = Array.from({ length: 12 }, (_, i) =>
    card(CAP_ORG, { summary: `Обращение гражданина номер ${i}`, regDate: `2026-01-${String(i + 1).padStart(2, '0')}`, kind: i % 3 === 0 ? 'appeal' : 'incoming' }),
  );
  const cq = (fields: Partial<SearchQuery>): SearchQuery => ({ orgId: CAP_ORG, viewer: { userId: CLERK, seesRestricted: false }, typing: false, ...fields });

  beforeAll(async () => {
    capped = createPostgresSearch(db.knex, { totalCap: 5, rankWindow: 5 });
    await capped.index(docs);
  });

  it('stops counting at the cap and says so', async () => {
    const result = await capped.query(cq({ text: 'обращение', facets: ['kind'] }));
    expect(result.total).toEqual({ value: 5, capped: true });
    const facetSum = (result.facets.kind ?? []).reduce((s, b) => s + b.count, 0);
    expect(facetSum).toBe(6);
    const exact = await search.query(cq({ text: 'обращение', facets: ['kind'] }));
    expect(exact.total).toEqual({ value: 12, capped: false });
    expect(exact.facets.kind).toEqual([
      { value: 'incoming', count: 8 },
      { value: 'appeal', count: 4 },
    ]);
  });

  it('ranks a broad query within the newest matches of the window', async () => {
    const result = await capped.query(cq({ text: 'обращение', page: { limit: 5 } }));
    expect(result.hits.map((h) => h.regDate).sort()).toEqual(['2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12']);
  });

  it('counts fuzzy matches up to their own, smaller cap', async () => {
    const namesakes = Array.from({ length: 4 }, () => card(CAP_ORG, { correspondentName: 'Кузнецов Иван Петрович', regDate: '2025-06-01' }));
    await search.index(namesakes);
    const fuzzy = createPostgresSearch(db.knex, { fuzzyCap: 2 });
    const result = await fuzzy.query(cq({ text: 'Кузнецоф' }));
    expect(result.mode).toBe('fuzzy');
    expect(result.total).toEqual({ value: 2, capped: true });
    expect(result.hits).toHaveLength(2);
    expect(result.nextCursor).toBeNull();
    await search.remove(CAP_ORG, namesakes.map((d) => d.id));
  });

  it('pages with cursors and refuses to page beyond the window', async () => {
    const seen: string[] = [];
    let result: SearchResult = await search.query(cq({ sort: 'regDate:desc', page: { limit: 5 } }));
    seen.push(...result.hits.map((h) => h.id));
    while (result.nextCursor) {
      result = await search.query(cq({ sort: 'regDate:desc', page: { limit: 5, cursor: result.nextCursor } }));
      seen.push(...result.hits.map((h) => h.id));
    }
    expect(seen).toEqual([...docs].reverse().map((d) => d.id));
    const first = await capped.query(cq({ page: { limit: 3 } }));
    const last = await capped.query(cq({ page: { limit: 3, cursor: first.nextCursor ?? '' } }));
    expect(last.hits).toHaveLength(2);
    expect(last.nextCursor).toBeNull();
    await expect(capped.query(cq({ page: { limit: 3, offset: 5 } }))).rejects.toMatchObject({ code: 'SEARCH_PAGE_TOO_DEEP' });
    await expect(search.query(cq({ page: { cursor: 'garbage' } }))).rejects.toMatchObject({ code: 'SEARCH_CURSOR_INVALID' });
  });

  it('browses newest first without text, oldest first on request', async () => {
    expect((await search.query(cq({ page: { limit: 1 } }))).hits[0]?.id).toBe(docs[11]?.id);
    const oldest = await search.query(cq({ sort: 'regDate:asc', page: { limit: 1 } }));
    expect(oldest.hits[0]?.id).toBe(docs[0]?.id);
    expect(oldest.mode).toBe('browse');
  });
});
