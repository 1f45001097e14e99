// Picker search over the correspondent registry, on the server (10^6 rows): INN/OGRN exact, then name
// fragments nearest first from the trigram GiST index, then a typo-tolerant fallback on whole words.
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
  // Misspelt: word similarity (`<%`) finds «водоконал» in «МУП «Горводоканал»», which whole-string similarity misses.
  return (await base()
    .whereRaw(`? <% ${NAME}`, [text])
    .orderByRaw(`? <<-> ${NAME}`, [text])
    .limit(limit)) as CorrespondentRow[];
}
