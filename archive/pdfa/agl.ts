// Membership in the Adobe Glyph List, as 6.2.11.6 needs it for Differences arrays of
// non-symbolic TrueType fonts. We do not ship the 4 500-entry list: names of the standard Latin
// encodings, Greek letters, the uniXXXX / uXXXX[XX] forms, afii Cyrillic names and accented
// Latin letters built by AGL's naming scheme cover what real fonts use.
import { STANDARD_ENCODING, WIN_ANSI } from './encodings.ts';

const EXTRA =
  'exclamdown cent sterling fraction yen florin section currency quotesingle quotedblleft guillemotleft guilsinglleft guilsinglright fi fl endash dagger daggerdbl periodcentered paragraph bullet quotesinglbase quotedblbase quotedblright guillemotright ellipsis perthousand questiondown grave acute circumflex tilde macron breve dotaccent dieresis ring cedilla hungarumlaut ogonek caron emdash AE ordfeminine Lslash Oslash OE ordmasculine ae dotlessi lslash oslash oe germandbls onesuperior twosuperior threesuperior onehalf onequarter threequarters logicalnot mu multiply divide copyright registered trademark degree plusminus brokenbar minus Eth eth Thorn thorn nbspace space notequal infinity lessequal greaterequal partialdiff summation product pi integral Omega radical approxequal Delta lozenge apple ff ffi ffl Euro euro dotlessj Dcroat dcroat Hbar hbar kgreenlandic Lcaron lcaron Ldot ldot napostrophe Eng eng Tbar tbar longs IJ ij Gcommaaccent gcommaaccent overscore underscoredbl middot sfthyphen'.split(
    ' ',
  );
const GREEK = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega'.split(' ');
const ACCENTS = 'acute grave circumflex dieresis tilde ring cedilla caron breve macron ogonek dotaccent hungarumlaut commaaccent tonos dieresistonos'.split(' ');

const NAMES = new Set<string>([
  ...STANDARD_ENCODING.filter((x): x is string => !!x),
  ...WIN_ANSI.filter((x): x is string => !!x),
  ...EXTRA,
  ...GREEK,
  ...GREEK.map((g) => g.toLowerCase()),
  'lambda', 'sigma1', 'theta1', 'phi1', 'omega1', 'Upsilon1',
]);

export function inGlyphList(name: string): boolean {
  if (NAMES.has(name)) return true;
  if (/^uni([0-9A-F]{4})+$/.test(name) || /^u[0-9A-F]{4,6}$/.test(name) || /^afii\d{5}$/.test(name)) return true;
  const accented = /^([A-Za-z]{1,2})([a-z]+)$/.exec(name);
  return !!accented && ACCENTS.includes(accented[2]!);
}
