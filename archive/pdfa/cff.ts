// Minimal CFF reader (Adobe TN 5176, Type 2 charstrings TN 5177): glyph names or CIDs and
// advance widths of an embedded FontFile3 (Type1C / CIDFontType0C) program.

export interface CffFont {
  /** glyph id → name (simple fonts); names of expert-set SIDs are unknown and left undefined */
  names: (string | undefined)[];
  /** glyph id → CID (CID-keyed fonts) */
  cids: number[] | undefined;
  widths: (number | undefined)[];
  /** glyph units → 1/1000 text space */
  scale: number;
  builtinEncoding: Map<number, string>;
}

// CFF standard strings 0–228 (Appendix A of TN 5176); 229–378 are the expert set, 379–390 weights.
const STD = [
  '.notdef', 'space', 'exclam', 'quotedbl', 'numbersign', 'dollar', 'percent', 'ampersand', 'quoteright', 'parenleft', 'parenright',
  'asterisk', 'plus', 'comma', 'hyphen', 'period', 'slash', 'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight',
  'nine', 'colon', 'semicolon', 'less', 'equal', 'greater', 'question', 'at', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''), 'bracketleft',
  'backslash', 'bracketright', 'asciicircum', 'underscore', 'quoteleft', ...'abcdefghijklmnopqrstuvwxyz'.split(''), 'braceleft', 'bar',
  'braceright', 'asciitilde', 'exclamdown', 'cent', 'sterling', 'fraction', 'yen', 'florin', 'section', 'currency', 'quotesingle',
  'quotedblleft', 'guillemotleft', 'guilsinglleft', 'guilsinglright', 'fi', 'fl', 'endash', 'dagger', 'daggerdbl', 'periodcentered',
  'paragraph', 'bullet', 'quotesinglbase', 'quotedblbase', 'quotedblright', 'guillemotright', 'ellipsis', 'perthousand',
  'questiondown', 'grave', 'acute', 'circumflex', 'tilde', 'macron', 'breve', 'dotaccent', 'dieresis', 'ring', 'cedilla',
  'hungarumlaut', 'ogonek', 'caron', 'emdash', 'AE', 'ordfeminine', 'Lslash', 'Oslash', 'OE', 'ordmasculine', 'ae', 'dotlessi',
  'lslash', 'oslash', 'oe', 'germandbls', 'onesuperior', 'logicalnot', 'mu', 'trademark', 'Eth', 'onehalf', 'plusminus', 'Thorn',
  'onequarter', 'divide', 'brokenbar', 'degree', 'thorn', 'threequarters', 'twosuperior', 'registered', 'minus', 'eth', 'multiply',
  'threesuperior', 'copyright',
];
// 171–228: accented capitals then the same lower case, in the order of the specification.
const CAPS = [
  'Aacute', 'Acircumflex', 'Adieresis', 'Agrave', 'Aring', 'Atilde', 'Ccedilla', 'Eacute', 'Ecircumflex', 'Edieresis', 'Egrave',
  'Iacute', 'Icircumflex', 'Idieresis', 'Igrave', 'Ntilde', 'Oacute', 'Ocircumflex', 'Odieresis', 'Ograve', 'Otilde', 'Scaron',
  'Uacute', 'Ucircumflex', 'Udieresis', 'Ugrave', 'Yacute', 'Ydieresis', 'Zcaron',
];
STD.push(...CAPS, ...CAPS.map((n) => n[0]!.toLowerCase() + n.slice(1)));
const WEIGHTS = ['001.000', '001.001', '001.002', '001.003', 'Black', 'Bold', 'Book', 'Light', 'Medium', 'Regular', 'Roman', 'Semibold'];

class Reader {
  constructor(
    readonly d: Uint8Array,
    public p = 0,
  ) {}
  u8(): number {
    if (this.p >= this.d.length) throw new RangeError('CFF data ends early');
    return this.d[this.p++]!;
  }
  u16(): number {
    return (this.u8() << 8) | this.u8();
  }
  off(size: number): number {
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + this.u8();
    return v;
  }
  index(): Uint8Array[] {
    const count = this.u16();
    if (count === 0) return [];
    const size = this.u8();
    const offs: number[] = [];
    for (let i = 0; i <= count; i++) offs.push(this.off(size));
    const base = this.p - 1;
    const items = [];
    for (let i = 0; i < count; i++) items.push(this.d.subarray(base + offs[i]!, base + offs[i + 1]!));
    this.p = base + offs[count]!;
    return items;
  }
}

function dict(d: Uint8Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let ops: number[] = [];
  for (let i = 0; i < d.length; ) {
    const b = d[i]!;
    if (b <= 21) {
      let key = b;
      i++;
      if (b === 12) key = 1200 + d[i++]!;
      out.set(key, ops);
      ops = [];
    } else if (b === 28) {
      ops.push(((d[i + 1]! << 24) >> 16) | d[i + 2]!);
      i += 3;
    } else if (b === 29) {
      ops.push((d[i + 1]! << 24) | (d[i + 2]! << 16) | (d[i + 3]! << 8) | d[i + 4]!);
      i += 5;
    } else if (b === 30) {
      let s = '';
      i++;
      for (let done = false; !done && i < d.length; i++) {
        for (const nib of [d[i]! >> 4, d[i]! & 15]) {
          if (nib === 15) {
            done = true;
            break;
          }
          s += ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', 'E', 'E-', '', '-'][nib] ?? '';
        }
      }
      ops.push(Number(s));
    } else if (b >= 32 && b <= 246) {
      ops.push(b - 139);
      i++;
    } else if (b >= 247 && b <= 250) {
      ops.push((b - 247) * 256 + d[i + 1]! + 108);
      i += 2;
    } else if (b >= 251 && b <= 254) {
      ops.push(-(b - 251) * 256 - d[i + 1]! - 108);
      i += 2;
    } else i++;
  }
  return out;
}

