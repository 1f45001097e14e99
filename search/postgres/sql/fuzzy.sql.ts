// Typo-tolerant fallback on the correspondent's name, used when words and numbers found nothing.
// word_similarity (<%) rather than similarity (%): the user types one misspelt word («Иваноф») of a long name
// («Иванов Пётр Сергеевич»), whose whole-string similarity would stay far below any useful threshold.
// The expression matches the index search_documents_correspondent_trgm (ё folded, as in the query).
import { sql, type Sql } from '../sqlFragment.ts';

export function fuzzyMatch(text: string): Sql {
  return sql`${text} <% translate(d.correspondent_name, 'Ёё', 'Ее')`;
}

// Ordering uses strict_word_similarity (extents end on word boundaries): plain word similarity ranks «Киселёв Иван
// Петрович» above «Петров Иван Сергеевич» for «Петроф Иван», because «Петрович» contains the misspelt surname.
export function fuzzyScore(text: string): Sql {
  return sql`strict_word_similarity(${text}, translate(d.correspondent_name, 'Ёё', 'Ее'))`;
}
