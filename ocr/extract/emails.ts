// E-mail addresses read from poor scans: the Russian-first OCR misreads small Latin print (`mal@`, `nfo@`,
// `media-ptyus`, `prireche.gov ги`). An address is repaired only towards what the same letter says elsewhere: the
// same domain printed in a website or another address, a word of the letter in Latin transliteration (domains of
// Russian organisations are mostly their names transliterated: «Дорстрой» → dorstroy), or a mailbox name every
// organisation uses (info, mail, office…). A label is changed only when exactly one such reading is one edit away.
import { editDistance } from './text.ts';

/** Generic mailbox names of organisations; a local part one edit away from exactly one of them is that name. */
export const MAILBOXES = [
  'info', 'mail', 'office', 'post', 'priem', 'kanc', 'kancelyariya', 'secretary', 'sekretar', 'admin', 'reception',
  'contact', 'contacts', 'pochta', 'support', 'sales', 'press', 'zakaz', 'obrashcheniya', 'general', 'uprav', 'adm',
];

/** Public mail services and the zones they run under, the usual first. */
const MAIL_SERVICE_ZONES: Readonly<Record<string, readonly string[]>> = {
  mail: ['ru', 'com'], bk: ['ru'], inbox: ['ru'], list: ['ru'], rambler: ['ru'], yandex: ['ru', 'com', 'by', 'kz', 'ua'], ya: ['ru'], gmail: ['com'],
};

/** Domain labels of public mail services and registries that need no other evidence. */
const COMMON_LABELS = ['gov', 'mail', 'yandex', 'gmail', 'rambler', 'inbox', 'list', 'outlook', 'hotmail', 'icloud', 'edu', 'org', 'com', 'net'];

