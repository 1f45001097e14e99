// Reads advance widths, glyph names and the built-in encoding from an embedded Type 1 font
// program (Adobe Type 1 Font Format: eexec and charstring encryption, hsbw/sbw operators).
import type { PdfFile } from './file.ts';
import type { PdfDict } from './objects.ts';

export interface Type1Info {
  widths: Map<string, number>;
  encoding: Map<number, string>;
  /** glyph units → text space × 1000 */
  scale: number;
}

function decrypt(data: Uint8Array, key: number, skip: number): Uint8Array {
  let r = key;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    out[i] = c ^ (r >> 8);
    r = ((c + r) * 52845 + 22719) & 0xffff;
  }
  return out.subarray(skip);
}

function latin(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

function charstringWidth(cs: Uint8Array): number | undefined {
  const stack: number[] = [];
  for (let i = 0; i < cs.length; ) {
    const v = cs[i]!;
    if (v >= 32) {
      if (v <= 246) {
        stack.push(v - 139);
        i += 1;
      } else if (v <= 250) {
        stack.push((v - 247) * 256 + cs[i + 1]! + 108);
        i += 2;
      } else if (v <= 254) {
        stack.push(-(v - 251) * 256 - cs[i + 1]! - 108);
        i += 2;
      } else {
        stack.push(new DataView(cs.buffer, cs.byteOffset + i + 1, 4).getInt32(0));
        i += 5;
      }
      continue;
    }
    if (v === 13) return stack[1];
    if (v === 12 && cs[i + 1] === 7) return stack[2];
    if (v === 12 && cs[i + 1] === 12) {
      // div
      const b = stack.pop() ?? 1;
      const a = stack.pop() ?? 0;
      stack.push(a / b);
      i += 2;
      continue;
    }
    return undefined;
  }
  return undefined;
}

export function type1Widths(data: Uint8Array, dict: PdfDict, file: PdfFile): Type1Info | undefined {
  const len1 = file.resolve(dict.get('Length1'));
  const text = latin(data);
  const ee = text.indexOf('eexec');
  if (ee < 0) return undefined;
  const clear = text.slice(0, typeof len1 === 'number' && len1 > ee ? len1 : ee + 5);
  let start = ee + 5;
  while (start < data.length && (data[start] === 0x0d || data[start] === 0x0a || data[start] === 0x20 || data[start] === 0x09)) start++;
  let enc = data.subarray(start);
  if (/^[0-9a-fA-F]{4}/.test(text.slice(start, start + 4))) {
    const hex = text.slice(start).replace(/[^0-9a-fA-F]/g, '');
    enc = new Uint8Array(hex.length >> 1);
    for (let i = 0; i < enc.length; i++) enc[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  const plain = decrypt(enc, 55665, 4);
  const ptext = latin(plain);
  const lenIV = Number(/\/lenIV\s+(\d+)/.exec(ptext)?.[1] ?? 4);
  const csAt = ptext.indexOf('/CharStrings');
  if (csAt < 0) return undefined;
  const widths = new Map<string, number>();
  const re = /\/([^\s/[\]{}()<>]+)\s+(\d+)\s+(RD|-\|)\s/g;
  re.lastIndex = csAt + 12;
  for (let m = re.exec(ptext); m; m = re.exec(ptext)) {
    const len = Number(m[2]);
    const at = m.index + m[0].length;
    const w = charstringWidth(decrypt(plain.subarray(at, at + len), 4330, lenIV));
    if (w !== undefined) widths.set(m[1]!, w);
    re.lastIndex = at + len;
  }
  const encoding = new Map<number, string>();
  for (const m of clear.matchAll(/dup\s+(\d+)\s*\/([^\s/]+)\s+put/g)) encoding.set(Number(m[1]), m[2]!);
  const fm = /\/FontMatrix\s*\[\s*([-\d.eE]+)/.exec(clear);
  const scale = fm ? Number(fm[1]) * 1000 : 1;
  return { widths, encoding, scale };
}
