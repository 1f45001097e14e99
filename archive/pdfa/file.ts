// Reads a whole PDF into objects by walking its bytes from the start. Walking instead of trusting
// the cross-reference table means broken offsets cannot hide objects, and we see every
// `N G obj … endobj` exactly as written (6.1.7, 6.1.9 test the spelling, not the meaning).
import { inflateSync, constants as zc } from 'node:zlib';
import { Lexer, ParseError, newFacts, parseValue, type LexFacts } from './lexer.ts';
import { PdfDict, PdfName, PdfRef, PdfStream, latin1, type PdfValue } from './objects.ts';

export interface ObjectSyntax {
  key: string;
  offset: number;
  /** 6.1.9 */
  numGenSingleSpace: boolean;
  genObjSingleSpace: boolean;
  precededByEol: boolean;
  objFollowedByEol: boolean;
  endobjPrecededByEol: boolean;
  endobjFollowedByEol: boolean;
}

export interface StreamSyntax {
  key: string;
  declaredLength: PdfValue | undefined;
  actualLength: number;
  streamKeywordEolOk: boolean;
  endstreamPrecededByEol: boolean;
}

export interface HeaderFacts {
  version: string | null;
  headerOk: boolean;
  binaryCommentOk: boolean;
}

export class PdfReadError extends Error {
  readonly code = 'PDFA_UNREADABLE';
}

const EOL = (c: number | undefined): boolean => c === 0x0a || c === 0x0d;
/** `[\x00\t\n\f\r ]`, PDF white-space. */
const WS = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const DIGIT = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

export class PdfFile {
  readonly objects = new Map<string, PdfValue>();
  readonly syntax: ObjectSyntax[] = [];
  readonly streams: StreamSyntax[] = [];
  readonly trailers: PdfDict[] = [];
  readonly facts: LexFacts = newFacts();
  /**
   * The file's bytes as a Buffer, for native searches. The file is searched as bytes rather than as one latin1 string:
   * a scan is mostly image streams, and a string of the whole file (1–2 MB for a scanned page or three) is a large
   * object of the V8 heap, so each validated file brought a full garbage collection closer.
   */
  private readonly bytes: Buffer;
  header: HeaderFacts = { version: null, headerOk: false, binaryCommentOk: false };
  xrefKeywordOk = true;
  /** 6.1.4: subsection headers "first count" separated by exactly one space */
  xrefHeaderOk = true;
  eofOk = true;
  linearized = false;
  firstTrailer: PdfDict | undefined;
  private decoded = new WeakMap<PdfStream, Uint8Array>();
  /** Byte ranges `[start, end)` of stream data, in file order, which keyword searches for the file structure skip. */
  private readonly data: [number, number][] = [];

  constructor(readonly buf: Uint8Array) {
    this.bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    this.readHeader();
    this.walkObjects();
    this.readTrailers();
    this.readObjectStreams();
    const eof = this.bytes.lastIndexOf('%%EOF', undefined, 'latin1');
    if (eof < 0) this.eofOk = false;
    else {
      const tail = latin1(buf.subarray(eof + 5));
      this.eofOk = tail === '' || tail === '\n' || tail === '\r' || tail === '\r\n';
    }
    if (!this.trailer()) throw new PdfReadError('no trailer or cross-reference stream found');
  }

  /** The first bytes of the file as text (for messages). */
  start(n: number): string {
    return latin1(this.buf.subarray(0, n));
  }

  private readHeader(): void {
    const head = this.start(20);
    const m = /^%PDF-(\d)\.(\d)(\r\n|\r|\n)/.exec(head);
    const v = /^%PDF-(\d+\.\d+)/.exec(head);
    if (!v) throw new PdfReadError('not a PDF file: no %PDF- header at byte 0');
    this.header.version = v[1] ?? null;
    this.header.headerOk = !!m && m[1] === '1' && Number(m[2]) <= 7;
    if (m) {
      const p = m[0].length;
      const b = this.buf;
      this.header.binaryCommentOk =
        b[p] === 0x25 && b[p + 1]! > 127 && b[p + 2]! > 127 && b[p + 3]! > 127 && b[p + 4]! > 127;
    }
  }

