// Surnames of the receiving organisation's own staff fix OCR damage in the addressee block
// ("Kucenesy М.Н." -> "Киселёву М.Н."): the addressee is almost always one of them.
import { stemRu } from '../models/stemRu.ts';
import { editDistance } from './text.ts';

const LOOKALIKE: Record<string, string> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', n: 'п', o: 'о', p: 'р', r: 'г', s: 'в', t: 'т', u: 'и', x: 'х', y: 'у',
  // the English model's accented letters for Cyrillic ones ("Kucenésy" for "Киселёву")
  é: 'е', è: 'е', ë: 'е', ê: 'е', á: 'а', à: 'а', ó: 'о', ò: 'о', ö: 'о', ú: 'и', ü: 'и', í: 'и', ý: 'у',
};

function fold(w: string): string {
  return [...w.toLowerCase().replace(/ё/g, 'е')].map((c) => LOOKALIKE[c] ?? c).join('');
}

/** Case forms a surname takes in an addressee line (dative mostly, genitive and nominative too). */
export function surnameForms(surname: string): string[] {
  const s = surname.trim();
  if (/(?:ко|их|ых|аго|яго|[еиоуэю])$/.test(s)) return [s];
  if (/ая$/.test(s)) return [s, s.replace(/ая$/, 'ой')];
  if (/ий$/.test(s)) return [s, s.replace(/ий$/, 'ому'), s.replace(/ий$/, 'ого')];
  if (/(?:ова|ева|ёва|ина|ына)$/.test(s)) return [s, s.replace(/а$/, 'ой')];
  if (/а$/.test(s)) return [s, s.replace(/а$/, 'е'), s.replace(/а$/, 'ы')];
  return [s, `${s}у`, `${s}а`];
}

/** Replaces words that are a couple of OCR errors away from exactly one known surname form. */
export function correctStaffNames(text: string, surnames: string[]): string {
  if (!surnames.length) return text;
  const forms = surnames.flatMap(surnameForms);
  // which surname each form is of, and whether it is its dative (an addressee's case)
  const owner = surnames.flatMap((n, k) => surnameForms(n).map(() => k));
  const dative = surnames.flatMap((n) => surnameForms(n).map((_, i, all) => i === 1 || all.length === 1));
  const folded = forms.map(fold);
  return text.replace(/[A-Za-zÀ-ÿА-Яа-яЁё]{5,}/g, (w) => {
    if (forms.includes(w)) return w;
    const f = fold(w);
    const limit = f.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestD = limit + 1;
    let tie = false;
    let bestAt = -1;
    for (let i = 0; i < forms.length; i++) {
      const d = editDistance(f, folded[i]!);
      if (d < bestD) {
        bestD = d;
        best = forms[i]!;
        bestAt = i;
        tie = false;
      } else if (d === bestD && forms[i] !== best) {
        // two case forms of one surname as near (`Кузьминх`: Кузьмину, Кузьмина): an addressee is named in the dative
        if (owner[i] === owner[bestAt]) {
          if (dative[i]) {
            best = forms[i]!;
            bestAt = i;
          }
        } else tie = true;
      }
    }
    // Only words that look like a name: capitalised, or not Cyrillic at all.
    const looksName = /^[A-ZА-ЯЁ]/.test(w) || /[A-Za-zÀ-ÿ]/.test(w);
    return best && !tie && bestD <= limit && looksName ? best : w;
  });
}

/**
 * Words of the receiving organisation's own titles (its name, positions, departments) fix OCR damage in the
 * addressee ("Заместителю главы администрации горсда пс социальным вопросам"): a word one letter away from exactly
 * one of their words, with another stem (a different ending is another case of the same word, not an error), is
 * read as that word.
 */
export function correctOwnWords(text: string, vocabulary: string[]): string {
  if (!vocabulary.length) return text;
  const words = [...new Set(vocabulary.flatMap((v) => v.toLowerCase().replace(/ё/g, 'е').split(/[^а-я]+/)).filter((w) => w.length >= 2))];
  const known = new Set(words);
  const stems = new Set(words.map((w) => stemRu(w)));
  // A word split in two by a gap the scan opened inside it ("администрации гор ода"): joined when only the whole is a word.
  const joined = text.replace(/(?<![А-Яа-яЁё])([а-яё]{2,})\s([а-яё]{2,})(?![А-Яа-яЁё])/g, (m, a: string, b: string) =>
    known.has(a + b) && !known.has(a) && !known.has(b) ? a + b : m,
  );
  return joined.replace(/[A-Za-zА-Яа-яЁё]+/g, (w) => {
    const f = fold(w);
    if (known.has(f)) return /[A-Za-z]/.test(w) ? matchCase(w, f) : w;
    if (w.length < 2 || stems.has(stemRu(f))) return w;
    const near = words.filter((x) => Math.abs(x.length - f.length) <= 1 && editDistance(f, x) === 1);
    return near.length === 1 ? matchCase(w, near[0]!) : w;
  });
}

