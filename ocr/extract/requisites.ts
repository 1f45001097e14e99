// Identifiers, registration numbers, dates, phones and e-mails.
import { found, none, type Found } from './found.ts';
import { readTaxIds, type IdPick } from './taxIds.ts';
import { addressEvidence, MAILBOXES, repairAddress } from './emails.ts';
import { labelledBy, rowOf, type LetterView, type Seg } from './layout.ts';
import { cleanNumber, findDates } from './text.ts';

// OCR reads ИНН as UHH, ИHH, MHH, NHH; КПП as KIIII, КIIП; ОГРН as OTPH, 0ГРН.
const INN_LABEL = /(?:ИНН|ИHH|ИНH|ИHН|UHH|MHH|NHH|HHH|инн)/;
const KPP_LABEL = /(?:КПП|KПП|КIIП|KIIП|КПIІ|kpp|КП11|КПI)/i;
const OGRN_LABEL = /(?:ОГРН(?:ИП)?|OГРН(?:ИП)?|0ГРН(?:ИП)?|ОГPH|OTPH|ОГРH|0TPH|ОГРНИП)/;
const BANK = /(?:р\/с|к\/с|р\/сч|к\/сч|расч[её]тный|корр|БИК|ОКПО|ОКВЭД|ОКТМО|ОКАТО|л\/с)/i;

/**
 * The sender's INN, KPP and OGRN from page 1 (letterhead or footer): labels and digits are read through OCR damage
 * and repaired only against each other's shared tax-office digits (`taxIds.ts`). `known` tells an INN the
 * organisation already knows, which confirms a repair on its own.
 */
export function extractIds(
  view: LetterView,
  known?: (inn: string) => boolean,
): { inn: Found<string | null>; kpp: Found<string | null>; ogrn: Found<string | null> } {
  // Requisites of the sender are printed in the letterhead or footer; bank lines are not theirs.
  const segs = view.segs.filter(
    (s) => s.page === view.p1[0]?.page && !(BANK.test(s.text) && !INN_LABEL.test(s.text) && !OGRN_LABEL.test(s.text) && !KPP_LABEL.test(s.text)),
  );
  const ids = readTaxIds(segs.map((s) => s.text), known);
  const pick = (p: IdPick | null): Found<string | null> => (p ? found<string | null>(p.value, p.confidence, [segs[p.line]!]) : none());
  return { inn: pick(ids.inn), kpp: pick(ids.kpp), ogrn: pick(ids.ogrn) };
}

// letters may open a number with a dash or a slash: `ИС-1234`, `ЮР/393-04`
const NUMBER_TOKEN = String.raw`([A-Za-zА-Яа-яЁё]{0,4}[-/]?\d[\dA-Za-zА-Яа-яЁё]*(?:\s?[-/.]\s?[\dA-Za-zА-Яа-яЁё]+)*)`;
const REPLY = /(?:^|\s)(?:На|на|HA|Ha)\s?(?:[Вв]аш[а-я]*[:.,]?\s+)?(?:письмо\s+|запрос\s+|обращение\s+)?(?:№|N|исх\.?\s?№?)/;

export interface NumberDate {
  number: Found<string | null>;
  date: Found<string | null>;
}

/** A registration number's digit groups as a scan damages them: `0S-27/1057`, `01-15;3123`, `05-12:2043`. */
export function mendNumberText(text: string): string {
  return text
    // «ОД/З01-08», «СЛ/б7-02»: З and б for 3 and 6 inside a digit group after a registry's letter code
    .replace(/(?<=№\s?[А-ЯЁA-Z]{1,4}[-/])[Зб\d]{2,}(?=[-/]\d)/g, (m) => m.replace(/З/g, '3').replace(/б/g, '6'))
    .replace(/(?<=№\s?[\dSOl]{1,6}(?:-[\dSOl]{1,6})*)[;:](?=\d{2,})/g, '/')
    // a comma for the slash after a dashed group («№ 07-21,2634»; a list of numbers has a space after its comma)
    .replace(/(?<=№\s?[\dSOl]{1,6}-[\dSOl]{1,6}),(?=\d{3,}(?!\d*[.,]\d))/g, '/')
    .replace(/(?<=№\s?)([\dSOl]{1,6}(?:[-/][\dSOl]{1,6})+)(?![\dA-Za-zА-Яа-яЁё])/g, (m) =>
      (m.match(/\d/g) ?? []).length >= 3 ? m.replace(/S/g, '5').replace(/O/g, '0').replace(/l/g, '1') : m,
    );
}

