// Rules that compare a font's dictionaries with its embedded program for the glyphs actually
// shown: widths (6.2.11.5), TrueType cmaps (6.2.11.6), .notdef references (6.2.11.8).
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfStream } from '../objects.ts';
import type { Findings } from '../report.ts';
import { parseSfnt, type Sfnt } from '../sfnt.ts';
import { operations } from '../content.ts';
import type { TextUse } from './graphics.ts';
import { descendant, fontProgram } from './fonts.ts';
import { type1Widths } from '../type1.ts';
import { parseCff } from '../cff.ts';
import { STANDARD_ENCODING, WIN_ANSI, WIN_ANSI_HIGH } from '../encodings.ts';

/** A glyph the program lacks is both undefined (6.2.11.4.1) and rendered as .notdef (6.2.11.8). */
function missingGlyph(f: Findings, what: string, rendered: boolean): void {
  if (rendered) f.add('6.2.11.4.1-2', `${what} is not defined in the embedded font program`);
  f.add('6.2.11.8-1', `${what} is shown with the .notdef glyph`);
}

function codesOf(uses: TextUse[]): Set<number> {
  const s = new Set<number>();
  for (const u of uses) for (const b of u.bytes) s.add(b);
  return s;
}

function pdfWidth(file: PdfFile, font: PdfDict, code: number): number | undefined {
  const first = file.resolve(font.get('FirstChar'));
  const widths = file.resolve(font.get('Widths'));
  if (typeof first !== 'number' || !Array.isArray(widths)) return undefined;
  const w = file.resolve(widths[code - first]);
  return typeof w === 'number' ? w : undefined;
}

function glyphName(file: PdfFile, font: PdfDict, code: number, builtin?: Map<number, string>): string | undefined {
  const enc = file.resolve(font.get('Encoding'));
  const encDict = file.dictOf(enc);
  const diffs = file.resolve(encDict?.get('Differences'));
  if (Array.isArray(diffs)) {
    let c = 0;
    let found: string | undefined;
    for (const x of diffs) {
      const r = file.resolve(x);
      if (typeof r === 'number') c = r;
      else {
        const n = file.nameOf(r);
        if (n !== undefined && c === code) found = n;
        c++;
      }
    }
    if (found) return found;
  }
  const base = file.nameOf(enc) ?? file.nameOf(encDict?.get('BaseEncoding'));
  if (base === 'WinAnsiEncoding') return WIN_ANSI[code];
  if (base === undefined && builtin) return builtin.get(code);
  return STANDARD_ENCODING[code];
}

/** ISO 32000-1 9.6.6.4: character code → glyph id of a TrueType font. */
function trueTypeGlyph(file: PdfFile, font: PdfDict, sfnt: Sfnt, symbolic: boolean, code: number): number | undefined {
  const c30 = sfnt.cmaps.get('3,0');
  const c31 = sfnt.cmaps.get('3,1');
  const c10 = sfnt.cmaps.get('1,0');
  if (symbolic || !c31) {
    if (c30) for (const x of [code, 0xf000 + code, 0xf100 + code, 0xf200 + code]) if (c30.has(x)) return c30.get(x);
    if (c10?.has(code)) return c10.get(code);
    if (c31?.has(code)) return c31.get(code);
    return undefined;
  }
  // Non-symbolic: code → glyph name (encoding) → Unicode → (3,1) cmap. Names we cannot map to
  // Unicode without the full glyph list are left unjudged (-1) rather than guessed.
  const name = glyphName(file, font, code);
  const base = file.nameOf(font.get('Encoding')) ?? file.nameOf(file.dictOf(font.get('Encoding'))?.get('BaseEncoding'));
  const highWinAnsi = base === 'WinAnsiEncoding' && code >= 0x80 ? (code >= 0xa0 ? code : WIN_ANSI_HIGH[code]) : undefined;
  if (name === undefined && highWinAnsi === undefined) return code < 32 ? undefined : -1;
  const uni = name ? /^uni([0-9A-F]{4})$/.exec(name) : null;
  const asciiIndex = name ? WIN_ANSI.indexOf(name) : -1;
  const unicode = uni ? parseInt(uni[1]!, 16) : asciiIndex >= 0 ? asciiIndex : highWinAnsi;
  const g = (unicode !== undefined ? c31.get(unicode) : undefined) ?? c10?.get(code);
  return g === undefined && unicode === undefined ? -1 : g;
}

