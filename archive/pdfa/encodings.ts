// Glyph names of the printable ASCII range in StandardEncoding and WinAnsiEncoding
// (ISO 32000-1 Annex D); enough to name the glyphs of simple fonts for width checks.
const ASCII =
  'space exclam quotedbl numbersign dollar percent ampersand quoteright parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum underscore quoteleft a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde'.split(
    ' ',
  );

export const STANDARD_ENCODING: (string | undefined)[] = [];
export const WIN_ANSI: (string | undefined)[] = [];
ASCII.forEach((n, i) => {
  STANDARD_ENCODING[32 + i] = n;
  WIN_ANSI[32 + i] = n === 'quoteright' ? 'quotesingle' : n === 'quoteleft' ? 'grave' : n;
});

/** WinAnsiEncoding (cp1252) 0x80–0x9F → Unicode; 0xA0–0xFF equal their code, five slots are unused. */
export const WIN_ANSI_HIGH: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
