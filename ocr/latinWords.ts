// On a Russian page read with rus+eng, the English model sometimes wins a whole Cyrillic word whose letters have
// Latin look-alikes: «Ceprees» for «Сергеев», «Bonkopa» for «Волкова», «3anpoc» for «запрос», «Vicx.» for «Исх.».
// Confidence does not tell (those came back at 81–90), but such a reading is no English word either. These are
// the words worth reading again with Cyrillic letters only.
import type { WordList } from './lexicon.ts';
import type { OcrLine } from './types.ts';

/** What a Cyrillic re-read may return: Russian letters, digits and the punctuation of letters and requisites. */
export const CYRILLIC_WHITELIST =
  'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя0123456789.,:;-–—«»"\'()/№!?';

/** At most this many words of a page are read again (stamps and noise make Latin junk by the dozen). */
export const LATIN_REREAD_MAX = 8;

/** A line holding an address, a site or a mailbox: its Latin words are meant. */
const WEB = /@|www|https?:|\.(?:ru|su|com|org|net|info|рф)(?![a-z])|e-?mail|почт|сайт/i;

/**
 * Latin words of text size on a mostly Cyrillic page that are no English words (`english`: the English model's
 * word list), outside lines with addresses; at most LATIN_REREAD_MAX, as [line, word index].
 */
export function latinSuspects(lines: OcrLine[], english: WordList): Array<[OcrLine, number]> {
  const words = lines.flatMap((l) => l.words);
  const cyrillic = words.reduce((n, w) => n + (w.text.match(/[А-Яа-яЁё]/g)?.length ?? 0), 0);
  const latin = words.reduce((n, w) => n + (w.text.match(/[A-Za-z]/g)?.length ?? 0), 0);
  if (cyrillic < 4 * latin) return [];
  const heights = words.filter((w) => w.confidence >= 60).map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  const unit = heights[Math.floor(heights.length / 2)];
  if (!unit) return [];
  const out: Array<[OcrLine, number]> = [];
  for (const line of lines) {
    if (WEB.test(line.text)) continue;
    line.words.forEach((w, k) => {
      const core = w.text.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
      if (!/^[A-Za-z0-9]+$/.test(core) || (core.match(/[A-Za-z]/g)?.length ?? 0) < 3) return;
      if (english.has(core.toLowerCase())) return;
      const h = w.box.y1 - w.box.y0;
      if (h < 0.6 * unit || h > 1.6 * unit) return;
      out.push([line, k]);
    });
  }
  return out.slice(0, LATIN_REREAD_MAX);
}

/**
 * The re-read replaces the word when it is Cyrillic with about as many letters as the Latin reading (look-alikes
 * map letter for letter; a much longer or shorter reading is another misreading).
 */
export function takesCyrillicReading(latin: string, again: string): boolean {
  const letters = (t: string, re: RegExp): number => t.match(re)?.length ?? 0;
  const cyr = letters(again, /[А-Яа-яЁё]/g);
  return !/[A-Za-z]/.test(again) && cyr >= 3 && Math.abs(cyr - letters(latin, /[A-Za-z0-9]/g)) <= 2;
}
