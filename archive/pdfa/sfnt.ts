// Minimal TrueType/OpenType reader: glyph count, advance widths and cmap subtables — what the
// PDF/A font rules (widths 6.2.11.5, encodings 6.2.11.6, .notdef 6.2.11.8) need.

export interface Sfnt {
  numGlyphs: number;
  unitsPerEm: number;
  advances: number[];
  /** (platform, encoding) → code → glyph id */
  cmaps: Map<string, Map<number, number>>;
  /** glyph ids with outline data (subsetters keep empty slots for dropped glyphs); undefined without glyf/loca */
  withOutline: Set<number> | undefined;
}

export function parseSfnt(d: Uint8Array): Sfnt | undefined {
  if (d.length < 12) return undefined;
  const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const numTables = v.getUint16(4);
  const tables = new Map<string, { off: number; len: number }>();
  for (let i = 0; i < numTables; i++) {
    const p = 12 + i * 16;
    if (p + 16 > d.length) return undefined;
    const tag = String.fromCharCode(d[p]!, d[p + 1]!, d[p + 2]!, d[p + 3]!);
    tables.set(tag, { off: v.getUint32(p + 8), len: v.getUint32(p + 12) });
  }
  try {
    const head = tables.get('head');
    const maxp = tables.get('maxp');
    const hhea = tables.get('hhea');
    const hmtx = tables.get('hmtx');
    const unitsPerEm = head ? v.getUint16(head.off + 18) : 1000;
    const numGlyphs = maxp ? v.getUint16(maxp.off + 4) : 0;
    const advances: number[] = [];
    if (hhea && hmtx) {
      const n = v.getUint16(hhea.off + 34);
      let last = 0;
      for (let i = 0; i < numGlyphs; i++) {
        if (i < n) last = v.getUint16(hmtx.off + i * 4);
        advances.push(last);
      }
    }
    const cmaps = new Map<string, Map<number, number>>();
    const cmap = tables.get('cmap');
    if (cmap) {
      const n = v.getUint16(cmap.off + 2);
      for (let i = 0; i < n; i++) {
        const rec = cmap.off + 4 + i * 8;
        const pid = v.getUint16(rec);
        const eid = v.getUint16(rec + 2);
        const sub = cmap.off + v.getUint32(rec + 4);
        cmaps.set(`${pid},${eid}`, readCmap(v, sub));
      }
    }
    let withOutline: Set<number> | undefined;
    const loca = tables.get('loca');
    if (head && loca && tables.has('glyf')) {
      const long = v.getInt16(head.off + 50) === 1;
      withOutline = new Set();
      for (let g = 0; g < numGlyphs; g++) {
        const a = long ? v.getUint32(loca.off + g * 4) : v.getUint16(loca.off + g * 2) * 2;
        const b = long ? v.getUint32(loca.off + g * 4 + 4) : v.getUint16(loca.off + g * 2 + 2) * 2;
        if (b > a) withOutline.add(g);
      }
    }
    return { numGlyphs, unitsPerEm, advances, cmaps, withOutline };
  } catch {
    return undefined;
  }
}

function readCmap(v: DataView, p: number): Map<number, number> {
  const m = new Map<number, number>();
  const format = v.getUint16(p);
  if (format === 0) {
    for (let c = 0; c < 256; c++) m.set(c, v.getUint8(p + 6 + c));
  } else if (format === 4) {
    const segX2 = v.getUint16(p + 6);
    const ends = p + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = v.getUint16(ends + s * 2);
      const start = v.getUint16(starts + s * 2);
      const delta = v.getInt16(deltas + s * 2);
      const ro = v.getUint16(offsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const at = offsets + s * 2 + ro + (c - start) * 2;
          g = at + 2 <= v.byteLength ? v.getUint16(at) : 0;
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        m.set(c, g);
      }
    }
  } else if (format === 6) {
    const first = v.getUint16(p + 6);
    const count = v.getUint16(p + 8);
    for (let i = 0; i < count; i++) m.set(first + i, v.getUint16(p + 10 + i * 2));
  } else if (format === 12) {
    const groups = v.getUint32(p + 12);
    for (let i = 0; i < groups && i < 10000; i++) {
      const g = p + 16 + i * 12;
      const s = v.getUint32(g);
      const e = v.getUint32(g + 4);
      const id = v.getUint32(g + 8);
      for (let c = s; c <= e && c - s < 70000; c++) m.set(c, id + (c - s));
    }
  }
  return m;
}