/** Transliteration schemes in use for Russian domain names (ГОСТ 7.79-B-like, passport-like, web-informal). */
const SCHEMES: Array<Record<string, string>> = [
  { ж: 'zh', й: 'y', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', ю: 'yu', я: 'ya' },
  { ж: 'zh', й: 'i', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', ю: 'iu', я: 'ia' },
  { ж: 'j', й: 'j', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sch', ы: 'y', ю: 'ju', я: 'ja' },
];
const BASE: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', ъ: '', ь: '', э: 'e',
};

export function transliterations(word: string): string[] {
  const w = word.toLowerCase();
  return [...new Set(SCHEMES.map((sc) => [...w].map((c) => sc[c] ?? BASE[c] ?? c).join('')))];
}

/** What a letter says about the Latin names in its addresses. */
export interface AddressEvidence {
  /** domain labels with how many times the letter printed them (websites and addresses) */
  labels: Map<string, number>;
  /** Latin transliterations of the letter's Cyrillic words (4 letters or more) */
  words: string[];
}

const WEB_NAME = /(?<![A-Za-z0-9@.-])(?:www\.\s?)?([a-z0-9-]{2,}(?:\.[a-z0-9-]{2,})*)\.(?:ru|su|com|org|net|рф)(?![A-Za-z0-9])/gi;

export function addressEvidence(lines: string[], addresses: string[]): AddressEvidence {
  const labels = new Map<string, number>();
  const add = (domain: string): void => {
    for (const l of domain.toLowerCase().split(/[.-]/)) if (l.length >= 2) labels.set(l, (labels.get(l) ?? 0) + 1);
  };
  for (const a of addresses) add(a.split('@')[1] ?? '');
  for (const line of lines) for (const m of line.matchAll(WEB_NAME)) if (!line.slice(Math.max(0, m.index - 1), m.index + 1).includes('@')) add(m[1]!);
  const words = new Set<string>();
  for (const line of lines) for (const w of line.match(/[А-Яа-яЁё]{4,}/g) ?? []) for (const t of transliterations(w)) words.add(t);
  return { labels, words: [...words] };
}

/** Latin letters that small, blurred print turns into each other. */
const LATIN_CONFUSIONS = ['ilt', 'ij', 'tf', 'rvs', 'rn', 'nmhu', 'ouaec', 'bhdo', 'hk', 'gq', 'yv', 'vw'];
const confusable = (a: string, b: string): boolean => LATIN_CONFUSIONS.some((g) => g.includes(a) && g.includes(b));
/** Letters thin enough to vanish or appear: `prreche` for prireche, `nfo` for info. */
const THIN = 'iltfrj';

/** Letter pairs small print merges into one letter, and back (`pnreche` for prireche, `rn` for m). */
const MERGES: Array<[string, string]> = [['ri', 'n'], ['rn', 'm'], ['cl', 'd'], ['vv', 'w']];

/**
 * Every reading one OCR-plausible edit away: a confusable substitution, a thin letter lost or added, a doubled letter
 * merged, two letters merged into one or one split in two.
 */
function ocrVariants(read: string): Set<string> {
  const out = new Set<string>();
  for (const [two, one] of MERGES) {
    for (let i = read.indexOf(two); i >= 0; i = read.indexOf(two, i + 1)) out.add(read.slice(0, i) + one + read.slice(i + 2));
    for (let i = read.indexOf(one); i >= 0; i = read.indexOf(one, i + 1)) out.add(read.slice(0, i) + two + read.slice(i + 1));
  }
  for (let i = 0; i <= read.length; i++) {
    const c = read[i];
    if (c !== undefined) {
      for (const g of LATIN_CONFUSIONS) if (g.includes(c)) for (const d of g) if (d !== c) out.add(read.slice(0, i) + d + read.slice(i + 1));
      if (THIN.includes(c)) out.add(read.slice(0, i) + read.slice(i + 1));
    }
    for (const d of THIN) out.add(read.slice(0, i) + d + read.slice(i));
    if (c !== undefined) out.add(read.slice(0, i) + c + read.slice(i));
  }
  out.delete(read);
  return out;
}

/** Exactly one of `cands` is one edit (`near`) away; null when none or several are. */
function uniqueNear(p: string, cands: Iterable<string>, near: (read: string, printed: string) => boolean): string | null {
  let best: string | null = null;
  for (const c of cands) {
    if (c === p || !near(p, c)) continue;
    if (best !== null && best !== c) return null;
    best = c;
  }
  return best;
}

/**
 * A domain label (or a hyphen-separated part of one) checked against the letter's evidence: kept when something
 * supports it, else replaced by the only supported reading one OCR edit away. A word supports a label that begins
 * like it up to the label's last letter (`prireche` from «Приречной»: the domain keeps the stem, not the ending).
 */
function repairLabel(p: string, ev: AddressEvidence, substitutionsOnly = false): string {
  if (p.length < 3 || /\d/.test(p)) return p;
  const count = (x: string): number => ev.labels.get(x) ?? 0;
  const byWord = (x: string): boolean => x.length >= 4 && ev.words.some((w) => w.startsWith(x.slice(0, Math.max(4, x.length - 1))));
  if (COMMON_LABELS.includes(p)) return p;
  if (byWord(p)) {
    if (p.length < 5 || count(p) > 1 || ev.words.includes(p)) return p;
    // Only a word's stem supports it: one confusable letter that spells a whole word of the letter is what was
    // printed (`naruzhnaye` beside «Наружная»); the stem rule would keep the misreading. Only a substitution: a
    // letter more at the end is the whole word where the stem was meant (`uyutny` beside «Уютный» is not `uyutnyy`).
    const whole = [...ocrVariants(p)].filter((q) => q.length === p.length && ev.words.includes(q));
    return whole.length === 1 ? whole[0]! : p;
  }
  const own = count(p);
  // A short label is often an abbreviation (`prr` beside «Приречного»): a word of the letter may change one of its
  // letters (`biag` → blag) but not lengthen or shorten it.
  const supported = [...ocrVariants(p)].filter(
    (q) => (!substitutionsOnly || q.length === p.length) && (COMMON_LABELS.includes(q) || ((p.length >= 5 || q.length === p.length) && byWord(q)) || count(q) > own),
  );
  if (supported.length === 1) return supported[0]!;
  // several readings fit: one the letter prints whole (a word beginning with all of it, or the label itself) beats
  // those only a word's stem supports (`sovet` from «Совет» over `sevet` from «Северореченск»)
  const whole = supported.filter((q) => COMMON_LABELS.includes(q) || count(q) > own || (q.length >= 4 && ev.words.some((w) => w.startsWith(q))));
  return whole.length === 1 ? whole[0]! : p;
}

/** `mal@minzdrav.priveche.gov.ru` → `mail@minzdrav.prireche.gov.ru` when the letter supports each change. */
export function repairAddress(address: string, ev: AddressEvidence): string {
  const at = address.indexOf('@');
  if (at < 0) return address;
  // a year or number in a personal mailbox: `nikitinal989` is nikitina1989 (l and I for 1 before digits)
  let local = address.slice(0, at).replace(/^[-_.]+/, '').replace(/(?<=[a-z])[lI](?=\d{3}(?!\d))/g, '1');
  const domain = address.slice(at + 1);
  if (!MAILBOXES.includes(local) && /^[a-z]+$/.test(local) && local.length >= 3) local = uniqueNear(local, MAILBOXES.filter((m) => m.length >= 4), (a, b) => editDistance(a, b) === 1) ?? local;
  // … also as the first part of a longer mailbox name (`driem_mineconom` → priem_mineconom)
  const lead = /^([a-z]{4,})([._-].+)$/.exec(local);
  if (lead && !MAILBOXES.includes(lead[1]!)) {
    const box = uniqueNear(lead[1]!, MAILBOXES.filter((m) => m.length >= 4), (a, b) => a.length === b.length && editDistance(a, b) === 1);
    if (box) local = box + lead[2]!;
  }
  // a generic mailbox numbered by region or branch (`info53@`): its number may carry an `s` for 5 (`infes3`)
  const numbered = /^([a-z]{3,}?)([s\d]{1,3})$/.exec(local);
  if (numbered && /\d/.test(numbered[2]!) && !MAILBOXES.includes(local)) {
    const box = MAILBOXES.includes(numbered[1]!) ? numbered[1]! : uniqueNear(numbered[1]!, MAILBOXES.filter((m) => m.length >= 4), (a, b) => editDistance(a, b) === 1);
    if (box) local = box + numbered[2]!.replace(/s/g, '5');
  }
  // a personal mailbox is mostly the surname printed at the signature or the executor line: `zhuraviev.a`; letters
  // are only swapped, never added or dropped, because an initial glued to the surname is usual (`tsergeeva`)
  // A part that is a generic mailbox name (`priem_zarechny`) or is spelled by the address's own domain labels
  // (`kanc-sevcrb@sev-crb.ru`) is what was printed.
  const domainLetters = domain.toLowerCase().replace(/[^a-z0-9]/g, '');
  const own = (p: string): boolean => MAILBOXES.includes(p) || domainLetters.includes(p);
  if (!MAILBOXES.includes(local)) local = local.split(/([._-])/).map((p) => (p.length >= 5 && !own(p) ? repairLabel(p, { labels: new Map(), words: ev.words }, true) : p)).join('');
  // `s` for 5 before a digit in a domain label (`procs3`, `gibdd-sevs3`): no word puts an s before a number
  // (a region's two-digit code: `s` and one digit ending a label after a word, not `tds21` or `ms3`)
  const parts = domain.replace(/(?<=[a-z]{3})s(?=\d(?![\da-z]))/g, '5').split('.');
  let tld = parts.pop() ?? '';
  // a public mail service lives under the zones it lives under (`mail.ro` is mail.ru)
  const service = parts.length === 1 ? MAIL_SERVICE_ZONES[parts[0]!] : undefined;
  if (service && !service.includes(tld)) tld = service[0]!;
  const fixed = parts.map((label) => label.split('-').map((p) => repairLabel(p, ev)).join('-'));
  return `${local}@${[...fixed, tld].join('.')}`;
}
