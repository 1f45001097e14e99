// Text features shared by the learned models: Russian stems (Snowball), stable across inflection and OCR case noise.
import { stemRu } from './stemRu.ts';

const STOP = new Set(
  'и в во не на с со по о об от до из за для при без под над к ко у же ли бы что как так это этот эта эти его ее их мы вы они она он вас нас вам нам прошу просим просят просит также а но или то ни да уже ещё еще все всех был была были быть есть'.split(' '),
);

/** Stems of words seen before: an organisation's vocabulary is small, its cards are many. */
const memo = new Map<string, string>();

function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    if (memo.size > 200_000) memo.clear();
    s = /[а-я]/.test(word) ? stemRu(word) : word;
    memo.set(word, s);
  }
  return s;
}

export function stemsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().replace(/ё/g, 'е').split(/[^a-zа-я0-9]+/)) {
    if (raw.length < 3 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** Stems plus adjacent-stem pairs: "земельн участк" says more than either word. */
export function featuresOf(text: string): string[] {
  const s = stemsOf(text);
  const out = [...s];
  for (let i = 0; i + 1 < s.length; i++) out.push(`${s[i]}_${s[i + 1]}`);
  return out;
}

export function normName(s: string | null | undefined): string {
  return (s ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'„“”]/g, '')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();
}
