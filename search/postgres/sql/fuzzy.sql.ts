// Typo-tolerant fallback on the correspondent's name, used when words and numbers found nothing.
// Each misspelt word of three or more letters is first corrected against the lexicon of name words
// (search_name_words, small: its GiST index gives the nearest words at once); the documents whose correspondent
// name has a correction of every word are then found through the GIN index on its word array.
// Testing the misspelling against every indexed name instead read most of that index when nothing was close.
import { join, sql, type Sql } from '../sqlFragment.ts';

/**
 * pg_trgm's default word-similarity threshold (0.6) misses one wrong letter in a short word («водоконал» against
 * «водоканал» scores 0.54); 0.45 still keeps unrelated words out, and hits are ordered by similarity anyway.
 */
const MIN_WORD_SIMILARITY = 0.45;
const CORRECTIONS_PER_WORD = 3;

/** The lexicon words nearest to one typed word (word similarity: the typed word may be a part of a longer one). */
export function nearestNameWords(word: string): Sql {
  return sql`
    SELECT word FROM search_name_words
     WHERE public.word_similarity(${word}, word) >= ${MIN_WORD_SIMILARITY}
     ORDER BY ${word} OPERATOR(public.<<->) word
     LIMIT ${CORRECTIONS_PER_WORD}`;
}

/**
 * Every typed word must be one of the card's correspondent-name words as one of its corrections: an overlap test
 * per word on name_words, each answered by its GIN index and intersected (migration 20261124002400).
 */
export function fuzzyMatch(corrections: readonly (readonly string[])[]): Sql {
  if (corrections.length === 0) return sql`false`;
  return join(
    corrections.map((options) => sql`d.name_words && ${`{${options.join(',')}}`}::text[]`),
    ' AND ',
  );
}

// Ordering uses strict_word_similarity (extents end on word boundaries): plain word similarity ranks «Киселёв Иван
// Петрович» above «Петров Иван Сергеевич» for «Петроф Иван», because «Петрович» contains the misspelt surname.
export function fuzzyScore(text: string): Sql {
  return sql`public.strict_word_similarity(${text}, translate(d.correspondent_name, 'Ёё', 'Ее'))`;
}