  /** Integer objects ("N G obj 123 endobj"), to know indirect stream lengths before the walk reaches them. */
  private integerObjects(): Map<string, number> {
    const out = new Map<string, number>();
    const re = /(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj/g;
    const text = latin1(this.buf);
    for (let m = re.exec(text); m; m = re.exec(text)) out.set(`${Number(m[1])} ${Number(m[2])}`, Number(m[3]));
    return out;
  }

  /**
   * The first `N G obj` at or after `from`: what the regular expression `(\d+)(WS+)(\d+)(WS+)obj` would find from
   * there, found by looking for "obj" and reading back (digits and white-space cannot contain it, so the leftmost
   * match is the one of the first "obj" that has a number, white-space, a number and white-space before it).
   */
  private objectHeader(from: number): { start: number; num: string; gen: string; numGenSpace: boolean; genObjSpace: boolean; end: number } | undefined {
    const b = this.buf;
    /** Where the run of `is` bytes ending at `end` starts (not before `from`). */
    const runStart = (end: number, is: (c: number | undefined) => boolean): number => {
      let j = end;
      while (j > from && is(b[j - 1])) j--;
      return j;
    };
    for (let k = this.bytes.indexOf('obj', from, 'latin1'); k >= 0; k = this.bytes.indexOf('obj', k + 1, 'latin1')) {
      const ws2 = k;
      const gen = runStart(ws2, WS);
      const ws1 = gen < ws2 ? runStart(gen, DIGIT) : gen;
      const num = ws1 < gen ? runStart(ws1, WS) : ws1;
      const j = num < ws1 ? runStart(num, DIGIT) : num;
      if (!(gen < ws2 && ws1 < gen && num < ws1 && j < num)) continue;
      return {
        start: j,
        num: latin1(b.subarray(j, num)),
        gen: latin1(b.subarray(ws1, gen)),
        numGenSpace: ws1 - num === 1 && b[num] === 0x20,
        genObjSpace: ws2 - gen === 1 && b[gen] === 0x20,
        end: k + 3,
      };
    }
    return undefined;
  }

  private walkObjects(): void {
    // Only a stream with an indirect Length needs them; most writers (pdf-lib, ours) put lengths inline, so the
    // whole-file scan is skipped for their files.
    let ints: Map<string, number> | undefined;
    let pos = 0;
    const b = this.buf;
    for (;;) {
      const m = this.objectHeader(pos);
      if (!m) break;
      const start = m.start;
      if (start > 0 && b[start - 1]! >= 0x30 && b[start - 1]! <= 0x39) {
        pos = start + 1;
        continue;
      }
      const key = `${Number(m.num)} ${Number(m.gen)}`;
      const afterObj = m.end;
      const syn: ObjectSyntax = {
        key,
        offset: start,
        numGenSingleSpace: m.numGenSpace,
        genObjSingleSpace: m.genObjSpace,
        precededByEol: start === 0 || EOL(b[start - 1]),
        objFollowedByEol: EOL(b[afterObj]),
        endobjPrecededByEol: true,
        endobjFollowedByEol: true,
      };
      const lx = new Lexer(b, afterObj, this.facts);
      let value: PdfValue;
      try {
        value = parseValue(lx);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        pos = afterObj;
        continue;
      }
      const save = lx.pos;
      const t = lx.next();
      if (t.kind === 'kw' && t.value === 'stream' && value instanceof PdfDict) {
        const kwEnd = lx.pos;
        let dataStart = kwEnd;
        let eolOk = false;
        if (b[kwEnd] === 0x0d && b[kwEnd + 1] === 0x0a) {
          dataStart = kwEnd + 2;
          eolOk = true;
        } else if (b[kwEnd] === 0x0a) {
          dataStart = kwEnd + 1;
          eolOk = true;
        } else if (b[kwEnd] === 0x0d) dataStart = kwEnd + 1;
        const len = value.get('Length');
        const known = typeof len === 'number' ? len : len instanceof PdfRef ? (ints ??= this.integerObjects()).get(len.key()) : undefined;
        let endKw = -1;
        if (known !== undefined && known >= 0) {
          const probe = this.bytes.indexOf('endstream', dataStart + known, 'latin1');
          if (probe >= 0 && probe - (dataStart + known) <= 2) endKw = probe;
        }
        if (endKw < 0) endKw = this.bytes.indexOf('endstream', dataStart, 'latin1');
        if (endKw < 0) break;
        let dataEnd = endKw;
        let endEol = false;
        if (b[dataEnd - 1] === 0x0a) {
          dataEnd--;
          endEol = true;
          if (b[dataEnd - 1] === 0x0d) dataEnd--;
        } else if (b[dataEnd - 1] === 0x0d) {
          dataEnd--;
          endEol = true;
        }
        if (dataEnd < dataStart) dataEnd = dataStart;
        const stream = new PdfStream(value, b.subarray(dataStart, dataEnd));
        this.data.push([dataStart, dataEnd]);
        this.streams.push({
          key,
          declaredLength: len,
          actualLength: dataEnd - dataStart,
          streamKeywordEolOk: eolOk,
          endstreamPrecededByEol: endEol,
        });
        this.objects.set(key, stream);
        lx.pos = endKw + 'endstream'.length;
      } else {
        lx.pos = save;
        this.objects.set(key, value);
      }
      // endobj
      lx.skipWhite();
      const endPos = this.bytes.indexOf('endobj', lx.pos, 'latin1');
      if (endPos < 0) {
        this.syntax.push(syn);
        pos = lx.pos;
        continue;
      }
      syn.endobjPrecededByEol = EOL(b[endPos - 1]);
      const after = endPos + 6;
      syn.endobjFollowedByEol = after >= b.length || EOL(b[after]);
      this.syntax.push(syn);
      pos = after;
    }
    const first = this.syntax[0];
    if (first) {
      const v = this.objects.get(first.key);
      if (v instanceof PdfDict && v.has('Linearized')) this.linearized = true;
    }
  }

  /**
   * The first `keyword` at or after `from` that does not start inside stream data. Stream data are image and font
   * bytes or content streams, where "trailer" or "xref" are not keywords of the file structure; skipping them also
   * spares a search through the whole file (mostly image data in a scan) for each keyword.
   */
  private find(keyword: string, from: number): number {
    const ranges = this.data;
    // The first range that ends after `from`.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]![1] <= from) lo = mid + 1;
      else hi = mid;
    }
    let at = from;
    for (let r = lo; ; r++) {
      const range = ranges[r];
      if (range && range[0] <= at) {
        at = Math.max(at, range[1]);
        continue;
      }
      const end = range ? Math.min(this.bytes.length, range[0] + keyword.length - 1) : this.bytes.length;
      const i = this.bytes.subarray(0, end).indexOf(keyword, at, 'latin1');
      if (i >= 0 || !range) return i;
      at = range[1];
    }
  }

