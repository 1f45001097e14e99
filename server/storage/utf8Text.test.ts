import { describe, expect, it } from 'vitest';
import { Utf8TextDetector } from './utf8Text.ts';

function isText(...chunks: number[][]): boolean {
  const detector = new Utf8TextDetector();
  for (const chunk of chunks) detector.update(Uint8Array.from(chunk));
  return detector.isText;
}

describe('UTF-8 text detection', () => {
  it.each([
    ['ASCII with tabs, CR LF and form feed', [...Buffer.from('a\tb\r\nc\f')]],
    ['Cyrillic', [...Buffer.from('Постановление № 5')]],
    ['a BOM', [0xef, 0xbb, 0xbf, 0x41]],
    ['four-byte characters', [...Buffer.from('📄 U+10FFFF: \u{10ffff}')]],
    ['nothing at all', []],
  ])('accepts %s', (_label, bytes) => {
    expect(isText(bytes)).toBe(true);
  });

  it.each([
    ['a NUL byte', [0x41, 0x00, 0x42]],
    ['a bell control', [0x07]],
    ['a lone continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0x41, 0xd0]],
    ['Windows-1251 Cyrillic', [0xcf, 0xf0, 0xe8]],
  ])('refuses %s', (_label, bytes) => {
    expect(isText(bytes)).toBe(false);
  });

  it('follows a multi-byte character split across chunks', () => {
    const bytes = [...Buffer.from('ё📄')];
    expect(isText(bytes.slice(0, 1), bytes.slice(1, 3), bytes.slice(3))).toBe(true);
    expect(isText([0xf0, 0x9f], [0x41])).toBe(false);
  });
});
