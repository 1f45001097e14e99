// Text normalisation shared by indexing and querying: whatever is folded on one side must be folded on the other.

/** ё → е, as Russian users type either; the `russian` stemmer is not relied upon to do it. */
export function foldYo(text: string): string {
  return text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

// \uE000/\uE001 mark highlights inside ts_headline output (see postgres/sql/headline.sql.ts); control characters
// and those two private-use characters are removed from indexed text so that a document cannot forge a mark.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uE000\uE001]/g;

export function cleanText(text: string): string {
  return text.replace(UNSAFE, ' ');
}

/**
 * The comparable form of a registration number, outgoing number, INN or OGRN: lower case, ё → е, no spaces,
 * no «№», every dash the same. «Вх-12/2026», «вх – 12 / 2026» and «№ ВХ-12/2026» are one number.
 */
export function normalizeNumber(raw: string): string {
  return foldYo(raw)
    .toLowerCase()
    .replace(/[№#]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '');
}

/** The `numbers` keys of a document: its registration and outgoing numbers and the correspondents' INN/OGRN. */
export function documentNumbers(doc: { regNumber: string | null; outNumber: string | null; inns: string[] }): string[] {
  const keys = new Set<string>();
  for (const raw of [doc.regNumber, doc.outNumber, ...doc.inns]) {
    if (!raw) continue;
    const key = normalizeNumber(raw);
    if (key) keys.add(key);
  }
  return [...keys];
}