  private readTrailers(): void {
    // `trailer` followed by white-space and `<<`.
    const b = this.buf;
    for (let at = this.find('trailer', 0); at >= 0; ) {
      let j = at + 7;
      while (WS(b[j])) j++;
      if (b[j] !== 0x3c || b[j + 1] !== 0x3c) {
        at = this.find('trailer', at + 1);
        continue;
      }
      const lx = new Lexer(b, at + 7, this.facts);
      try {
        const v = parseValue(lx);
        if (v instanceof PdfDict) {
          this.trailers.push(v);
          this.offsetCache.set(v, at);
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
      at = this.find('trailer', j + 2);
    }
    for (const s of this.syntax) {
      const v = this.objects.get(s.key);
      if (v instanceof PdfStream && (v.dict.get('Type') as PdfName | undefined)?.name === 'XRef') {
        this.trailers.push(v.dict);
        this.offsetCache.set(v.dict, s.offset);
      }
    }
    this.trailers.sort((a, b) => this.offsetOf(a) - this.offsetOf(b));
    this.firstTrailer = this.trailers[0];
    for (let at = this.find('xref', 0); at >= 0; at = this.find('xref', at + 4)) {
      const prev = b[at - 1];
      if (at > 0 && !EOL(prev) && prev !== 0x20) continue;
      if (at >= 5 && latin1(b.subarray(at - 5, at)) === 'start') continue;
      const eol = b[at + 4] === 0x0d && b[at + 5] === 0x0a ? 2 : EOL(b[at + 4]) ? 1 : 0;
      if (eol === 0 || !DIGIT(b[at + 4 + eol])) this.xrefKeywordOk = false;
      this.readXrefSubsections(at + 4);
    }
  }

  /** Subsection headers `[\r\n ]*(\d+)([ \t]+)(\d+)[ \t]*(\r\n|\r|\n)`, each followed by its 20-byte entries. */
  private readXrefSubsections(from: number): void {
    const b = this.buf;
    let pos = from;
    for (let guard = 0; guard < 10000; guard++) {
      let j = pos;
      while (b[j] === 0x0d || b[j] === 0x0a || b[j] === 0x20) j++;
      const first = j;
      while (DIGIT(b[j])) j++;
      if (j === first) return;
      const gap = j;
      while (b[j] === 0x20 || b[j] === 0x09) j++;
      if (j === gap) return;
      const singleSpace = j - gap === 1 && b[gap] === 0x20;
      const count = j;
      while (DIGIT(b[j])) j++;
      if (j === count) return;
      const n = Number(latin1(b.subarray(count, j)));
      while (b[j] === 0x20 || b[j] === 0x09) j++;
      if (b[j] === 0x0d) j += b[j + 1] === 0x0a ? 2 : 1;
      else if (b[j] === 0x0a) j += 1;
      else return;
      if (!singleSpace) this.xrefHeaderOk = false;
      pos = j + n * 20;
    }
  }

  private offsetCache = new Map<PdfDict, number>();
  private offsetOf(d: PdfDict): number {
    return this.offsetCache.get(d) ?? 0;
  }

  /** The effective trailer: the last one written. */
  trailer(): PdfDict | undefined {
    // Incremental updates append trailers, so the last one carrying /Root is in force.
    const withRoot = this.trailers.filter((t) => t.has('Root'));
    return withRoot[withRoot.length - 1] ?? this.trailers[this.trailers.length - 1];
  }

  private readObjectStreams(): void {
    for (const [, v] of [...this.objects]) {
      if (!(v instanceof PdfStream) || (v.dict.get('Type') as PdfName | undefined)?.name !== 'ObjStm') continue;
      const data = this.decode(v);
      const n = this.resolve(v.dict.get('N'));
      const first = this.resolve(v.dict.get('First'));
      if (typeof n !== 'number' || typeof first !== 'number' || !data) continue;
      const lx = new Lexer(data, 0, this.facts);
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const a = lx.next();
        const o = lx.next();
        if (a.kind !== 'num' || o.kind !== 'num') break;
        pairs.push([a.value, o.value]);
      }
      for (const [num, off] of pairs) {
        const key = `${num} 0`;
        if (this.objects.has(key)) continue;
        try {
          this.objects.set(key, parseValue(new Lexer(data, first + off, this.facts)));
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
        }
      }
    }
  }

  resolve(v: PdfValue | undefined, depth = 0): PdfValue | undefined {
    if (v instanceof PdfRef && depth < 32) return this.resolve(this.objects.get(v.key()), depth + 1);
    return v;
  }

  get(d: PdfDict | PdfStream | undefined, key: string): PdfValue | undefined {
    if (!d) return undefined;
    const dict = d instanceof PdfStream ? d.dict : d;
    return this.resolve(dict.get(key));
  }

  dictOf(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    if (r instanceof PdfDict) return r;
    if (r instanceof PdfStream) return r.dict;
    return undefined;
  }

  nameOf(v: PdfValue | undefined): string | undefined {
    const r = this.resolve(v);
    return r instanceof PdfName ? r.name : undefined;
  }

  catalog(): PdfDict | undefined {
    return this.dictOf(this.trailer()?.get('Root'));
  }

  /** Decoded stream data; undefined when a filter is unsupported or the data is corrupt. */
  decode(s: PdfStream): Uint8Array | undefined {
    const cached = this.decoded.get(s);
    if (cached) return cached;
    let data: Uint8Array = s.raw;
    const f = this.resolve(s.dict.get('Filter'));
    const filters = Array.isArray(f) ? f.map((x) => this.nameOf(x)) : f === undefined ? [] : [this.nameOf(f)];
    for (const name of filters) {
      try {
        if (name === 'FlateDecode' || name === 'Fl') {
          data = inflateSync(data, { finishFlush: zc.Z_SYNC_FLUSH });
        } else if (name === 'ASCIIHexDecode' || name === 'AHx') data = asciiHex(data);
        else if (name === 'ASCII85Decode' || name === 'A85') data = ascii85(data);
        else if (name === 'RunLengthDecode' || name === 'RL') data = runLength(data);
        else return undefined;
      } catch {
        return undefined;
      }
    }
    this.decoded.set(s, data);
    return data;
  }

  /** Every object reachable as an indirect object, in file order. */
  *allObjects(): Generator<[string, PdfValue]> {
    yield* this.objects;
  }
}

function asciiHex(d: Uint8Array): Uint8Array {
  const s = latin1(d).replace(/[\s]/g, '').replace(/>.*$/s, '');
  const out = new Uint8Array(Math.ceil(s.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt((s.slice(i * 2, i * 2 + 2) + '0').slice(0, 2), 16);
  return out;
}

function ascii85(d: Uint8Array): Uint8Array {
  const s = latin1(d).replace(/\s/g, '').replace(/^<~/, '').replace(/~>.*$/s, '');
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    group.push(ch.charCodeAt(0) - 33);
    if (group.length === 5) {
      let v = 0;
      for (const g of group) v = v * 85 + g;
      out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
      group = [];
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n - 1));
  }
  return Uint8Array.from(out);
}

function runLength(d: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < d.length; ) {
    const n = d[i++]!;
    if (n === 128) break;
    if (n < 128) {
      for (let k = 0; k <= n && i < d.length; k++) out.push(d[i++]!);
    } else {
      const v = d[i++]!;
      for (let k = 0; k < 257 - n; k++) out.push(v);
    }
  }
  return Uint8Array.from(out);
}