function checkTrueType(file: PdfFile, font: PdfDict, prog: PdfStream, uses: TextUse[], f: Findings): void {
  const data = file.decode(prog);
  const sfnt = data ? parseSfnt(data) : undefined;
  if (!sfnt) return;
  const fd = file.dictOf(font.get('FontDescriptor'));
  const flags = file.resolve(fd?.get('Flags'));
  const symbolic = typeof flags === 'number' && (flags & 4) !== 0;
  const rendered = uses.filter((u) => u.renderMode !== 3);
  // veraPDF's test is "isSymbolic || nrCmaps >= 1 || renderingMode == 3": any cmap subtable will do; glyphs a
  // non-Unicode, non-Mac cmap cannot reach are judged per code by 6.2.11.4.1-2.
  if (!symbolic && sfnt.cmaps.size === 0 && rendered.length > 0) f.add('6.2.11.6-1', 'a non-symbolic TrueType font used for rendering has no cmap subtable');
  if (symbolic && sfnt.cmaps.size !== 1 && !sfnt.cmaps.has('3,0')) f.add('6.2.11.6-4', 'a symbolic TrueType font program has several cmaps but no (3,0)');
  for (const code of codesOf(uses)) {
    const g = trueTypeGlyph(file, font, sfnt, symbolic, code);
    if (g === -1) continue;
    if (g === undefined || g === 0 || g >= sfnt.numGlyphs) {
      missingGlyph(f, `character code ${code} of a TrueType font`, rendered.length > 0);
      continue;
    }
    if (rendered.length === 0) continue;
    const pw = pdfWidth(file, font, code);
    const adv = sfnt.advances[g];
    if (pw !== undefined && adv !== undefined && Math.abs(pw - (adv * 1000) / sfnt.unitsPerEm) > 1) {
      f.add('6.2.11.5-1', `the width of code ${code} in the Widths array (${pw}) differs from the embedded TrueType program (${Math.round((adv * 1000) / sfnt.unitsPerEm)})`);
    }
  }
}

function checkCidType2(file: PdfFile, font: PdfDict, prog: PdfStream, uses: TextUse[], f: Findings): void {
  const cid = descendant(file, font);
  const data = file.decode(prog);
  const sfnt = data ? parseSfnt(data) : undefined;
  if (!cid || !sfnt) return;
  if (file.nameOf(font.get('Encoding')) !== 'Identity-H' && file.nameOf(font.get('Encoding')) !== 'Identity-V') return;
  const map = file.resolve(cid.get('CIDToGIDMap'));
  const mapData = map instanceof PdfStream ? file.decode(map) : undefined;
  const gidOf = (c: number): number => (mapData ? (mapData[c * 2] ?? 0) * 256 + (mapData[c * 2 + 1] ?? 0) : c);
  // With the Identity map a CID is its glyph id; only glyphs that have outlines count as present.
  if (!mapData && sfnt.withOutline) checkCidSet(file, cid, sfnt.withOutline, f);
  const width = cidWidth(file, cid);
  const rendered = uses.some((u) => u.renderMode !== 3);
  for (const c of cidsOf(uses)) {
    if (c === 0) continue;
    const g = gidOf(c);
    if (g === 0 || g >= sfnt.numGlyphs) {
      missingGlyph(f, `CID ${c} of a CIDFontType2 font`, rendered);
      continue;
    }
    const adv = sfnt.advances[g];
    if (rendered && adv !== undefined && Math.abs(width(c) - (adv * 1000) / sfnt.unitsPerEm) > 1) {
      f.add('6.2.11.5-1', `the width of CID ${c} in the W array (${width(c)}) differs from the embedded TrueType program (${Math.round((adv * 1000) / sfnt.unitsPerEm)})`);
    }
  }
}

function checkType3(file: PdfFile, font: PdfDict, uses: TextUse[], f: Findings): void {
  const procs = file.dictOf(font.get('CharProcs'));
  for (const code of codesOf(uses)) {
    const name = glyphName(file, font, code);
    const proc = name ? file.resolve(procs?.get(name)) : undefined;
    if (!(proc instanceof PdfStream)) continue;
    const data = file.decode(proc);
    if (!data) continue;
    for (const o of operations(data, file.facts)) {
      if (o.op !== 'd0' && o.op !== 'd1') continue;
      const wx = o.args[0];
      const pw = pdfWidth(file, font, code);
      if (typeof wx === 'number' && pw !== undefined && Math.abs(wx - pw) > 1) {
        f.add('6.2.11.5-1', `the width of glyph ${name} in the Widths array (${pw}) differs from its glyph description (${wx})`);
      }
      break;
    }
  }
}

