// ISO 19005-2 6.2.11: fonts. Dictionary-level rules for every font; embedding, encoding and
// glyph rules for the fonts actually used to show text.
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfName, PdfStream, type PdfValue } from '../objects.ts';
import type { Findings } from '../report.ts';
import type { TextUse } from './graphics.ts';
import { checkFontPrograms } from './fontPrograms.ts';
import { inGlyphList } from '../agl.ts';
import { parseSfnt } from '../sfnt.ts';

const SUBTYPES = new Set(['Type0', 'Type1', 'MMType1', 'Type3', 'TrueType', 'CIDFontType0', 'CIDFontType2']);
const STANDARD_14 = new Set([
  'Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic', 'Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique',
  'Helvetica-BoldOblique', 'Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique', 'Symbol', 'ZapfDingbats',
]);
/** ISO 32000-1 Table 118: predefined CMaps. */
const PREDEFINED_CMAP =
  /^(Identity-[HV]|(GB-EUC|GBpc-EUC|GBK-EUC|GBKp-EUC|GBK2K|UniGB-UCS2|UniGB-UTF16|B5pc|HKscs-B5|ETen-B5|ETenms-B5|CNS-EUC|UniCNS-UCS2|UniCNS-UTF16|83pv-RKSJ|90ms-RKSJ|90msp-RKSJ|90pv-RKSJ|Add-RKSJ|EUC|Ext-RKSJ|UniJIS-UCS2|UniJIS-UCS2-HW|UniJIS-UTF16|KSC-EUC|KSCms-UHC|KSCms-UHC-HW|KSCpc-EUC|UniKS-UCS2|UniKS-UTF16|H|V)(-[HV])?)$/;
const CMAP_ORDERING: [RegExp, string][] = [
  [/GB|UniGB/, 'GB1'],
  [/B5|CNS|ETen|HKscs/, 'CNS1'],
  [/RKSJ|EUC-[HV]|^EUC|UniJIS|^H$|^V$/, 'Japan1'],
  [/KSC|UniKS/, 'Korea1'],
];

export function descendant(file: PdfFile, font: PdfDict): PdfDict | undefined {
  const d = file.resolve(font.get('DescendantFonts'));
  return Array.isArray(d) ? file.dictOf(d[0]) : undefined;
}

export function fontProgram(file: PdfFile, font: PdfDict): { key: string; stream: PdfStream } | undefined {
  const target = file.nameOf(font.get('Subtype')) === 'Type0' ? descendant(file, font) : font;
  const fd = file.dictOf(target?.get('FontDescriptor'));
  for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
    const s = file.resolve(fd?.get(key));
    if (s instanceof PdfStream) return { key, stream: s };
  }
  return undefined;
}

function checkDictionary(file: PdfFile, font: PdfDict, f: Findings): void {
  const sub = file.nameOf(font.get('Subtype')) ?? '';
  if (file.nameOf(font.get('Type')) !== 'Font') f.add('6.2.11.2-1', 'a font dictionary has no /Type /Font');
  if (!SUBTYPES.has(sub)) f.add('6.2.11.2-2', `a font has the subtype ${sub || '(none)'}`);
  const base = file.nameOf(font.get('BaseFont'));
  if (sub !== 'Type3' && base === undefined) f.add('6.2.11.2-3', `a ${sub} font has no BaseFont`);
  if (sub === 'Type1' || sub === 'TrueType' || sub === 'MMType1' || sub === 'Type3') {
    const std = sub !== 'Type3' && base !== undefined && STANDARD_14.has(base) && !fontProgram(file, font);
    const first = file.resolve(font.get('FirstChar'));
    const last = file.resolve(font.get('LastChar'));
    const widths = file.resolve(font.get('Widths'));
    if (!std) {
      if (typeof first !== 'number') f.add('6.2.11.2-4', `the ${sub} font ${base ?? ''} has no FirstChar`);
      if (typeof last !== 'number') f.add('6.2.11.2-5', `the ${sub} font ${base ?? ''} has no LastChar`);
      if (!Array.isArray(widths) || (typeof first === 'number' && typeof last === 'number' && widths.length !== last - first + 1)) {
        f.add('6.2.11.2-6', `the ${sub} font ${base ?? ''} has no Widths array of LastChar − FirstChar + 1 entries`);
      }
    }
  }
  const prog = fontProgram(file, font);
  if (prog?.key === 'FontFile3') {
    const s = file.nameOf(prog.stream.dict.get('Subtype'));
    if (!s || !['Type1C', 'CIDFontType0C', 'OpenType'].includes(s)) f.add('6.2.11.2-7', `an embedded font program has the subtype ${s ?? '(none)'}`);
  }
  if (sub === 'Type0') checkComposite(file, font, f);
  if (sub === 'TrueType') checkTrueTypeEncoding(file, font, f);
}

