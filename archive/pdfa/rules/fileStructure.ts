// ISO 19005-2 6.1: file structure (header, trailer, xref, strings, streams, filters, names,
// indirect objects, permissions, implementation limits).
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfName, PdfStream, PdfString, type PdfValue } from '../objects.ts';
import { numbers, pages } from '../pages.ts';
import type { Findings } from '../report.ts';

const STANDARD_FILTERS = new Set([
  'ASCIIHexDecode', 'ASCII85Decode', 'FlateDecode', 'RunLengthDecode', 'CCITTFaxDecode', 'JBIG2Decode', 'DCTDecode',
  'JPXDecode', 'Crypt', 'LZWDecode',
]);

function isFileId(file: PdfFile, v: PdfValue | undefined): boolean {
  const r = file.resolve(v);
  return Array.isArray(r) && r.length === 2 && r.every((x) => {
    const v = file.resolve(x);
    return v instanceof PdfString && v.bytes.length > 0;
  });
}

export function checkFileStructure(file: PdfFile, f: Findings): void {
  if (!file.header.headerOk) f.add('6.1.2-1', `the file header is not "%PDF-1.n" followed by a single EOL (found ${JSON.stringify(file.start(10))})`);
  else if (!file.header.binaryCommentOk) f.add('6.1.2-2', 'the header line is not followed by a comment with at least four bytes above 127');

  const trailer = file.trailer();
  if (file.linearized && file.firstTrailer && !isFileId(file, file.firstTrailer.get('ID'))) {
    f.add('6.1.3-1', 'the first-page trailer of the linearized file has no valid ID');
  }
  if (!trailer || !isFileId(file, trailer.get('ID'))) f.add('6.1.3-1', 'the trailer has no ID array of two strings');
  for (const t of file.trailers) if (t.has('Encrypt')) f.add('6.1.3-2', 'the trailer contains the Encrypt key');
  if (!file.eofOk) f.add('6.1.3-3', 'data follows the last %%EOF marker');
  if (!file.xrefKeywordOk) f.add('6.1.4-2', 'the xref keyword is not followed by a single EOL and the subsection header');
  if (!file.xrefHeaderOk) f.add('6.1.4-1', 'a cross-reference subsection header does not separate its two numbers by a single space');

  for (const s of file.syntax) {
    if (!s.numGenSingleSpace || !s.genObjSingleSpace) f.add('6.1.9-1', `object ${s.key}: numbers and the obj keyword are not separated by single spaces`);
    if (!s.precededByEol) f.add('6.1.9-1', `object ${s.key} is not preceded by an EOL marker`);
    if (!s.objFollowedByEol) f.add('6.1.9-1', `object ${s.key}: the obj keyword is not followed by an EOL marker`);
    if (!s.endobjPrecededByEol) f.add('6.1.9-1', `object ${s.key}: endobj is not preceded by an EOL marker`);
    if (!s.endobjFollowedByEol) f.add('6.1.9-1', `object ${s.key}: endobj is not followed by an EOL marker`);
  }
  for (const s of file.streams) {
    const len = file.resolve(s.declaredLength);
    if (len !== s.actualLength) f.add('6.1.7.1-1', `stream ${s.key}: Length ${String(len)} differs from the ${s.actualLength} bytes present`);
    if (!s.streamKeywordEolOk || !s.endstreamPrecededByEol) f.add('6.1.7.1-2', `stream ${s.key}: the stream/endstream keywords are not delimited by EOL markers`);
  }
  if (file.objects.size > 8388607) f.add('6.1.13-7', 'the file contains more than 8388607 indirect objects');

  for (const [key, v] of file.allObjects()) {
    if (!(v instanceof PdfStream)) continue;
    const d = v.dict;
    if (d.has('F') || d.has('FFilter') || d.has('FDecodeParms')) f.add('6.1.7.1-3', `stream ${key} has an F, FFilter or FDecodeParms key`);
    const filter = file.resolve(d.get('Filter'));
    const parms = file.resolve(d.get('DecodeParms'));
    const list = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
    list.forEach((x, i) => {
      const name = file.nameOf(x);
      if (name === undefined) return;
      const p = file.dictOf(Array.isArray(parms) ? parms[i] : parms);
      if (name === 'LZWDecode' || !STANDARD_FILTERS.has(name)) f.add('6.1.7.2-1', `stream ${key} uses the filter ${name}`);
      else if (name === 'Crypt' && file.nameOf(p?.get('Name')) !== 'Identity') f.add('6.1.7.2-1', `stream ${key} uses the Crypt filter`);
    });
  }

  const perms = file.dictOf(file.catalog()?.get('Perms'));
  if (perms) {
    for (const k of perms.map.keys()) if (k !== 'UR3' && k !== 'DocMDP') f.add('6.1.12-1', `the permissions dictionary contains ${k}`);
    const docmdp = file.dictOf(perms.get('DocMDP'));
    if (docmdp) {
      const refs = file.resolve(docmdp.get('Reference'));
      for (const r of Array.isArray(refs) ? refs : []) {
        const sr = file.dictOf(r);
        if (sr && (sr.has('DigestLocation') || sr.has('DigestMethod') || sr.has('DigestValue'))) {
          f.add('6.1.12-2', 'a signature reference dictionary contains DigestLocation, DigestMethod or DigestValue');
        }
      }
    }
  }

  for (const p of pages(file)) {
    const boxes: [string, PdfValue | undefined][] = [
      ['MediaBox', p.mediaBox], ['CropBox', p.cropBox], ['BleedBox', p.dict.get('BleedBox')],
      ['TrimBox', p.dict.get('TrimBox')], ['ArtBox', p.dict.get('ArtBox')],
    ];
    for (const [name, box] of boxes) {
      const n = numbers(file, box);
      if (!n || n.length !== 4) continue;
      const w = Math.abs(n[2]! - n[0]!);
      const h = Math.abs(n[3]! - n[1]!);
      if (w < 3 || h < 3 || w > 14400 || h > 14400) f.add('6.1.13-11', `a page ${name} is ${w}×${h}, outside 3…14400 units`);
    }
  }
  checkNames(file, f);
}

