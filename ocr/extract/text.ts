// Text normalisation for OCR output: look-alike characters, dates, numbers.

const LATIN_TO_CYRILLIC: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', u: 'и', n: 'п', r: 'г',
};

/** Replaces Latin look-alikes inside words that are mostly Cyrillic (OCR mixes scripts within a word). */
export function fixMixedScript(s: string): string {
  return s.replace(/[A-Za-zА-Яа-яЁё]+/g, (w) => {
    const cyr = (w.match(/[А-Яа-яЁё]/g) ?? []).length;
    const lat = w.length - cyr;
    if (cyr === 0 || lat === 0 || cyr < lat) return w;
    return [...w].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  });
}

/** Short all-Latin tokens inside a Cyrillic line are misread Cyrillic (`JI.` for `л.`, `B` for `в`, `OOO`). */
function fixLatinTokens(s: string): string {
  const cyr = (s.match(/[А-Яа-яЁё]/g) ?? []).length;
  const lat = (s.match(/[A-Za-z]/g) ?? []).length;
  if (cyr < lat * 2) return s;
  return s
    .split(' ')
    .map((chunk) =>
      /@|www|:\/\/|\.(?:ru|com|org|net|рф)\b/i.test(chunk)
        ? chunk
        : chunk.replace(/(?<![A-Za-z/-])(?:JI|[ABCEHKMOPTXaceopxy]{1,3})(?![A-Za-z/-])/g, (w) =>
            w === 'JI' ? 'Л' : [...w].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join(''),
          ),
    )
    .join(' ');
}

