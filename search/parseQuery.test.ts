import { describe, expect, it } from 'vitest';
import { markedHtml, escapeHtml } from './highlight.ts';
import { documentNumbers, foldYo, normalizeNumber } from './normalize.ts';
import { parseQueryText } from './parseQuery.ts';

describe('parseQueryText', () => {
  it('returns null for blank text', () => {
    expect(parseQueryText('   ', true)).toBeNull();
  });

  it('takes the last word as a prefix while typing, not after a space or when typing is off', () => {
    expect(parseQueryText('ремонт благоустр', true)).toMatchObject({ words: 'ремонт', prefix: 'благоустр' });
    expect(parseQueryText('ремонт благоустр ', true)).toMatchObject({ words: 'ремонт благоустр', prefix: null });
    expect(parseQueryText('ремонт благоустр', false)).toMatchObject({ words: 'ремонт благоустр', prefix: null });
  });

  it('never takes an excluded word, a phrase or a too short word as a prefix', () => {
    expect(parseQueryText('письмо -ремонт', true)?.prefix).toBeNull();
    expect(parseQueryText('"ремонт дорог"', true)?.prefix).toBeNull();
    expect(parseQueryText('"ремонт дорог', true)?.prefix).toBeNull();
    expect(parseQueryText('письмо по', true)?.prefix).toBeNull();
  });

  it('folds ё and lower-cases', () => {
    expect(parseQueryText('Ёлочный ПРАЗДНИК', false)?.words).toBe('елочный праздник');
  });

  it('collects normalised numbers from the whole text and from tokens with digits', () => {
    const parsed = parseQueryText('№ Вх – 12/2026', false);
    expect(parsed?.numbers).toContain('вх-12/2026');
    expect(parseQueryText('ИНН 7701234567 письмо', false)?.numbers).toContain('7701234567');
    expect(parseQueryText('письмо', false)?.numbers).toEqual([]);
    expect(parseQueryText('письмо -2025', false)?.numbers).toEqual(['письмо-2025']);
  });

  it('gives plain words for fuzzy matching', () => {
    expect(parseQueryText('"Иваноф" -Петр', false)?.fuzzy).toBe('иваноф петр');
  });
});

describe('normalizeNumber', () => {
  it('treats spacing, case, № and dash variants as one number', () => {
    expect(normalizeNumber('№ ВХ — 12 / 2026')).toBe('вх-12/2026');
    expect(normalizeNumber('вх-12/2026')).toBe('вх-12/2026');
    expect(foldYo('Ёж ёлка')).toBe('Еж елка');
  });

  it('collects document numbers without duplicates or blanks', () => {
    expect(documentNumbers({ regNumber: 'Вх-1', outNumber: ' ', inns: ['7701234567', '7701234567'] })).toEqual(['вх-1', '7701234567']);
  });
});

describe('markedHtml', () => {
  it('escapes everything except the marks', () => {
    expect(markedHtml('a < b & "c" \uE000ремонт\uE001')).toBe('a &lt; b &amp; &quot;c&quot; <mark>ремонт</mark>');
    expect(escapeHtml("'")).toBe('&#39;');
  });

  it('leaves out snippets without a match', () => {
    expect(markedHtml('просто текст')).toBeUndefined();
    expect(markedHtml(null)).toBeUndefined();
  });
});