/** A line that speaks of a letter (another one's number and date, not this letter's own). */
const MENTIONS_LETTER = /(?:^|\s)(?:к письму|в ответ на|письмо)(?![а-яёА-ЯЁ])/i;

function numberAfterSign(text: string): string | null {
  // «№», «№ исх.», «Исх. №», «исх. N», «Исх.№»
  const m = new RegExp(String.raw`(?:№\s?(?:исх\.?)?|[Ии]сх\.?\s?(?:№|N(?![A-Za-zА-Яа-яЁё]))?):?\s?` + NUMBER_TOKEN).exec(mendNumberText(text));
  if (!m) return null;
  const n = cleanNumber(m[1]!);
  const rest = text.slice(m.index + m[0].length);
  // "«ГИМНАЗИЯ / № 1»": a number closed by a quote belongs to a name, not to a registry.
  if (/^\s?[»"“”]/.test(rest)) return null;
  // «Межрайонная ИФНС России / № 9 по Приречной области»: a number followed by «по …» is part of a body's name.
  if (/^\s+по\s+[А-ЯЁа-яё]/i.test(rest)) return null;
  // A date is not a registration number.
  if (/^\d{1,2}\.\d{1,2}\.\d{2,4}$/.test(n)) return null;
  return n;
}

/** The sender's outgoing number/date and the "На № … от …" reference, from the header zone of page 1. */
export function extractNumbers(view: LetterView, kind: 'incoming' | 'appeal'): { out: NumberDate; reply: NumberDate } {
  const header = view.p1.filter((s) => s.box.y0 < view.bodyTop);
  const out: NumberDate = { number: none(), date: none() };
  const reply: NumberDate = { number: none(), date: none() };
  for (const s of header) {
    const text = withWrappedYear(header, s);
    const replyAt = REPLY.exec(text);
    if (replyAt && reply.number.value === null) {
      const tail = text.slice(replyAt.index);
      const n = numberAfterSign(tail.replace(/^\s*(?:На|на|HA|Ha)\s?(?:[Вв]аш[а-я]*[:.,]?\s+)?(?:письмо\s+|запрос\s+|обращение\s+)?/, ''));
      const d = findDates(tail)[0];
      if (n) reply.number = found(n, 0.9, [s]);
      if (d) reply.date = found(d.iso, 0.9, [s]);
      // The outgoing requisites may precede the reply reference on the same line.
      const before = text.slice(0, replyAt.index);
      if (before.trim()) applyOut(out, before, s);
      continue;
    }
    if (MENTIONS_LETTER.test(text)) continue;
    applyOut(out, text, s);
  }
  if (kind === 'incoming' && out.number.value === null) {
    // Some letters print their registration line at the foot, under the signature: a short line of its own below
    // the body («05.03.2026 № 12-34/567», «Исх. № 123 от 05.03.2026»), not a sentence mentioning another letter.
    for (const s of view.segs) {
      if (s.box.y0 < view.bodyTop && s.page === view.p1[0]?.page) continue;
      if (s.text.length > 60 || REPLY.test(s.text) || MENTIONS_LETTER.test(s.text)) continue;
      if (!/^(?:Исх|исх|№|от\s|«?\d{1,2}»?[\s.])/.test(s.text) || !findDates(s.text).length) continue;
      applyOut(out, withWrappedYear(view.segs, s), s);
      if (out.number.value !== null) break;
    }
  }
  if (out.number.value !== null && out.date.value === null) {
    // "18.11.2025 … № 12-01/1807": the date may sit alone on the number's row.
    const seg = view.p1.find((s) => s.text.includes(out.number.value ?? '\u0000'));
    if (seg) {
      for (const o of rowOf(view.p1, seg)) {
        const d = findDates(o.text)[0];
        if (d && !REPLY.test(o.text)) {
          out.date = found(d.iso, 0.85, [o]);
          break;
        }
      }
    }
  }
  if (kind === 'incoming' && out.date.value === null) {
    // A lone date line in the header, not in the reply reference.
    for (const s of header) {
      if (REPLY.test(s.text)) continue;
      const ds = findDates(s.text);
      if (ds.length === 1 && s.text.replace(/[^А-Яа-яA-Za-z]/g, '').length <= 10 + (/(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)/i.test(s.text) ? 8 : 0)) {
        out.date = found(ds[0]!.iso, 0.8, [s]);
        break;
      }
    }
  }
  return { out, reply };
}

/** A day and month ending a line (`от «31» декабря`): a narrow column wrapped the year to the next line. */
const DAY_MONTH_END = /[«"]?\s?[0-3]?\d\s?[»"]?\s+[А-Яа-яЁё]{3,9}$/;

function withWrappedYear(header: Seg[], s: Seg): string {
  if (!DAY_MONTH_END.test(s.text)) return s.text;
  const h = s.box.y1 - s.box.y0;
  const next = header.find((o) => o.page === s.page && o.box.y0 > s.box.y0 + h * 0.5 && o.box.y0 - s.box.y1 < h * 0.9 && Math.abs(o.box.x0 - s.box.x0) < h);
  return next && /^(?:19|20)\d\d(?!\d)/.test(next.text) ? `${s.text} ${next.text}` : s.text;
}

function applyOut(out: NumberDate, text: string, s: Seg): void {
  const dates = findDates(text);
  // "ШКОЛА № 14»" in a letterhead is a name, not a registration number.
  // «Наш № …» opens a line too; a number of registry shape (digit groups with a dash or slash) needs no date beside it
  const hasSign = /№|исх/i.test(text) && (dates.length > 0 || /^\s*(?:Исх|исх|Наш\s+№|№|от\s)/.test(text) || /№\s?[\dA-Za-zА-Яа-яЁё]{0,4}[-/.]?\d+[-/]\d/.test(text));
  const startsWithDateLabel = /^\s*(?:от|дата)(?![а-яёА-ЯЁ])/i.test(text) || /(?:^|\s)от\s/.test(text);
  if (hasSign && out.number.value === null) {
    const n = numberAfterSign(text);
    if (n) {
      out.number = found(n, 0.9, [s]);
      if (dates[0] && out.date.value === null) out.date = found(dates[0].iso, 0.9, [s]);
      return;
    }
  }
  if (startsWithDateLabel && dates[0] && out.date.value === null && text.length < 60) out.date = found(dates[0].iso, 0.85, [s]);
}

const PHONE = /(?<![\d/-])(?:(?:\+7|8)[\s-]?\(?\d{3,5}\)?[\s-]?\d{1,3}[\s-]?\d{2}[\s-]?\d{2}|\(\d{3,5}\)[\s-]?\d{1,3}[\s-]?\d{2}[\s-]?\d{2}|\(\d{3,5}\)\s?\d{5,7}|\d{1,3}-\d{2}-\d{2})(?![\d/])/g;
/** A person's name (initials, or surname, name and patronymic) followed by a phone, perhaps after a comma or slash. */
export const PERSON_THEN_PHONE =
  /^(?:[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.?|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё-]+|[А-ЯЁ][а-яё-]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+)\s*[,/–—-]?\s*(?:(?:[Тт]ел(?:ефон)?|т)\.?:?\s*)?(?:\+7|8[\s(-]|\(\d|\d{1,3}-\d{2}-\d{2}(?!\d))/;
const PHONE_LABEL = /(?:тел|телефон|факс|т\.|ф\.|phone|fax|моб|сот)/i;

const CODE_LOOKALIKE: Record<string, string> = { B: '8', O: '0', О: '0', З: '3', б: '6', l: '1', I: '1', S: '5' };

/**
 * OCR damage inside a printed phone number: a brace for the code's bracket (`(996}`), look-alike letters inside the
 * bracketed code (`(B163)`), a comma for a dash between the digit groups (`8-902,868-78-56`), a point inside the code
 * or for the last dash, a space after a dash, another mark for the plus of +7.
 */
export function mendPhoneText(text: string): string {
  return text
    // a point inside the code, a space after a dash, a point for the last dash (`(816.3)`, `689- 30-02`, `142-27.24`)
    .replace(/\((\d{1,4})\.(\d{1,4})\)/g, (m, x: string, y: string) => ((x + y).length <= 5 ? `(${x}${y})` : m))
    .replace(/(?<=\d-)\s(?=\d)/g, '')
    // ... or before it (`48-47 -46`), and a colon for a dash after a code (`8-81657:5-39-09`; a time has two digits)
    .replace(/(?<=\d-\d{2,3})\s(?=-\d{2}(?!\d))/g, '')
    .replace(/(?<=\d{3,5}):(?=\d)/g, '-')
    // the 7 of a code read as a question mark (`(8165?)`)
    .replace(/\((\d{3,4})\?\)/g, '($17)')
    .replace(/(?<=\d-\d{2})\.(?=\d{2}(?!\d))/g, '-')
    .replace(/\((\d{3,5})[}\]]/g, '($1)')
    .replace(/[{[](\d{3,5})\)/g, '($1)')
    .replace(/\(([\dBОOЗбlIS]{3,5})\)/g, (m, code: string) => ((code.match(/\d/g) ?? []).length >= 2 ? `(${[...code].map((c) => CODE_LOOKALIKE[c] ?? c).join('')})` : m))
    .replace(/(?<=\d-\d{3}),(?=\d{3}-\d{2}-\d{2}(?!\d))/g, '-')
    // the plus of «+7» read as another mark (`¢7 8163`, `*7 (81661)`, `+? (8163)`)
    .replace(/(?<![\d\w])[¢*›»](7[\s-]?\(?\d{3,5})/g, '+$1')
    .replace(/\+\?(\s?\(\d{3,5}\))/g, '+7$1')
    // a point after «+7» (`+7.8163-40-19-15`) and a colon between the local number's groups (`+7-81661-2:83-32`)
    .replace(/\+7\.(?=\d{3,5}-)/g, '+7-')
    .replace(/(?<=\+7-\d{3,5}-\d{1,3}):(?=\d{2}-\d{2}(?!\d))/g, '-')
    // the 8 of a long-distance prefix read as «В» or «B» apart before a bracketed code (`тел В (8163) 52-61-72`)
    .replace(/(?<=(?:^|[\s:.])(?:тел|Тел|факс|Факс)[.:]?\s)[ВB](?=\s\(\d{3,5}\)\s?\d)/g, '8');
}

/** Digits a scan confuses in a city code; a code read once is repaired only towards one the letter prints twice. */
export const DIGIT_CONFUSABLE: Record<string, string> = {
  '0': '689', '1': '47', '2': '7', '3': '589', '4': '1', '5': '369', '6': '0589', '7': '12', '8': '03569', '9': '0358',
};

/**
 * One organisation's landlines share a city code: a code read once that is one confusable digit away from exactly one
 * code the letter prints at least twice is that code (`+7 (8165) 42-45-18` beside two `(8163)` numbers).
 */
export function harmoniseCityCodes(phones: string[]): string[] {
  // bracketed, or after the long-distance prefix in the dashed and spaced styles (`8-8163-25-86-89`, `+7 8163 53 09 39`)
  const codeAt = (p: string): { code: string; at: number } | null => {
    const m = /\((\d{3,5})\)/.exec(p) ?? /^(?:\+7|8)[\s-]?(\d{3,5})[\s-]/.exec(p);
    return m ? { code: m[1]!, at: m.index + m[0].indexOf(m[1]!) } : null;
  };
  const codeOf = (p: string): string | null => codeAt(p)?.code ?? null;
  const counts = new Map<string, number>();
  for (const p of phones) {
    const c = codeOf(p);
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return phones.map((p) => {
    const c = codeOf(p);
    if (!c || (counts.get(c) ?? 0) > 1) return p;
    const near = [...counts].filter(([k, n]) => n >= 2 && k.length === c.length && [...k].filter((d, i) => d !== c[i]).length === 1 && [...k].every((d, i) => d === c[i] || (DIGIT_CONFUSABLE[c[i]!] ?? '').includes(d)));
    const at = codeAt(p)!.at;
    return near.length === 1 ? p.slice(0, at) + near[0]![0] + p.slice(at + c.length) : p;
  });
}

/** City codes of the numbers the letter prints readably: `(8163) …` or `+7 81654 …`. */
function printedCodes(texts: string[]): Set<string> {
  const codes = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(PHONE)) {
    const c = /^(?:\+7|8)?[\s-]?\(?(\d{3,5})\)?[\s-]/.exec(m[0].trim())?.[1];
    if (c) codes.add(c);
  }
  return codes;
}

/**
 * Damage in a city code that only the letter's other numbers can settle: `$` for 5 or 8 (`+7 816$4`), the closing
 * bracket read as 1 (`(81631 20-80-37`). Repaired only when exactly one reading is a code printed elsewhere.
 */
export function mendCityCodes(text: string, codes: Set<string>): string {
  return text
    .replace(/((?:\+7|(?<!\d)8)[\s-]?\(?)([\d$]{3,5})(?=\)?[\s-]\d)/g, (m, pre: string, code: string) => {
      if (!code.includes('$')) return m;
      const fits = ['5', '8'].map((d) => code.replace(/\$/g, d)).filter((c) => codes.has(c));
      return fits.length === 1 ? pre + fits[0]! : m;
    })
    .replace(/\((\d{3,5})[1l](?=\s\d)/g, (m, code: string) => (codes.has(code) ? `(${code})` : m));
}

/** Telephone and fax numbers printed by the sender (letterhead, executor, citizen block). */
export function extractPhones(view: LetterView, exclude: string[]): Found<string[] | null> {
  const out: string[] = [];
  const srcs: Seg[] = [];
  const skip = new Set(exclude.map((p) => phoneDigits(p)));
  const codes = printedCodes(view.segs.map((s) => mendPhoneText(s.text)));
  for (const s of view.segs) {
    if (BANK.test(s.text) || INN_LABEL.test(s.text) || OGRN_LABEL.test(s.text)) continue;
    const text = mendCityCodes(mendPhoneText(s.text), codes);
    const alone = text.replace(PHONE, '').replace(/[\s,.;:|]/g, '').length === 0;
    // «Петрова А.А. / 55-12-34», «Петрова Анна Андреевна, +7 …»: an executor's line names the phone's owner
    const personal = PERSON_THEN_PHONE.test(text);
    const inBody = s.page === view.p1[0]?.page && s.box.y0 >= view.bodyTop && s.box.y0 < s.ph * 0.8 && !PHONE_LABEL.test(text) && !alone && !personal;
    for (const m of text.matchAll(PHONE)) {
      const raw = m[0].trim();
      const digits = phoneDigits(raw);
      const strong = /^(?:\+7|8[\s-(])|^\(/.test(raw);
      const labelled = PHONE_LABEL.test(text.slice(0, m.index)) || PHONE_LABEL.test(text) || personal;
      if (inBody && !labelled) continue;
      if (!strong && !labelled) continue;
      if (digits.length < 5 || skip.has(digits)) continue;
      if (!out.some((p) => phoneDigits(p) === digits)) {
        out.push(raw);
        srcs.push(s);
      }
    }
  }
  const mended = harmoniseCityCodes(out);
  // A number cut short at a line's end ("+7 8163 55 37") is the beginning of one printed whole elsewhere.
  const unique = mended.filter(
    (p, i) =>
      mended.findIndex((q) => phoneDigits(q) === phoneDigits(p)) === i &&
      !mended.some((q) => q !== p && phoneDigits(q).length > phoneDigits(p).length && phoneDigits(q).startsWith(phoneDigits(p)) && phoneDigits(p).length >= 8),
  );
  return unique.length ? found(unique, 0.85, srcs) : none();
}

export function phoneDigits(p: string): string {
  let d = p.replace(/\D/g, '');
  if (d.length === 11 && d[0] === '8') d = '7' + d.slice(1);
  if (d.length === 10) d = '7' + d;
  return d;
}

const EMAIL = /[A-Za-z0-9._%+-]+\s?@\s?[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * OCR damage around an address's dots: a space after a dot inside the domain (`minobr. prireche.gov.ru`), a space
 * for the dot before the top-level domain (`secretary@blag-sev ru`).
 */
export function mendAddresses(text: string): string {
  return text
    // a mailbox name read apart from the rest of it after its underscore or point (`office _novyikvart90@bk.ru`)
    .replace(/(?<![A-Za-z0-9._-])([A-Za-z][A-Za-z0-9]{2,})\s(?=[_.-][A-Za-z0-9][A-Za-z0-9._-]*\s?@)/g, '$1')
    // a space inside the number that ends a mailbox name (`sidorova6 3@`)
    .replace(/(?<=[A-Za-z]\d{1,3})\s(?=\d{1,3}\s?@)/g, '')
    // the point before a personal mailbox's initial read as a space (`maksimova y@`); after a generic mailbox name the
    // lone character is a speck (`post t@`, `mail 1@`)
    .replace(/(?<![A-Za-z0-9._-])([A-Za-z][A-Za-z0-9._-]{2,})\s([A-Za-z0-9])\s?@/g, (m, name: string, ch: string) => (MAILBOXES.includes(name.toLowerCase()) ? `${name}@` : `${name}.${ch}@`))
    // `l` read as `!` or `|` in the mailbox name (`mai!@`)
    .replace(/(?<=[A-Za-z0-9._-])[!|](?=[A-Za-z0-9._-]*\s?@)/g, 'l')
    // a dot inside the domain read as a comma (`zarech@proc53,gov.ru`, `post@sevgor.prr,sudrf.ru`): only where the
    // domain then ends in a top-level domain, so a comma between two addresses stays
    .replace(/@[A-Za-z0-9.,-]+/g, (m) => (/,(?=[A-Za-z0-9])/.test(m) && /[.,](?:ru|su|com|org|net)$/.test(m.replace(/[.,]+$/, '')) ? m.replace(/,(?=[A-Za-z0-9])/g, '.') : m))
    // a public mail service without its dot (`shiryaeva@mailru`)
    .replace(/(@(?:mail|yandex|gmail|rambler|inbox|list|bk|outlook|hotmail|icloud))(ru|com)(?![A-Za-z0-9.])/g, '$1.$2')
    // spaces for the dots around a second-level label (`info53@sfr gov ru`)
    .replace(/(@[A-Za-z0-9-]+)\s(gov|edu|org|com|net)\s(?=ru(?![A-Za-z0-9])|ги|гu)/g, '$1.$2 ')
    // a domain without any dot has lost its top-level domain to a space; `ru` read as `tu`, `nu`, `го`, `гу`, `ту`
    .replace(/(@[A-Za-z0-9-]+)\s(?:tu|nu|ny|го|гу|ту)(?![A-Za-zА-Яа-яЁё0-9])/g, '$1.ru')
    .replace(/(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.)\s(?=[a-z0-9-]+\.[a-z]{2,})/g, '$1')
    .replace(/(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)\s(ru|com|org|net|su)(?![A-Za-z0-9])/g, '$1.$2')
    // the top-level domain read in Cyrillic look-alikes: `prireche.gov ги`
    .replace(/(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?:\.\s?|\s)(?:ги|гu|пи|ru)(?![A-Za-zА-Яа-яЁё0-9])/g, '$1.ru');
}

/** `.ru` read as `.nu`, `.tu`, `.ra`, `.rn`, `.nt`, `.ny`, `.cu`, `.ni`: the r/n/t/c and u/a/y/i confusions of small Latin print. */
const RU_LOOKALIKE = /\.(?:nu|tu|ra|rn|nt|ry|pu|ny|ty|cu|ni)$/;

/** The recipient side of an e-mail header or a distribution list: «To:», «Кому:», «Копия:», «Cc:». */
const TO_LABEL = /^(?:To|Кому|Cc|Bcc|Копия|Копии|Скрытая копия)\s?:/i;

export function extractEmails(view: LetterView, exclude: string[]): Found<string[] | null> {
  const read: Array<{ address: string; seg: Seg }> = [];
  for (const s of view.segs) {
    // Addresses the letter was sent to are the recipient's, whatever the organisation calls its mailboxes.
    if (labelledBy(view.segs, s, TO_LABEL)) continue;
    for (const m of mendAddresses(s.text).matchAll(EMAIL)) {
      read.push({ address: m[0].replace(/\s/g, '').replace(/\.$/, '').toLowerCase().replace(RU_LOOKALIKE, '.ru'), seg: s });
    }
  }
  const evidence = addressEvidence(view.segs.map((s) => s.text), read.map((r) => r.address));
  const out: string[] = [];
  const srcs: Seg[] = [];
  const skip = new Set(exclude.map((e) => e.toLowerCase()));
  for (const r of read) {
    const e = r.seg.exact ? r.address : repairAddress(r.address, evidence);
    if (skip.has(e) || out.includes(e)) continue;
    out.push(e);
    srcs.push(r.seg);
  }
  return out.length ? found(out, 0.9, srcs) : none();
}
