// Colour-space facts the graphics rules need: output intent, ICC profile headers, device
// colour families, and content-based equality of Separation definitions (6.2.4.4).
import type { PdfFile } from './file.ts';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.ts';

export type DeviceKind = 'RGB' | 'CMYK' | 'Gray';

export interface IccHeader {
  ok: boolean;
  deviceClass: string;
  colourSpace: string;
  components: number;
}

export function iccHeader(file: PdfFile, s: PdfStream): IccHeader {
  const d = file.decode(s);
  const bad = { ok: false, deviceClass: '', colourSpace: '', components: 0 };
  if (!d || d.length < 128) return bad;
  const str = (a: number): string => String.fromCharCode(d[a]!, d[a + 1]!, d[a + 2]!, d[a + 3]!);
  const colourSpace = str(16).trim();
  const components: Record<string, number> = { GRAY: 1, RGB: 3, CMYK: 4, Lab: 3, XYZ: 3 };
  const major = d[8]!;
  return {
    ok: str(36) === 'acsp' && major >= 2 && major <= 4,
    deviceClass: str(12),
    colourSpace,
    components: components[colourSpace] ?? Number(/^(\d)CLR$/.exec(str(16))?.[1] ?? 0),
  };
}

export interface OutputIntentInfo {
  present: boolean;
  kind: DeviceKind | undefined;
}

export function pdfaOutputIntent(file: PdfFile): OutputIntentInfo {
  const ois = file.resolve(file.catalog()?.get('OutputIntents'));
  for (const x of Array.isArray(ois) ? ois : []) {
    const d = file.dictOf(x);
    if (!d || file.nameOf(d.get('S')) !== 'GTS_PDFA1') continue;
    const p = file.resolve(d.get('DestOutputProfile'));
    if (!(p instanceof PdfStream)) return { present: true, kind: undefined };
    const h = iccHeader(file, p);
    const kind = h.colourSpace === 'RGB' ? 'RGB' : h.colourSpace === 'CMYK' ? 'CMYK' : h.colourSpace === 'GRAY' ? 'Gray' : undefined;
    return { present: true, kind };
  }
  return { present: false, kind: undefined };
}

export function deviceKind(file: PdfFile, cs: PdfValue | undefined): DeviceKind | undefined {
  const n = file.nameOf(cs);
  if (n === 'DeviceRGB' || n === 'RGB') return 'RGB';
  if (n === 'DeviceCMYK' || n === 'CMYK') return 'CMYK';
  if (n === 'DeviceGray' || n === 'G') return 'Gray';
  return undefined;
}

/** A canonical text form of a PDF value with references resolved, for structural equality. */
export function canonical(file: PdfFile, v: PdfValue | undefined, depth = 0): string {
  if (depth > 12) return '…';
  if (v instanceof PdfRef) return canonical(file, file.resolve(v), depth + 1);
  if (v === undefined) return 'undefined';
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof PdfName) return `/${v.name}`;
  if (v instanceof PdfString) return `(${[...v.bytes].join(',')})`;
  if (Array.isArray(v)) return `[${v.map((x) => canonical(file, x, depth + 1)).join(' ')}]`;
  if (v instanceof PdfStream) {
    const data = file.decode(v) ?? v.raw;
    const dict = new PdfDict();
    for (const [k, x] of v.dict.map) if (!['Length', 'Filter', 'DecodeParms'].includes(k)) dict.map.set(k, x);
    return `${canonical(file, dict, depth + 1)}stream${[...data].join(',')}`;
  }
  const keys = [...v.map.keys()].sort();
  return `<<${keys.map((k) => `/${k} ${canonical(file, v.map.get(k), depth + 1)}`).join(' ')}>>`;
}
