// ISO 19005-2 6.2.8.3: JPEG 2000 images (JP2 header boxes: ihdr, bpcc, colr).
import type { Findings } from '../report.ts';

interface Box {
  type: string;
  start: number;
  end: number;
}

function* boxes(d: Uint8Array, start: number, end: number): Generator<Box> {
  let p = start;
  while (p + 8 <= end) {
    let len = ((d[p]! << 24) >>> 0) + (d[p + 1]! << 16) + (d[p + 2]! << 8) + d[p + 3]!;
    const type = String.fromCharCode(d[p + 4]!, d[p + 5]!, d[p + 6]!, d[p + 7]!);
    let head = 8;
    if (len === 1) {
      len = Number(new DataView(d.buffer, d.byteOffset + p + 8, 8).getBigUint64(0));
      head = 16;
    } else if (len === 0) len = end - p;
    if (len < head || p + len > end) return;
    yield { type, start: p + head, end: p + len };
    p += len;
  }
}

export function checkJpeg2000(d: Uint8Array, f: Findings): void {
  const top = [...boxes(d, 0, d.length)];
  const jp2h = top.find((b) => b.type === 'jp2h');
  if (!jp2h) return; // a raw codestream carries no colour specification to check
  const inner = [...boxes(d, jp2h.start, jp2h.end)];
  const ihdr = inner.find((b) => b.type === 'ihdr');
  if (ihdr) {
    const nc = (d[ihdr.start + 8]! << 8) | d[ihdr.start + 9]!;
    const bpc = d[ihdr.start + 10]!;
    if (![1, 3, 4].includes(nc)) f.add('6.2.8.3-1', `the JPEG 2000 image has ${nc} colour channels`);
    const depths: number[] = [];
    if (bpc === 0xff) {
      const bpcc = inner.find((b) => b.type === 'bpcc');
      if (bpcc) for (let i = bpcc.start; i < bpcc.end; i++) depths.push((d[i]! & 0x7f) + 1);
    } else depths.push((bpc & 0x7f) + 1);
    if (depths.some((x) => x < 1 || x > 38) || new Set(depths).size > 1) f.add('6.2.8.3-5', 'the JPEG 2000 channels have unequal or out-of-range bit depths');
  }
  const colr = inner.filter((b) => b.type === 'colr');
  if (colr.length > 1 && colr.filter((b) => d[b.start + 2] === 1).length !== 1) {
    f.add('6.2.8.3-2', 'several JPEG 2000 colour specifications but not exactly one with APPROX 1');
  }
  for (const b of colr) {
    const meth = d[b.start]!;
    if (meth < 1 || meth > 3) f.add('6.2.8.3-3', `a JPEG 2000 colour specification has METH ${meth}`);
    if (meth === 1) {
      const enumcs = ((d[b.start + 3]! << 24) >>> 0) + (d[b.start + 4]! << 16) + (d[b.start + 5]! << 8) + d[b.start + 6]!;
      if (enumcs === 19) f.add('6.2.8.3-4', 'the JPEG 2000 image uses the CIEJab enumerated colour space');
    }
  }
}
