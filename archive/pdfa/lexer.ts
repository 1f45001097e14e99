// A byte-level PDF lexer. pdf-lib's parser repairs and normalises what it reads; PDF/A clause 6.1
// is about exactly the bytes it repairs (odd hex strings, over-long names, out-of-range numbers,
// whitespace around `obj`), so the validator reads the file with its own lexer.
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.ts';

export type Token =
  | { kind: 'num'; value: number; int: boolean; raw: string }
  | { kind: 'str'; value: PdfString }
  | { kind: 'name'; value: PdfName }
  | { kind: 'kw'; value: string }
  | { kind: 'delim'; value: '[' | ']' | '<<' | '>>' | '{' | '}' }
  | { kind: 'eof' };

/** Observations about lexical limits (ISO 19005-2 6.1.6, 6.1.8, 6.1.13). */
export interface LexFacts {
  oddHex: number;
  badHex: number;
  bigInt: number;
  bigReal: number;
  tinyReal: number;
  longString: number;
  longName: number;
}

export function newFacts(): LexFacts {
  return { oddHex: 0, badHex: 0, bigInt: 0, bigReal: 0, tinyReal: 0, longString: 0, longName: 0 };
}

export function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

export function isDelim(c: number | undefined): boolean {
  return (
    c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d ||
    c === 0x2f || c === 0x25
  );
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export class Lexer {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly facts: LexFacts = newFacts(),
  ) {
    this.pos = pos;
  }

  skipWhite(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  next(): Token {
    this.skipWhite();
    const b = this.buf;
    if (this.pos >= b.length) return { kind: 'eof' };
    const c = b[this.pos]!;
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      this.pos++;
      return { kind: 'delim', value: String.fromCharCode(c) as '[' | ']' | '{' | '}' };
    }
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { kind: 'delim', value: '<<' };
      }
      return { kind: 'str', value: this.hexString() };
    }
    if (c === 0x3e) {
      this.pos += b[this.pos + 1] === 0x3e ? 2 : 1;
      return { kind: 'delim', value: '>>' };
    }
    if (c === 0x28) return { kind: 'str', value: this.literalString() };
    if (c === 0x2f) return { kind: 'name', value: this.name() };
    const start = this.pos;
    while (this.pos < b.length && !isWhite(b[this.pos]) && !isDelim(b[this.pos])) this.pos++;
    if (this.pos === start) {
      this.pos++;
      return { kind: 'kw', value: String.fromCharCode(c) };
    }
    let raw = '';
    for (let i = start; i < this.pos; i++) raw += String.fromCharCode(b[i]!);
    if (/^[+-]?\d+$/.test(raw)) {
      const value = Number(raw);
      if (value > 2147483647 || value < -2147483648) this.facts.bigInt++;
      return { kind: 'num', value, int: true, raw };
    }
    if (/^[+-]?(\d+\.\d*|\.\d+|\d*\.)$/.test(raw) && raw !== '.' && raw !== '+.' && raw !== '-.') {
      const value = Number(raw);
      const abs = Math.abs(value);
      if (abs > 3.403e38) this.facts.bigReal++;
      if (abs !== 0 && abs < 1.175e-38) this.facts.tinyReal++;
      return { kind: 'num', value, int: false, raw };
    }
    return { kind: 'kw', value: raw };
  }

  private hexString(): PdfString {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    let digits = 0;
    let half = -1;
    while (this.pos < b.length && b[this.pos] !== 0x3e) {
      const c = b[this.pos++]!;
      if (isWhite(c)) continue;
      const v = hexVal(c);
      digits++;
      if (v < 0) {
        this.facts.badHex++;
        continue;
      }
      if (half < 0) half = v;
      else {
        out.push((half << 4) | v);
        half = -1;
      }
    }
    this.pos++;
    if (digits % 2 === 1) this.facts.oddHex++;
    if (half >= 0) out.push(half << 4);
    if (out.length > 32767) this.facts.longString++;
    return new PdfString(Uint8Array.from(out), true);
  }

  private literalString(): PdfString {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const d = b[this.pos++];
        if (d === undefined) break;
        if (d >= 0x30 && d <= 0x37) {
          let v = d - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) v = v * 8 + (b[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (d === 0x6e) out.push(0x0a);
        else if (d === 0x72) out.push(0x0d);
        else if (d === 0x74) out.push(0x09);
        else if (d === 0x62) out.push(0x08);
        else if (d === 0x66) out.push(0x0c);
        else if (d === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (d === 0x0a) {
          /* line continuation */
        } else out.push(d);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    if (out.length > 32767) this.facts.longString++;
    return new PdfString(Uint8Array.from(out), false);
  }

  private name(): PdfName {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    while (this.pos < b.length && !isWhite(b[this.pos]) && !isDelim(b[this.pos])) {
      const c = b[this.pos++]!;
      if (c === 0x23 && hexVal(b[this.pos] ?? 0) >= 0 && hexVal(b[this.pos + 1] ?? 0) >= 0) {
        out.push((hexVal(b[this.pos]!) << 4) | hexVal(b[this.pos + 1]!));
        this.pos += 2;
      } else out.push(c);
    }
    if (out.length > 127) this.facts.longName++;
    const raw = Uint8Array.from(out);
    let name = '';
    for (const x of out) name += String.fromCharCode(x);
    return new PdfName(name, raw);
  }
}

export class ParseError extends Error {
  readonly code = 'PDFA_PARSE_ERROR';
}

/**
 * Parses one PDF value. `onStream` is consulted when a dictionary is followed by the `stream`
 * keyword (only for indirect objects); content streams pass undefined.
 */
export function parseValue(lx: Lexer, first?: Token): PdfValue {
  const t = first ?? lx.next();
  switch (t.kind) {
    case 'num': {
      // Look ahead for "N G R".
      if (t.int && t.value >= 0) {
        const save = lx.pos;
        const t2 = lx.next();
        if (t2.kind === 'num' && t2.int && t2.value >= 0) {
          const save2 = lx.pos;
          const t3 = lx.next();
          if (t3.kind === 'kw' && t3.value === 'R') return new PdfRef(t.value, t2.value);
          lx.pos = save2;
        }
        lx.pos = save;
      }
      return t.value;
    }
    case 'str':
      return t.value;
    case 'name':
      return t.value;
    case 'kw':
      if (t.value === 'true') return true;
      if (t.value === 'false') return false;
      if (t.value === 'null') return null;
      throw new ParseError(`unexpected keyword ${t.value} at ${lx.pos}`);
    case 'delim':
      if (t.value === '[') {
        const arr: PdfValue[] = [];
        for (;;) {
          const n = lx.next();
          if (n.kind === 'eof') throw new ParseError('unterminated array');
          if (n.kind === 'delim' && n.value === ']') return arr;
          arr.push(parseValue(lx, n));
        }
      }
      if (t.value === '<<') {
        const d = new PdfDict();
        for (;;) {
          const k = lx.next();
          if (k.kind === 'eof') throw new ParseError('unterminated dictionary');
          if (k.kind === 'delim' && k.value === '>>') return d;
          if (k.kind !== 'name') throw new ParseError(`dictionary key expected at ${lx.pos}`);
          const v = parseValue(lx);
          d.map.set(k.value.name, v);
        }
      }
      throw new ParseError(`unexpected ${t.value} at ${lx.pos}`);
    case 'eof':
      throw new ParseError('unexpected end of file');
  }
}

export { PdfStream };