/** Lexical limits found while reading the file and its content streams (6.1.6, 6.1.13). */
export function checkLexicalLimits(file: PdfFile, f: Findings): void {
  const x = file.facts;
  if (x.oddHex) f.add('6.1.6-1', 'a hexadecimal string has an odd number of digits');
  if (x.badHex) f.add('6.1.6-2', 'a hexadecimal string contains a non-hexadecimal character');
  if (x.bigInt) f.add('6.1.13-1', 'an integer lies outside −2147483648…2147483647');
  if (x.bigReal) f.add('6.1.13-2', 'a real number exceeds ±3.403 × 10^38');
  if (x.longString) f.add('6.1.13-3', 'a string is longer than 32767 bytes');
  if (x.longName) f.add('6.1.13-4', 'a name is longer than 127 bytes');
  if (x.tinyReal) f.add('6.1.13-5', 'a non-zero real number is closer to zero than ±1.175 × 10^−38');
}

function validUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** 6.1.8: colourant and font names must be UTF-8 after #-unescaping. */
function checkNames(file: PdfFile, f: Findings): void {
  const visit = (v: PdfValue | undefined, depth: number): void => {
    if (depth > 4 || !Array.isArray(v)) return;
    const family = file.nameOf(v[0]);
    if (family === 'Separation') {
      const n = file.resolve(v[1]);
      if (n instanceof PdfName && !validUtf8(n.raw)) f.add('6.1.8-1', 'a Separation colourant name is not valid UTF-8');
    } else if (family === 'DeviceN' || family === 'NChannel') {
      const names = file.resolve(v[1]);
      for (const n of Array.isArray(names) ? names : []) {
        const r = file.resolve(n);
        if (r instanceof PdfName && !validUtf8(r.raw)) f.add('6.1.8-1', 'a DeviceN colourant name is not valid UTF-8');
      }
    }
    for (const x of v) {
      const r = file.resolve(x);
      if (Array.isArray(r)) visit(r, depth + 1);
    }
  };
  const scan = (v: PdfValue | undefined, depth: number): void => {
    if (depth > 6 || v === undefined) return;
    if (Array.isArray(v)) {
      visit(v, 0);
      for (const x of v) if (!(x instanceof PdfName)) scan(x, depth + 1);
    } else if (v instanceof PdfDict) {
      const structElem = file.nameOf(v.get('Type')) === 'StructElem' || v.has('RoleMap');
      for (const [k, x] of v.map) {
        if ((k === 'BaseFont' || k === 'FontName') && x instanceof PdfName && !validUtf8(x.raw)) f.add('6.1.8-1', 'a font name is not valid UTF-8');
        if (structElem && k === 'S' && x instanceof PdfName && !validUtf8(x.raw)) f.add('6.1.8-1', 'a structure type name is not valid UTF-8');
        scan(x, depth + 1);
      }
      const roles = file.dictOf(v.get('RoleMap'));
      for (const [k, x] of roles?.map ?? []) {
        const raw = Uint8Array.from([...k].map((c) => c.charCodeAt(0) & 0xff));
        if (!validUtf8(raw) || (x instanceof PdfName && !validUtf8(x.raw))) f.add('6.1.8-1', 'a structure type name in the RoleMap is not valid UTF-8');
      }
    } else if (v instanceof PdfStream) scan(v.dict, depth + 1);
  };
  for (const [, v] of file.allObjects()) scan(v, 0);
}