function cidSystemInfo(file: PdfFile, v: PdfValue | undefined): { registry: string; ordering: string; supplement: number } | undefined {
  const d = file.dictOf(v);
  if (!d) return undefined;
  const s = (x: PdfValue | undefined): string => {
    const r = file.resolve(x);
    return r instanceof Object && 'text' in r && typeof r.text === 'function' ? String(r.text()) : '';
  };
  const sup = file.resolve(d.get('Supplement'));
  return { registry: s(d.get('Registry')), ordering: s(d.get('Ordering')), supplement: typeof sup === 'number' ? sup : 0 };
}

function programSystemInfo(text: string): { registry: string; ordering: string; supplement: number } | undefined {
  const registry = /\/Registry\s*\(([^)]*)\)/.exec(text)?.[1];
  const ordering = /\/Ordering\s*\(([^)]*)\)/.exec(text)?.[1];
  const supplement = /\/Supplement\s+(\d+)/.exec(text)?.[1];
  return registry !== undefined && ordering !== undefined ? { registry, ordering, supplement: Number(supplement ?? 0) } : undefined;
}

function checkComposite(file: PdfFile, font: PdfDict, f: Findings): void {
  const cid = descendant(file, font);
  const enc = file.resolve(font.get('Encoding'));
  const cidInfo = cidSystemInfo(file, cid?.get('CIDSystemInfo'));
  if (enc instanceof PdfName) {
    if (!PREDEFINED_CMAP.test(enc.name)) f.add('6.2.11.3.3-1', `the CMap ${enc.name} is neither predefined nor embedded`);
    else if (!enc.name.startsWith('Identity')) {
      const ordering = CMAP_ORDERING.find(([re]) => re.test(enc.name))?.[1];
      // veraPDF's test wants the CIDFont's Registry and Ordering present and equal to the CMap's.
      if (!cidInfo) f.add('6.2.11.3.1-1', `the CIDFont of a Type 0 font with the CMap ${enc.name} has no CIDSystemInfo`);
      else if (ordering && (cidInfo.registry !== 'Adobe' || cidInfo.ordering !== ordering)) {
        f.add('6.2.11.3.1-1', `the CIDFont's CIDSystemInfo (${cidInfo.registry}-${cidInfo.ordering}) does not match the CMap ${enc.name}`);
      }
    }
  } else if (enc instanceof PdfStream) {
    const text = new TextDecoder('latin1').decode(file.decode(enc) ?? new Uint8Array());
    // The CMap's system info is in its stream dictionary or, failing that, in the CMap program itself; veraPDF
    // fails the font when either side has none (its test requires non-null Registry, Ordering and Supplement).
    const cmapInfo = cidSystemInfo(file, enc.dict.get('CIDSystemInfo')) ?? programSystemInfo(text);
    if (!cidInfo || !cmapInfo) {
      f.add('6.2.11.3.1-1', `the ${cidInfo ? 'embedded CMap' : 'CIDFont'} of a Type 0 font has no CIDSystemInfo`);
    } else if (cidInfo.registry !== cmapInfo.registry || cidInfo.ordering !== cmapInfo.ordering || cidInfo.supplement > cmapInfo.supplement) {
      f.add('6.2.11.3.1-1', 'the CIDSystemInfo of the CIDFont and of the CMap are incompatible');
    }
    const use = file.resolve(enc.dict.get('UseCMap'));
    if (use instanceof PdfName && !PREDEFINED_CMAP.test(use.name)) f.add('6.2.11.3.3-3', `the CMap refers to the non-standard CMap ${use.name}`);
    if (use instanceof PdfStream) {
      const name = file.nameOf(use.dict.get('CMapName'));
      if (!name || !PREDEFINED_CMAP.test(name)) f.add('6.2.11.3.3-3', `the CMap refers to the embedded non-standard CMap ${name ?? '(unnamed)'}`);
    }
    const usecmap = /\/([^\s/]+)\s+usecmap/.exec(text);
    if (usecmap && !PREDEFINED_CMAP.test(usecmap[1]!)) f.add('6.2.11.3.3-3', `the CMap refers to the non-standard CMap ${usecmap[1]}`);
    const wmode = /\/WMode\s+(\d)/.exec(text);
    const dictMode = file.resolve(enc.dict.get('WMode'));
    // Both sides default to 0 (horizontal): veraPDF compares them even when only one states a WMode.
    if (Number(wmode?.[1] ?? 0) !== (typeof dictMode === 'number' ? dictMode : 0)) f.add('6.2.11.3.3-2', 'the WMode of the CMap dictionary differs from the embedded CMap');
    for (const m of text.matchAll(/begincidrange([\s\S]*?)endcidrange/g)) {
      for (const line of m[1]!.matchAll(/<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*(\d+)/g)) if (Number(line[1]) > 65535) f.add('6.1.13-10', 'a CMap maps to a CID greater than 65535');
    }
    for (const m of text.matchAll(/begincidchar([\s\S]*?)endcidchar/g)) {
      for (const line of m[1]!.matchAll(/<[0-9a-fA-F]+>\s*(\d+)/g)) if (Number(line[1]) > 65535) f.add('6.1.13-10', 'a CMap maps to a CID greater than 65535');
    }
  }
  if (cid && file.nameOf(cid.get('Subtype')) === 'CIDFontType2' && fontProgram(file, font)) {
    const map = file.resolve(cid.get('CIDToGIDMap'));
    if (!(map instanceof PdfStream) && file.nameOf(map) !== 'Identity') f.add('6.2.11.3.2-1', 'an embedded CIDFontType2 font has no CIDToGIDMap stream or /Identity');
  }
}

