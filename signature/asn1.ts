// A small DER/BER reader that keeps exact byte ranges: signatures are computed over the original
// encodings (tbsCertificate, signedAttrs, tbsResponseData), so nothing here re-encodes.
import { formatError } from './errors.ts';

export interface Node {
  readonly buf: Uint8Array;
  /** Class and constructed bits plus the tag number, e.g. 0x30 for SEQUENCE, 0xa0 for [0] constructed. */
  readonly tag: number;
  readonly constructed: boolean;
  readonly start: number;
  /** Start of contents. */
  readonly cstart: number;
  /** End of contents (before the end-of-contents octets of an indefinite length). */
  readonly cend: number;
  /** End of the whole TLV. */
  readonly end: number;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8: 0x0c,
  NUMERIC: 0x12,
  PRINTABLE: 0x13,
  T61: 0x14,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE: 0x1a,
  UNIVERSAL: 0x1c,
  BMP: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

const MAX_DEPTH = 64;

export function parse(buf: Uint8Array, offset = 0, limit = buf.length, depth = 0): Node {
  if (depth > MAX_DEPTH) throw formatError('ASN.1 nesting too deep');
  let p = offset;
  if (p >= limit) throw formatError('ASN.1: unexpected end of data');
  const first = buf[p++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // High tag numbers do not occur in the structures we read; fold them into one value that matches nothing.
    let n = 0;
    let b: number;
    do {
      if (p >= limit) throw formatError('ASN.1: truncated tag');
      b = buf[p++]!;
      n = n * 128 + (b & 0x7f);
    } while (b & 0x80);
    tag = 0x10000 + (first & 0xe0) * 0x100000 + n;
  }
  const constructed = (first & 0x20) !== 0;
  if (p >= limit) throw formatError('ASN.1: truncated length');
  const lb = buf[p++]!;
  if (lb === 0x80) {
    if (!constructed) throw formatError('ASN.1: indefinite length on a primitive value');
    const cstart = p;
    let q = p;
    for (;;) {
      if (q + 2 > limit) throw formatError('ASN.1: missing end-of-contents');
      if (buf[q] === 0 && buf[q + 1] === 0) break;
      q = parse(buf, q, limit, depth + 1).end;
    }
    return { buf, tag, constructed, start: offset, cstart, cend: q, end: q + 2 };
  }
  let len = lb;
  if (lb & 0x80) {
    const n = lb & 0x7f;
    if (n > 4) throw formatError('ASN.1: length too large');
    len = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) throw formatError('ASN.1: truncated length');
      len = len * 256 + buf[p++]!;
    }
  }
  const end = p + len;
  if (end > limit) throw formatError('ASN.1: value runs past the end of data');
  return { buf, tag, constructed, start: offset, cstart: p, cend: end, end };
}

export function parseAll(buf: Uint8Array): Node {
  const n = parse(buf, 0);
  // Trailing zero bytes occur in PDF /Contents and padded files, line breaks after DER written by
  // text-minded tools; anything else is an error.
  for (let i = n.end; i < buf.length; i++) {
    const b = buf[i]!;
    if (b !== 0 && b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) throw formatError('ASN.1: trailing data');
  }
  return n;
}

export function children(n: Node): Node[] {
  if (!n.constructed) throw formatError('ASN.1: expected a constructed value');
  const out: Node[] = [];
  let p = n.cstart;
  while (p < n.cend) {
    const c = parse(n.buf, p, n.cend);
    out.push(c);
    p = c.end;
  }
  return out;
}

export function raw(n: Node): Uint8Array {
  return n.buf.subarray(n.start, n.end);
}

export function contents(n: Node): Uint8Array {
  return n.buf.subarray(n.cstart, n.cend);
}

export function expect(n: Node | undefined, tag: number, what: string): Node {
  if (!n || n.tag !== tag) throw formatError(`${what}: expected tag 0x${tag.toString(16)}, found ${n ? '0x' + n.tag.toString(16) : 'nothing'}`);
  return n;
}

/** Contents of an OCTET STRING, joining the segments of a constructed (BER) one. */
export function octets(n: Node): Uint8Array {
  if (!n.constructed) return contents(n);
  const parts = children(n).map(octets);
  const total = parts.reduce((s, x) => s + x.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

export function bitString(n: Node): Uint8Array {
  const c = n.constructed ? octets(n) : contents(n);
  if (c.length === 0) throw formatError('ASN.1: empty BIT STRING');
  return c.subarray(1);
}

export function oid(n: Node): string {
  if (n.tag !== TAG.OID) throw formatError('ASN.1: expected an OBJECT IDENTIFIER');
  const c = contents(n);
  const parts: number[] = [];
  let v = 0;
  for (const b of c) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

export function integer(n: Node): bigint {
  const c = contents(n);
  if (c.length === 0) return 0n;
  let v = 0n;
  for (const b of c) v = (v << 8n) | BigInt(b);
  if (c[0]! & 0x80) v -= 1n << BigInt(c.length * 8);
  return v;
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function bytesToBigBE(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + hex(b));
}

export function time(n: Node): Date {
  const s = Buffer.from(contents(n)).toString('latin1');
  let m: RegExpMatchArray | null;
  if (n.tag === TAG.UTC_TIME) {
    m = s.match(/^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(Z|[+-]\d{4})$/);
    if (!m) throw formatError(`ASN.1: bad UTCTime ${s}`);
    const yy = Number(m[1]);
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    return makeDate(year, m[2]!, m[3]!, m[4]!, m[5]!, m[6] ?? '00', '', m[7]!);
  }
  if (n.tag === TAG.GENERALIZED_TIME) {
    m = s.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)?(\d\d)?([.,]\d+)?(Z|[+-]\d{4})?$/);
    if (!m) throw formatError(`ASN.1: bad GeneralizedTime ${s}`);
    return makeDate(Number(m[1]), m[2]!, m[3]!, m[4]!, m[5] ?? '00', m[6] ?? '00', m[7] ?? '', m[8] ?? 'Z');
  }
  throw formatError('ASN.1: expected a time');
}

function makeDate(y: number, mo: string, d: string, h: string, mi: string, s: string, frac: string, zone: string): Date {
  const ms = frac ? Math.round(Number('0.' + frac.slice(1)) * 1000) : 0;
  let t = Date.UTC(y, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    t -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60000;
  }
  return new Date(t);
}

// One decoder for every UTF8String: constructing a TextDecoder per string was a visible share of parsing.
const utf8 = new TextDecoder('utf-8');

export function string(n: Node): string {
  const c = n.constructed ? octets(n) : contents(n);
  switch (n.tag & ~0x20) {
    case TAG.BMP: {
      let s = '';
      for (let i = 0; i + 1 < c.length; i += 2) s += String.fromCharCode((c[i]! << 8) | c[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL: {
      let s = '';
      for (let i = 0; i + 3 < c.length; i += 4) s += String.fromCodePoint(((c[i]! << 24) | (c[i + 1]! << 16) | (c[i + 2]! << 8) | c[i + 3]!) >>> 0);
      return s;
    }
    case TAG.UTF8:
      return utf8.decode(c);
    default: {
      // Printable, IA5 and the like: short (names, URIs), so a plain loop beats copying into a Buffer.
      let s = '';
      for (let i = 0; i < c.length; i++) s += String.fromCharCode(c[i]!);
      return s;
    }
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** DER tag-length-value with a definite length. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concat(Uint8Array.of(tag), encodeLength(content.length), content);
}
