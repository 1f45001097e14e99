// Picker search over the correspondent registry, on the server (10^6 rows): INN/OGRN exact, then name
// fragments nearest first from the trigram GiST index, then misspelt words corrected against the lexicon of name words.
import type { Knex } from 'knex';

export interface CorrespondentRow {
  id: string;
  type: string;
  name: string;
  full_name: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  version: number;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

// The indexed expression (migration 20261124002100): lower case, ё folded to е.
const NAME = "translate(lower(name), 'ё', 'е')";

export async function searchCorrespondents(db: Knex, orgId: string, q: string | undefined, type: string | undefined, limit: number): Promise<CorrespondentRow[]> {
  const text = (q ?? '').trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  const base = () =>
    db('correspondents')
      .where('org_id', orgId)
      .modify((b) => {
        if (type) b.where('type', type);
      });
  if (text === '') return (await base().orderBy('name').limit(limit)) as CorrespondentRow[];
  if (/^\d{10,15}$/.test(text)) {
    const exact = (await base().where((w) => w.where('inn', text).orWhere('ogrn', text)).limit(limit)) as CorrespondentRow[];
    if (exact.length > 0) return exact;
  }
  // `<->` ordering is answered by the GiST trigram index, so only the nearest `limit` rows are read.
  const byFragment = (await base()
    .whereRaw(`${NAME} LIKE ?`, [`%${escapeLike(text)}%`])
    .orderByRaw(`${NAME} <-> ?`, [text])
    .limit(limit)) as CorrespondentRow[];
  if (byFragment.length > 0 || text.length < 3) return byFragment;
  return searchMisspelt(db, base, text, limit);
}

/** How many lexicon words stand in for one misspelt word, and how close they must be (pg_trgm word similarity). */
const CANDIDATES_PER_WORD = 3;
const MIN_WORD_SIMILARITY = 0.45;

/**
 * Misspelt words are first corrected against the lexicon of name words (migration 20261124002200: small, so the
 * nearest words come straight from its GiST index), then the registry is searched for names containing a
 * correction of every word. Words shorter than three letters are kept as typed fragments.
 */
async function searchMisspelt(db: Knex, base: () => Knex.QueryBuilder, text: string, limit: number): Promise<CorrespondentRow[]> {
  const words = text.split(' ');
  const alternatives: string[][] = [];
  for (const word of words) {
    if (word.length < 3 || /^\d+$/.test(word)) {
      alternatives.push([word]);
      continue;
    }
    const near = (await db('correspondent_words')
      .select('word')
      .whereRaw('word_similarity(?, word) >= ?', [word, MIN_WORD_SIMILARITY])
      .orderByRaw('? <<-> word', [word])
      .limit(CANDIDATES_PER_WORD)) as { word: string }[];
    if (near.length === 0) return [];
    alternatives.push(near.map((n) => n.word));
  }
  const corrected = alternatives.map((a) => a[0]).join(' ');
  return (await base()
    .where((all) => {
      for (const options of alternatives) {
        all.where((any) => {
          for (const option of options) any.orWhereRaw(`${NAME} LIKE ?`, [`%${escapeLike(option)}%`]);
        });
      }
    })
    .orderByRaw(`${NAME} <-> ?`, [corrected])
    .limit(limit)) as CorrespondentRow[];
}
