// Snippets arrive from the engine with the matched words between \uE000 and \uE001 and the text otherwise raw.
// They leave as HTML: everything escaped, then the delimiters turned into <mark> — so a document can never inject
// markup (and cannot forge a delimiter: normalize.ts strips both characters from indexed text).
const OPEN = '\uE000';
const CLOSE = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** HTML with <mark>s, or undefined when nothing in the snippet was matched (the field is then left out). */
export function markedHtml(snippet: string | null): string | undefined {
  if (!snippet || !snippet.includes(OPEN)) return undefined;
  return escapeHtml(snippet.trim()).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}
