// Search snippets arrive as HTML in which only <mark> is markup and everything else is escaped.
// They are turned into text segments and rendered as text, so nothing the server sends is ever
// parsed as HTML by the browser, whatever it contains.

export interface Segment {
  text: string;
  marked: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function highlightSegments(html: string): Segment[] {
  const segments: Segment[] = [];
  let marked = false;
  for (const part of html.split(/(<\/?mark>)/i)) {
    const tag = part.toLowerCase();
    if (tag === '<mark>') marked = true;
    else if (tag === '</mark>') marked = false;
    else if (part) {
      // Any other tag is not expected; its text is kept, its markup dropped.
      const text = decodeEntities(part.replace(/<[^>]*>/g, ''));
      if (text) segments.push({ text, marked });
    }
  }
  return segments;
}