function checkType1(file: PdfFile, font: PdfDict, prog: PdfStream, uses: TextUse[], f: Findings): void {
  const data = file.decode(prog);
  if (!data) return;
  const t1 = type1Widths(data, prog.dict, file);
  if (!t1) return;
  const fd = file.dictOf(font.get('FontDescriptor'));
  const charset = file.resolve(fd?.get('CharSet'));
  if (charset instanceof Object && 'text' in charset && typeof charset.text === 'function') {
    const listed = new Set(String(charset.text()).split('/').filter((x) => x.length > 0).map((x) => x.trim()));
    const present = new Set([...t1.widths.keys()].filter((n) => n !== '.notdef'));
    const same = listed.size === present.size && [...present].every((n) => listed.has(n));
    if (!same) f.add('6.2.11.4.2-1', 'the CharSet of a Type 1 font does not list exactly the glyphs in its program');
  }
  if (uses.every((u) => u.renderMode === 3)) return;
  for (const code of codesOf(uses)) {
    const name = glyphName(file, font, code, t1.encoding);
    // Our encoding tables name the ASCII range; other codes without a Differences entry are not judged.
    if (name === '.notdef' || (name === undefined && code < 32)) {
      f.add('6.2.11.8-1', `character code ${code} of a Type 1 font shows the .notdef glyph`);
      continue;
    }
    if (name === undefined) continue;
    const w = t1.widths.get(name);
    if (w === undefined) {
      missingGlyph(f, `glyph ${name} of a Type 1 font`, true);
      continue;
    }
    const pw = pdfWidth(file, font, code);
    const scaled = w * t1.scale;
    if (pw !== undefined && Math.abs(pw - scaled) > 1) f.add('6.2.11.5-1', `the width of glyph ${name} in the Widths array (${pw}) differs from the embedded Type 1 program (${Math.round(scaled)})`);
  }
}

/** With Identity-H/V the code is the CID, and CID 0 is always .notdef. */
function checkCidZero(file: PdfFile, font: PdfDict, uses: TextUse[], f: Findings): void {
  const enc = file.nameOf(font.get('Encoding'));
  if (enc !== 'Identity-H' && enc !== 'Identity-V') return;
  for (const u of uses) {
    for (let i = 0; i + 1 < u.bytes.length; i += 2) {
      if (u.bytes[i] === 0 && u.bytes[i + 1] === 0) f.add('6.2.11.8-1', 'a text showing operator refers to CID 0, the .notdef glyph');
    }
  }
}

function checkType1C(file: PdfFile, font: PdfDict, prog: PdfStream, uses: TextUse[], f: Findings): void {
  const data = file.decode(prog);
  const cff = data ? parseCff(data) : undefined;
  if (!cff) return;
  const byName = new Map<string, number>();
  cff.names.forEach((n, g) => n !== undefined && byName.set(n, g));
  const allNamed = cff.names.every((n) => n !== undefined);
  const fd = file.dictOf(font.get('FontDescriptor'));
  const charset = file.resolve(fd?.get('CharSet'));
  if (allNamed && charset instanceof Object && 'text' in charset && typeof charset.text === 'function') {
    const listed = new Set(String(charset.text()).split('/').map((x) => x.trim()).filter((x) => x.length > 0));
    const present = [...byName.keys()].filter((n) => n !== '.notdef');
    if (listed.size !== present.length || present.some((n) => !listed.has(n))) {
      f.add('6.2.11.4.2-1', 'the CharSet of a Type 1 font does not list exactly the glyphs in its program');
    }
  }
  const rendered = uses.some((u) => u.renderMode !== 3);
  for (const code of codesOf(uses)) {
    const name = glyphName(file, font, code, cff.builtinEncoding);
    if (name === '.notdef' || (name === undefined && code < 32)) {
      f.add('6.2.11.8-1', `character code ${code} of a Type 1 (CFF) font shows the .notdef glyph`);
      continue;
    }
    if (name === undefined) continue;
    const g = byName.get(name);
    if (g === undefined) {
      if (allNamed) missingGlyph(f, `glyph ${name} of a Type 1 (CFF) font`, rendered);
      continue;
    }
    const w = cff.widths[g];
    const pw = pdfWidth(file, font, code);
    if (rendered && w !== undefined && pw !== undefined && Math.abs(pw - w * cff.scale) > 1) {
      f.add('6.2.11.5-1', `the width of glyph ${name} in the Widths array (${pw}) differs from the embedded CFF program (${Math.round(w * cff.scale)})`);
    }
  }
}