function fontFlags(file: PdfFile, font: PdfDict): number {
  const fd = file.dictOf(font.get('FontDescriptor'));
  const flags = file.resolve(fd?.get('Flags'));
  return typeof flags === 'number' ? flags : 0;
}

function checkTrueTypeEncoding(file: PdfFile, font: PdfDict, f: Findings): void {
  const symbolic = (fontFlags(file, font) & 4) !== 0;
  const enc = file.resolve(font.get('Encoding'));
  if (symbolic) {
    if (enc !== undefined) f.add('6.2.11.6-3', 'a symbolic TrueType font has an Encoding entry');
    return;
  }
  // As veraPDF reads 6.2.11.6: a named encoding must be MacRoman or WinAnsi; an encoding dictionary with a
  // Differences array is "custom" and is allowed whatever its BaseEncoding, provided every name is in the Adobe
  // Glyph List and the embedded program has a Microsoft Unicode (3,1) cmap; without Differences its BaseEncoding
  // counts.
  const dict = file.dictOf(enc);
  const diffs = file.resolve(dict?.get('Differences'));
  const names = (Array.isArray(diffs) ? diffs : []).map((d) => file.nameOf(d)).filter((n): n is string => n !== undefined);
  if (names.length > 0) {
    for (const n of names) if (!inGlyphList(n)) f.add('6.2.11.6-2', `the Differences array of a non-symbolic TrueType font names ${n}, which is not in the Adobe Glyph List`);
    const prog = fontProgram(file, font);
    const data = prog?.key === 'FontFile2' ? file.decode(prog.stream) : undefined;
    const sfnt = data ? parseSfnt(data) : undefined;
    if (sfnt && !sfnt.cmaps.has('3,1')) f.add('6.2.11.6-2', 'a non-symbolic TrueType font has a Differences array but its program has no Microsoft Unicode (3,1) cmap');
    return;
  }
  const name = enc instanceof PdfName ? enc.name : file.nameOf(dict?.get('BaseEncoding'));
  if (name !== 'MacRomanEncoding' && name !== 'WinAnsiEncoding') {
    f.add('6.2.11.6-2', 'a non-symbolic TrueType font does not use MacRomanEncoding or WinAnsiEncoding');
  }
}

export function checkFonts(file: PdfFile, f: Findings, text: TextUse[]): void {
  const used = new Map<PdfDict, TextUse[]>();
  for (const t of text) {
    const list = used.get(t.font) ?? [];
    list.push(t);
    used.set(t.font, list);
  }
  // The dictionary rules too are for fonts that show text: veraPDF reaches a PDFont only through a text-showing
  // operator (and a Type0 font's descendant from there), so a font no content uses breaks nothing.
  const cidFont = (font: PdfDict, sub: string): void => {
    if (file.nameOf(font.get('Type')) !== 'Font') f.add('6.2.11.2-1', 'a CIDFont dictionary has no /Type /Font');
    if (file.nameOf(font.get('BaseFont')) === undefined) f.add('6.2.11.2-3', `a ${sub} font has no BaseFont`);
  };
  for (const font of used.keys()) {
    const sub = file.nameOf(font.get('Subtype'));
    if (sub === 'CIDFontType0' || sub === 'CIDFontType2') {
      cidFont(font, sub);
      continue;
    }
    checkDictionary(file, font, f);
    const d = sub === 'Type0' ? descendant(file, font) : undefined;
    const dsub = d ? file.nameOf(d.get('Subtype')) : undefined;
    if (d && (dsub === 'CIDFontType0' || dsub === 'CIDFontType2')) cidFont(d, dsub);
  }
  for (const [font, uses] of used) {
    const sub = file.nameOf(font.get('Subtype'));
    const rendered = uses.some((u) => u.renderMode !== 3);
    if (sub !== 'Type3' && rendered && !fontProgram(file, font)) {
      f.add('6.2.11.4.1-1', `the font ${file.nameOf(font.get('BaseFont')) ?? ''} is used for rendering but not embedded`);
    }
    checkFontPrograms(file, font, uses, f);
  }
}