function matchCase(original: string, word: string): string {
  // Latin look-alikes ("No" for "по") say nothing about case.
  return /^[А-ЯЁ]/.test(original) ? word[0]!.toUpperCase() + word.slice(1) : word;
}

/** Capitals a scan confuses in a person's initials. */
const INITIAL_CONFUSIONS = ['ИНП', 'ЕСО', 'ВЗЭ', 'ГТ', 'КХ', 'ЛП', 'ШЩ', 'АД'];

/**
 * The initials beside a staff surname, repaired against the staff list (`М.И. Киселёву` → `М.Н. Киселёву` when the
 * organisation has a Киселёв М.Н.): one confusable capital away from the initials of exactly one person of that
 * surname. `staff` holds names as the organisation prints them (`Киселёв М.Н.`).
 */
export function correctStaffInitials(text: string, staff: string[]): string {
  const people = staff
    .map((n) => /^([А-ЯЁ][а-яё-]+)\s([А-ЯЁ])\.\s?([А-ЯЁ])\.?$/.exec(n.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ forms: surnameForms(m[1]!), initials: m[2]! + m[3]! }));
  if (!people.length) return text;
  const near = (a: string, b: string): boolean =>
    a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1 && [...a].every((c, i) => c === b[i] || INITIAL_CONFUSIONS.some((g) => g.includes(c) && g.includes(b[i]!)));
  const fix = (initials: string, surname: string): string | null => {
    const same = people.filter((p) => p.forms.includes(surname));
    if (!same.length || same.some((p) => p.initials === initials)) return null;
    const hits = [...new Set(same.filter((p) => near(initials, p.initials)).map((p) => p.initials))];
    return hits.length === 1 ? hits[0]! : null;
  };
  // initials read as digits or small letters (`8.8. Кузьмину`, `мн. Петрову`) are taken only as the initials of a
  // person of that surname on the staff
  const exact = (initials: string, surname: string): boolean => people.some((p) => p.forms.includes(surname) && p.initials === initials);
  const DIGIT_INITIAL: Record<string, string> = { '8': 'В', '0': 'О', '3': 'З', '6': 'Б' };
  const asCapital = (c: string): string => DIGIT_INITIAL[c] ?? c.toUpperCase();
  const read = text
    .replace(/(?<![\dА-ЯЁа-яё.])([\d])\.\s?([\dА-ЯЁ])\.\s?([А-ЯЁ][а-яё-]+)/g, (m, a: string, b: string, sur: string) => {
      const ini = asCapital(a) + asCapital(b);
      return exact(ini, sur) ? `${ini[0]}.${ini[1]}. ${sur}` : m;
    })
    .replace(/(?<![А-ЯЁа-яё.])([а-яё])\.?([а-яё])\.\s?([А-ЯЁ][а-яё-]+)/g, (m, a: string, b: string, sur: string) => {
      const ini = asCapital(a) + asCapital(b);
      return exact(ini, sur) ? `${ini[0]}.${ini[1]}. ${sur}` : m;
    });
  return read
    .replace(/(?<![А-ЯЁа-яё])([А-ЯЁ])\.\s?([А-ЯЁ])\.\s?([А-ЯЁ][а-яё-]+)/g, (m, a: string, b: string, sur: string) => {
      const f = fix(a + b, sur);
      return f ? `${f[0]}.${f[1]}. ${sur}` : m;
    })
    .replace(/([А-ЯЁ][а-яё-]+)\s([А-ЯЁ])\.\s?([А-ЯЁ])(\.?)(?![А-ЯЁа-яё])/g, (m, sur: string, a: string, b: string, dot: string) => {
      const f = fix(a + b, sur);
      return f ? `${sur} ${f[0]}.${f[1]}${dot}` : m;
    });
}