/** Unicode cleanup shared by every field: dashes, quotes, the number sign and its OCR misreadings. */
export function cleanLine(s: string): string {
  return fixLatinTokens(fixMixedScript(
    s
      .normalize('NFC')
      .replace(/[‐‑‒–—―−]/g, '-')
      .replace(/[“”„‟]/g, '"')
      .replace(/[‘’‚‛`´]/g, "'")
      // the outgoing label «исх.» read in Latin look-alikes («ucx.№02-30/200», «Ne ucx. 02-28/448»)
      .replace(/(^|[\s(])([uUиИ])[cс][xх](?=\.|\s?№)/g, (_m: string, pre: string, u: string) => `${pre}${u === 'u' || u === 'и' ? 'исх' : 'Исх'}`)
      .replace(/(^|[\s.(])(?:Ne|Nе|Nv|Nº|N°|No|Nо|N2|Мо|Ме|М°|№°)(?=\s?(?:[\dA-ZА-Я]|исх))/g, '$1№')
      .replace(/\s+/g, ' ')
      .trim()
      // stray marks of rules, stamps and scribbles at the ends of a line
      .replace(/^(?:[|¦'‘’"“”`*_=~\\/.,:;[\]{}-]+\s*)+(?=[А-ЯЁA-Z0-9«(+]|[a-zа-яё]{2,3}\.\s)/, '')
      .replace(/\s+[|¦'‘’`*_=~\\/]+$/, '')
      .trim()
      // the subject's "Об" / "О" read as Latin or digits
      .replace(/^[OО0]([GfбБ6$])?(?=\s+[а-яё])/, (_m: string, b?: string) => (b ? 'Об' : 'О'))
      // ... or as "С": a line cannot open with "с" before a noun in the prepositional case ("С ремонте")
      .replace(/^[СC](?=\s+[а-яё]{2,}[еи](?<!ми)(?:\s|$))/, 'О')
      // the heading «По вопросу …» / «По поводу …» with its «По» read as Latin («No вопросу», «Mo поводу»)
      .replace(/^(?:No|Nо|Mo|Мo|Пo|Ho|Нo)(?=\s+(?:вопросу|поводу)(?![а-яё]))/, 'По')
      // an e-mail's «Тема:» label in Latin look-alikes
      .replace(/^(?:T|Т)(?:e|е)(?:m|м)(?:a|а)(?=\s?:)/, 'Тема'),
  ))
    // Short words read as Latin or digits between Cyrillic words: "разъяснений no извещению", "представления 06
    // устранении", "д. Березники, yn. Речная"; a stray quote before a word ("администрации 'города").
    .replace(/(?<=[а-яё]\s)(?:no|п[сб])(?=\s[а-яё]|$)/g, 'по')
    // a speck read as a dot after a preposition inside a phrase ("задолженности по. муниципальному")
    .replace(/(?<=[а-яё]\s(?:по|на))\.(?=\s[а-яё])/g, '')
    .replace(/(?<=[а-яё]{3}\s)06(?=\s[а-яё]{3})/g, 'об')
    .replace(/(?<=^|[\s,])yn\.(?=\s?[А-ЯЁ])/g, 'ул.')
    // the phone label «тел» read in Latin look-alikes or with «п» for «л» before a number («ten 8-816…», «теп +7»)
    .replace(/(?<=^|[\s,])(?:ten|ren|теп|тen|tел|tеп)(?=[.:]?\s?[+(\d])/g, 'тел')
    .replace(/(?<=^|[а-яё]\s)['‘’`|¦](?=[а-яё])/g, '');
}

/**
 * A person's initials with a dot lost or read as a comma, before a surname: `МН. Киселёву`, `М.Н, Киселёву` →
 * `М.Н. Киселёву`. Only for text known to hold a name (an addressee, a signature): elsewhere two capitals and a dot
 * end a sentence (`… РФ. Прошу`).
 */
export function repairInitials(s: string): string {
  return s
    .replace(/(?<![А-ЯЁа-яё.])([А-ЯЁ])[.,]?([А-ЯЁ])[.,]\s?(?=[А-ЯЁ][а-яё]{2,})/g, '$1.$2. ')
    .replace(/(?<=[А-ЯЁ][а-яё]{2,}\s)([А-ЯЁ])\.?([А-ЯЁ])[.,]?$/, '$1.$2.');
}

/**
 * Postal-address abbreviations as a scan damages them: `KB. 55` (Latin) for `кв. 55`, `д, 53` for `д. 53`,
 * `кв..9` for `кв. 9`.
 */
export function repairAddressText(s: string): string {
  return s
    .replace(/(?<![A-Za-zА-Яа-яЁё])(?:KB|kB|Kв|кB)\.?\s?(?=\d)/g, 'кв. ')
    .replace(/(?<![А-Яа-яЁё])([дД]|кв|стр|корп),\s?(?=\d)/g, '$1. ')
    // «г, Северореченск»: the full stop of a place abbreviation read as a comma before the name
    .replace(/(?<![А-Яа-яЁё])(г|ул|пер|пос|обл|мкр|просп),\s?(?=[А-ЯЁ])/g, '$1. ')
    .replace(/(?<=(?:^|\s)(?:д|кв|ул|стр|корп))\.\.\s?/g, '. ');
}

/** Digits as printed, with common OCR confusions inside a digit run fixed. */
export function digitsOf(s: string): string {
  return s
    .replace(/[OoОо]/g, '0')
    .replace(/[Il|!іІ]/g, '1')
    .replace(/[Зз]/g, '3')
    .replace(/[б]/g, '6')
    .replace(/[Ss]/g, '5')
    .replace(/\D/g, '');
}

export const MONTHS: Array<[RegExp, number]> = [
  [/^янв/, 1], [/^фев/, 2], [/^мар/, 3], [/^апр/, 4], [/^ма[яй]/, 5], [/^июн/, 6],
  [/^июл/, 7], [/^авг/, 8], [/^сен/, 9], [/^окт/, 10], [/^ноя/, 11], [/^дек/, 12],
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  for (const [re, m] of MONTHS) if (re.test(w)) return m;
  return null;
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface DateMatch {
  iso: string;
  index: number;
  length: number;
}

const NUMERIC_DATE = /(?<![\d/-])([0-3]?\d)\s?[.,/]\s?([01]?\d)\s?[.,/]\s?((?:19|20)?\d\d)(?![\d/])(?:\s?г(?:ода|\.)?)?/g;
/**
 * `01.42.2025`: a month's tens digit is 0 or 1, and a worn «1» is read as «4» or «7» (never a «0»), so 4x and 7x
 * with x ≤ 2 are months 10–12. Only with a four-digit year, where nothing else can be meant.
 */
const MISREAD_MONTH_DATE = /(?<![\d/-])([0-3]?\d)\s?[.,]\s?([47])([0-2])\s?[.,]\s?((?:19|20)\d\d)(?![\d/])(?:\s?г(?:ода|\.)?)?/g;
/** `17 11.2025`: a scan lost the first point of a date with a four-digit year. */
const SPACED_DATE = /(?<![\d/.,-])([0-3]?\d)\s([01]\d)\.((?:19|20)\d\d)(?![\d/])/g;
/** `2026-11-25`: the ISO form some registries and e-mail printouts use. */
const ISO_DATE = /(?<![\d/.-])((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?![\d/-])(?:\s?г\.)?/g;
const WORD_DATE = /(?<!\d)[«"']?\s?([0-3]?\d)\s?[»"']?\s+([А-Яа-яЁё]{3,9})\s+((?:19|20)\d\d)(?:\s?г(?:ода|\.)?)?/g;

/** Every date in the text: `05.03.2026`, `5.3.26`, `5 марта 2026 г.`, `«05» марта 2026 г.` */
/** OCR look-alikes of digits, one character for one, so that indices into the text stay valid. */
const DIGIT_LOOKALIKE: Record<string, string> = { O: '0', o: '0', О: '0', о: '0', l: '1', I: '1', і: '1', '|': '1', З: '3', б: '6', S: '5', B: '8' };

/** «Ol» марта 2026 г. → «01» марта 2026 г.: in the quoted day before a month name only letters that look like digits are. */
function repairQuotedDay(text: string): string {
  return text.replace(/«([^»\s]{1,2})»(?=\s+[А-Яа-яЁё]{3,9}\s+(?:19|20)\d\d)/g, (m, day: string) =>
    [...day].every((c) => /\d/.test(c) || DIGIT_LOOKALIKE[c]) ? `«${[...day].map((c) => DIGIT_LOOKALIKE[c] ?? c).join('')}»` : m,
  );
}

export function findDates(raw: string): DateMatch[] {
  const text = repairQuotedDay(raw);
  const out: DateMatch[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) out.push({ iso, index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(MISREAD_MONTH_DATE)) {
    const iso = isoDate(Number(m[4]), 10 + Number(m[3]), Number(m[1]));
    if (iso) out.push({ iso, index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(SPACED_DATE)) {
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso && !out.some((d) => d.index <= m.index && m.index < d.index + d.length)) out.push({ iso, index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(ISO_DATE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) out.push({ iso, index: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(WORD_DATE)) {
    const mo = monthOf(m[2]!);
    const iso = mo ? isoDate(Number(m[3]), mo, Number(m[1])) : null;
    if (iso) out.push({ iso, index: m.index, length: m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Registration number token: digits, letters and the separators `- / .` used by Russian registries. */
export const REG_NUMBER = /[A-Za-zА-Яа-яЁё]{0,4}-?\d[\dA-Za-zА-Яа-яЁё]*(?:\s?[-/.]\s?[\dA-Za-zА-Яа-яЁё]+)*/;

export function cleanNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/[.,;:]+$/, '');
}

export function normKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'„“”]/g, '')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();
}

/** Levenshtein distance: substitutions, insertions and deletions, one each. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** Removes a trailing period/comma and collapses spaces. */
export function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\s+([,.;:])/g, '$1').replace(/[\s,;:]+$/, '').replace(/\.$/, '').trim();
}
