// One-letter misreadings in the prose of a heading or a position («Днректор», «о самовольном занятин»), mended
// against the OCR model's own word list (ocr/lexicon.ts). Only a word the model does not know is touched, and only
// when exactly one known word lies one confusable letter (or a first letter lost) away: names and places the list
// lacks have no such neighbour, and a word with two candidates stays as it was read.
import { modelWords, type WordList } from '../lexicon.ts';

/** Letters a degraded scan turns into one another (both directions listed where both happen). */
const CONFUSABLE: Readonly<Record<string, string>> = {
  и: 'нпйл', н: 'ипк', п: 'ни', л: 'пи', й: 'и', к: 'нх', х: 'к',
  е: 'сёоа', ё: 'е', с: 'еоа', о: 'сеа', а: 'оея', я: 'а',
  ш: 'щи', щ: 'шц', ц: 'щ', ь: 'ъы', ъ: 'ь', ы: 'ь',
  т: 'г', г: 'т', з: 'эв', э: 'з', в: 'з', у: 'ч', ч: 'у',
};

export function mendWord(word: string, lexicon: WordList): string {
  const lower = word.toLowerCase();
  if (lower.length < 5 || lexicon.has(lower)) return word;
  const candidates = new Set<string>();
  // a first letter lost at a blurred line start («частка» for «участка»)
  for (const c of 'абвгдеёжзийклмнопрстуфхцчшщэюя') if (lexicon.has(c + lower)) candidates.add(c + lower);
  for (let i = 0; i < lower.length; i++) {
    for (const c of CONFUSABLE[lower[i]!] ?? '') {
      const cand = lower.slice(0, i) + c + lower.slice(i + 1);
      if (lexicon.has(cand)) candidates.add(cand);
    }
  }
  if (candidates.size !== 1) return word;
  const fixed = [...candidates][0]!;
  if (word === word.toUpperCase()) return fixed.toUpperCase();
  return word[0] === word[0]!.toUpperCase() ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
}

/**
 * «с» before a plural in the prepositional (-ах/-ях), which «с» never governs, is a misread «о» («сведений с
 * получателях»). («пс»/«пб» for «по» are mended on every line, by cleanLine.)
 */
function mendFunctionWords(text: string): string {
  return text.replace(/(?<![А-ЯЁа-яё])с(?= [а-яё]+[ая]х(?![а-яё]))/g, 'о');
}

/**
 * Mends each Cyrillic word of a phrase. The parts of a hyphenated compound are left alone: its first part
 * («медико-», «социально-») is no word of its own in the list, and a neighbour of it would be taken for it.
 */
export function mendWords(text: string, lexicon: WordList | null = modelWords('rus')): string {
  if (!lexicon) return mendFunctionWords(text);
  return mendFunctionWords(text).replace(/(?<![-А-ЯЁа-яё])[А-ЯЁа-яё]+(?![-А-ЯЁа-яё])/g, (w) => mendWord(w, lexicon));
}

/** Nouns a position ends with; a signature's scribble often runs through the last of them. */
const POSITION_NOUNS = [
  'директор', 'начальник', 'председатель', 'руководитель', 'заместитель', 'заведующий', 'заведующая', 'управляющий',
  'президент', 'прокурор', 'глава', 'министр', 'ректор', 'инспектор', 'специалист', 'секретарь', 'советник',
  'уполномоченный', 'предприниматель', 'депутат', 'администратор', 'бухгалтер', 'инженер', 'врач', 'атаман',
];

/**
 * A signer's position read through the signature: junk after its last word (`директфр\ ^^')`, `директ Р\`) is cut,
 * and a last word no dictionary knows becomes the one position noun it begins (4 letters or more) or is one letter
 * away from; then its words are mended like a heading's.
 */
export function mendPosition(text: string, lexicon: WordList | null = modelWords('rus')): string {
  const words = text.split(' ');
  // trailing tokens without a Cyrillic word in them, or a lone capital with debris («Р\»)
  while (words.length > 1 && !/[А-ЯЁа-яё]{2,}|[«»"]/.test(words[words.length - 1]!)) words.pop();
  let last = words[words.length - 1]!.replace(/[^А-ЯЁа-яё»"]+$/, '');
  const lower = last.toLowerCase();
  if (/^[а-яё]{4,}$/.test(lower) && !POSITION_NOUNS.includes(lower)) {
    // a cut-off noun is completed even when web text made a word of the stump («директ»)
    const begun = POSITION_NOUNS.filter((n) => n.startsWith(lower));
    const near = lexicon?.has(lower) ? [] : POSITION_NOUNS.filter((n) => n.length === lower.length && [...n].filter((c, i) => c !== lower[i]).length === 1);
    const pick = begun.length === 1 ? begun[0]! : begun.length === 0 && near.length === 1 ? near[0]! : null;
    if (pick) last = last[0] === last[0]!.toUpperCase() ? pick[0]!.toUpperCase() + pick.slice(1) : pick;
  }
  words[words.length - 1] = last;
  return mendWords(words.join(' '), lexicon);
}