/** CID → width from the W array and DW of a CIDFont (ISO 32000-1 9.7.4.3). */
function cidWidth(file: PdfFile, cidFont: PdfDict): (cid: number) => number {
  const dw = file.resolve(cidFont.get('DW'));
  const map = new Map<number, number>();
  const w = file.resolve(cidFont.get('W'));
  const arr = Array.isArray(w) ? w.map((x) => file.resolve(x)) : [];
  for (let i = 0; i < arr.length; ) {
    const first = arr[i];
    const next = arr[i + 1];
    if (typeof first !== 'number') break;
    if (Array.isArray(next)) {
      next.forEach((x, k) => {
        const v = file.resolve(x);
        if (typeof v === 'number') map.set(first + k, v);
      });
      i += 2;
    } else {
      const last = next;
      const v = arr[i + 2];
      if (typeof last !== 'number' || typeof v !== 'number') break;
      for (let c = first; c <= last && c - first < 65536; c++) map.set(c, v);
      i += 3;
    }
  }
  return (cid) => map.get(cid) ?? (typeof dw === 'number' ? dw : 1000);
}

function cidsOf(uses: TextUse[]): Set<number> {
  const s = new Set<number>();
  for (const u of uses) for (let i = 0; i + 1 < u.bytes.length; i += 2) s.add((u.bytes[i]! << 8) | u.bytes[i + 1]!);
  return s;
}

function checkCidSet(file: PdfFile, cidFont: PdfDict, present: Iterable<number>, f: Findings): void {
  const set = file.resolve(file.dictOf(cidFont.get('FontDescriptor'))?.get('CIDSet'));
  if (!(set instanceof PdfStream)) return;
  const bits = file.decode(set);
  if (!bits) return;
  for (const cid of present) {
    if (cid === 0) continue;
    const byte = bits[cid >> 3] ?? 0;
    if ((byte & (0x80 >> (cid & 7))) === 0) {
      f.add('6.2.11.4.2-2', `the CIDSet of a CIDFont does not include CID ${cid}, which its font program contains`);
      return;
    }
  }
}

function checkCidType0(file: PdfFile, font: PdfDict, prog: PdfStream, uses: TextUse[], f: Findings): void {
  const cidFont = descendant(file, font);
  const data = file.decode(prog);
  const cff = data ? parseCff(data) : undefined;
  if (!cidFont || !cff) return;
  const cids = cff.cids ?? cff.names.map((_, g) => g);
  checkCidSet(file, cidFont, cids, f);
  const enc = file.nameOf(font.get('Encoding'));
  if (enc !== 'Identity-H' && enc !== 'Identity-V') return;
  const gidOf = new Map<number, number>();
  cids.forEach((c, g) => gidOf.set(c, g));
  const width = cidWidth(file, cidFont);
  const rendered = uses.some((u) => u.renderMode !== 3);
  for (const cid of cidsOf(uses)) {
    if (cid === 0) continue;
    const g = gidOf.get(cid);
    if (g === undefined) {
      missingGlyph(f, `CID ${cid} of a CIDFontType0 font`, rendered);
      continue;
    }
    const w = cff.widths[g];
    if (rendered && w !== undefined && Math.abs(width(cid) - w * cff.scale) > 1) {
      f.add('6.2.11.5-1', `the width of CID ${cid} in the W array (${width(cid)}) differs from the embedded CFF program (${Math.round(w * cff.scale)})`);
    }
  }
}

export function checkFontPrograms(file: PdfFile, font: PdfDict, uses: TextUse[], f: Findings): void {
  const sub = file.nameOf(font.get('Subtype'));
  if (sub === 'Type0') checkCidZero(file, font, uses, f);
  if (sub === 'Type3') return checkType3(file, font, uses, f);
  const prog = fontProgram(file, font);
  if (!prog) return;
  if (sub === 'TrueType' && prog.key === 'FontFile2') checkTrueType(file, font, prog.stream, uses, f);
  if (sub === 'Type0' && prog.key === 'FontFile2') checkCidType2(file, font, prog.stream, uses, f);
  if ((sub === 'Type1' || sub === 'MMType1') && prog.key === 'FontFile') checkType1(file, font, prog.stream, uses, f);
  const ff3 = file.nameOf(prog.stream.dict.get('Subtype'));
  if ((sub === 'Type1' || sub === 'MMType1') && prog.key === 'FontFile3' && ff3 === 'Type1C') checkType1C(file, font, prog.stream, uses, f);
  if (sub === 'Type0' && prog.key === 'FontFile3' && ff3 === 'CIDFontType0C') checkCidType0(file, font, prog.stream, uses, f);
}
