// Signatures inside PDFs (PAdES, ISO 32000 §12.8): locating them by /ByteRange, extracting the CMS
// from /Contents, and describing what was appended after each signed revision.
import { inflateSync } from 'node:zlib';
import { formatError } from './errors.ts';
import type { PdfCoverage } from './report.ts';

export interface PdfSignature {
  cms: Uint8Array;
  signedBytes: Uint8Array;
  coverage: PdfCoverage;
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

export function isPdf(b: Uint8Array): boolean {
  return latin1(b.subarray(0, 1024)).includes('%PDF-');
}

/** The enclosing object's text around a /ByteRange, to read /SubFilter nearby, and its number. */
function dictionaryAround(text: string, at: number): { dict: string; objNum?: string } {
  const start = text.lastIndexOf(' obj', at);
  const end = text.indexOf('endobj', at);
  const dict = text.slice(start < 0 ? Math.max(0, at - 4000) : start, end < 0 ? at + 4000 : end);
  const head = start < 0 ? null : text.slice(Math.max(0, start - 20), start).match(/(\d+)\s+\d+$/);
  return head ? { dict, objNum: head[1]! } : { dict };
}

/** The field name (/T) of the form field whose value (/V) is the signature object. */
function fieldNameOf(text: string, objNum: string | undefined, dict: string): string | undefined {
  const own = dict.match(/\/T\s*\(([^)]*)\)/)?.[1];
  if (own || !objNum) return own;
  const ref = new RegExp(`/V\\s+${objNum}\\s+0\\s+R`);
  const m = ref.exec(text);
  if (!m) return undefined;
  const objStart = text.lastIndexOf(' obj', m.index);
  const objEnd = text.indexOf('endobj', m.index);
  return text.slice(objStart < 0 ? 0 : objStart, objEnd < 0 ? text.length : objEnd).match(/\/T\s*\(([^)]*)\)/)?.[1];
}

function describeAppended(text: string): string[] {
  const changes: string[] = [];
  const objRe = /(\d+)\s+(\d+)\s+obj\b([\s\S]*?)endobj/g;
  for (const m of text.matchAll(objRe)) {
    const body = m[3]!;
    const type = body.match(/\/Type\s*\/(\w+)/)?.[1];
    const sub = body.match(/\/Subtype\s*\/(\w+)/)?.[1];
    const ft = body.match(/\/FT\s*\/(\w+)/)?.[1];
    let what = type ? `/${type}` : 'object';
    if (sub) what += ` /${sub}`;
    if (ft) what += ` field /${ft}`;
    if (/\/ByteRange/.test(body)) what = 'signature dictionary (a later signature)';
    if (/\/DocTimeStamp/.test(body)) what = 'document time-stamp';
    if (/\/Type\s*\/DSS/.test(body)) what = 'document security store (validation data)';
    changes.push(`object ${m[1]} ${m[2]}: ${what}`);
  }
  const eofs = text.match(/%%EOF/g)?.length ?? 0;
  if (eofs > 0) changes.unshift(`${eofs} incremental update(s)`);
  return changes;
}

export function findPdfSignatures(pdf: Uint8Array): PdfSignature[] {
  const text = latin1(pdf);
  const out: PdfSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (const m of text.matchAll(re)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    if (a !== 0 || b <= 0 || c < b || c + d > pdf.length) throw formatError('PDF: /ByteRange outside the file');
    const gap = text.slice(b, c).trim();
    if (!gap.startsWith('<') || !gap.endsWith('>')) throw formatError('PDF: /ByteRange gap is not a hex /Contents string');
    const hexStr = gap.slice(1, -1).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hexStr)) throw formatError('PDF: /Contents is not hexadecimal');
    const cms = new Uint8Array(Buffer.from(hexStr.length % 2 ? hexStr + '0' : hexStr, 'hex'));
    const signedBytes = new Uint8Array(b + d);
    signedBytes.set(pdf.subarray(0, b), 0);
    signedBytes.set(pdf.subarray(c, c + d), b);
    const { dict, objNum } = dictionaryAround(text, m.index!);
    const subFilter = dict.match(/\/SubFilter\s*\/([\w.]+)/)?.[1] ?? 'unknown';
    const fieldName = fieldNameOf(text, objNum, dict);
    const signedEnd = c + d;
    const tail = text.slice(signedEnd);
    const appendedBytes = tail.trim().length === 0 ? 0 : pdf.length - signedEnd;
    const coverage: PdfCoverage = {
      subFilter,
      byteRange: [a, b, c, d],
      coversWholeFile: appendedBytes === 0,
      appendedBytes,
      changes: appendedBytes ? describeAppended(tail) : [],
    };
    if (fieldName) coverage.fieldName = fieldName;
    out.push({ cms, signedBytes, coverage });
  }
  return out;
}

export interface PdfValidationData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
}

/**
 * Certificates, CRLs and OCSP responses stored in the PDF's document security store (PAdES-LT/LTA).
 * Rather than resolving the /DSS object graph, every non-image stream of a file that has a /DSS is
 * decoded and kept when it parses as one of the three; the validator checks them like any other data.
 */
export function pdfValidationData(pdf: Uint8Array, classify: (der: Uint8Array) => keyof PdfValidationData | null): PdfValidationData {
  const out: PdfValidationData = { certificates: [], crls: [], ocspResponses: [] };
  const text = latin1(pdf);
  if (!/\/DSS\b/.test(text)) return out;
  const re = /<<((?:(?!>>\s*stream)[\s\S]){0,2000})>>\s*stream\r?\n/g;
  for (const m of text.matchAll(re)) {
    const dict = m[1]!;
    if (/\/Subtype\s*\/Image|\/Type\s*\/(XObject|XRef|ObjStm|Metadata)/.test(dict)) continue;
    const start = m.index! + m[0].length;
    const lenMatch = dict.match(/\/Length\s+(\d+)(?!\s+\d+\s+R)/);
    const end = lenMatch ? start + Number(lenMatch[1]) : text.indexOf('endstream', start);
    if (end <= start || end > pdf.length) continue;
    let data: Uint8Array = pdf.subarray(start, end);
    if (/\/Filter\s*\/FlateDecode/.test(dict)) {
      try {
        data = new Uint8Array(inflateSync(data));
      } catch {
        continue;
      }
    } else if (/\/Filter/.test(dict)) continue;
    if (data[0] !== 0x30) continue;
    const kind = classify(data);
    if (kind) out[kind].push(data);
  }
  return out;
}