/** The advance width encoded in a Type 2 charstring, or undefined when it cannot be told statically. */
function charstringWidth(cs: Uint8Array, nominal: number, dflt: number): number | undefined {
  const args: number[] = [];
  for (let i = 0; i < cs.length; ) {
    const b = cs[i]!;
    if (b >= 32 || b === 28) {
      if (b === 28) {
        args.push(((cs[i + 1]! << 24) >> 16) | cs[i + 2]!);
        i += 3;
      } else if (b <= 246) {
        args.push(b - 139);
        i++;
      } else if (b <= 250) {
        args.push((b - 247) * 256 + cs[i + 1]! + 108);
        i += 2;
      } else if (b <= 254) {
        args.push(-(b - 251) * 256 - cs[i + 1]! - 108);
        i += 2;
      } else {
        args.push(((cs[i + 1]! << 24) | (cs[i + 2]! << 16) | (cs[i + 3]! << 8) | cs[i + 4]!) / 65536);
        i += 5;
      }
      continue;
    }
    const n = args.length;
    const withWidth = (expectedOdd: boolean): number => (expectedOdd ? nominal + args[0]! : dflt);
    switch (b) {
      case 1: case 3: case 18: case 23: case 19: case 20:
        return withWidth(n % 2 === 1);
      case 21:
        return withWidth(n === 3);
      case 22: case 4:
        return withWidth(n === 2);
      case 14:
        return withWidth(n === 1 || n === 5);
      default:
        return undefined;
    }
  }
  return undefined;
}

export function parseCff(data: Uint8Array): CffFont | undefined {
  try {
    const r = new Reader(data, data[2]!);
    r.index(); // names
    const top = dict(r.index()[0] ?? new Uint8Array());
    const strings = r.index();
    const sid = (s: number): string | undefined => (s < STD.length ? STD[s] : s >= 379 && s <= 390 ? WEIGHTS[s - 379] : s >= 391 ? new TextDecoder('latin1').decode(strings[s - 391] ?? new Uint8Array()) : undefined);
    const csOff = top.get(17)?.[0];
    if (csOff === undefined) return undefined;
    const charStrings = new Reader(data, csOff).index();
    const n = charStrings.length;
    const cidKeyed = top.has(1230);
    // charset: glyph id → SID (or CID).
    const charset: number[] = [0];
    const csetOff = top.get(15)?.[0] ?? 0;
    if (csetOff > 2) {
      const c = new Reader(data, csetOff);
      const format = c.u8();
      if (format === 0) while (charset.length < n) charset.push(c.u16());
      else {
        while (charset.length < n) {
          const first = c.u16();
          const left = format === 1 ? c.u8() : c.u16();
          for (let k = 0; k <= left && charset.length < n; k++) charset.push(first + k);
        }
      }
    } else while (charset.length < n) charset.push(charset.length); // ISOAdobe charset: SID = gid
    const privates: { nominal: number; dflt: number }[] = [];
    const fdOfGlyph: number[] = new Array(n).fill(0);
    const readPrivate = (d: Map<number, number[]>): { nominal: number; dflt: number } => {
      const [size, off] = d.get(18) ?? [0, 0];
      const p = dict(data.subarray(off!, off! + size!));
      return { nominal: p.get(21)?.[0] ?? 0, dflt: p.get(20)?.[0] ?? 0 };
    };
    if (cidKeyed) {
      const fdArray = new Reader(data, top.get(1236)?.[0] ?? 0).index().map(dict);
      for (const fd of fdArray) privates.push(readPrivate(fd));
      const selOff = top.get(1237)?.[0];
      if (selOff !== undefined) {
        const s = new Reader(data, selOff);
        const format = s.u8();
        if (format === 0) for (let g = 0; g < n; g++) fdOfGlyph[g] = s.u8();
        else if (format === 3) {
          const ranges = s.u16();
          let first = s.u16();
          for (let k = 0; k < ranges; k++) {
            const fd = s.u8();
            const next = s.u16();
            for (let g = first; g < next && g < n; g++) fdOfGlyph[g] = fd;
            first = next;
          }
        }
      }
    } else privates.push(readPrivate(top));
    const widths = charStrings.map((cs, g) => {
      const p = privates[fdOfGlyph[g] ?? 0] ?? { nominal: 0, dflt: 0 };
      return charstringWidth(cs, p.nominal, p.dflt);
    });
    const fm = top.get(1207);
    const builtinEncoding = new Map<number, string>();
    const encOff = top.get(16)?.[0] ?? 0;
    if (!cidKeyed && encOff > 1) {
      const e = new Reader(data, encOff);
      const format = e.u8();
      if ((format & 0x7f) === 0) {
        const count = e.u8();
        for (let g = 1; g <= count; g++) {
          const name = sid(charset[g] ?? 0);
          const code = e.u8();
          if (name) builtinEncoding.set(code, name);
        }
      } else if ((format & 0x7f) === 1) {
        const ranges = e.u8();
        let g = 1;
        for (let k = 0; k < ranges; k++) {
          const first = e.u8();
          const left = e.u8();
          for (let c = first; c <= first + left; c++, g++) {
            const name = sid(charset[g] ?? 0);
            if (name) builtinEncoding.set(c, name);
          }
        }
      }
    }
    return {
      names: cidKeyed ? [] : charset.map(sid),
      cids: cidKeyed ? charset : undefined,
      widths,
      scale: fm ? fm[0]! * 1000 : 1,
      builtinEncoding,
    };
  } catch {
    return undefined;
  }
}
