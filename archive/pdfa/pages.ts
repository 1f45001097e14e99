// Page tree walk with inherited attributes (ISO 32000-1 7.7.3.4).
import type { PdfFile } from './file.ts';
import { PdfDict, type PdfValue } from './objects.ts';

export interface Page {
  dict: PdfDict;
  resources: PdfDict | undefined;
  mediaBox: PdfValue | undefined;
  cropBox: PdfValue | undefined;
}

export function pages(file: PdfFile): Page[] {
  const out: Page[] = [];
  const seen = new Set<PdfDict>();
  const walk = (node: PdfDict | undefined, inherited: Omit<Page, 'dict'>, depth: number): void => {
    if (!node || seen.has(node) || depth > 64) return;
    seen.add(node);
    const here = {
      resources: file.dictOf(node.get('Resources')) ?? inherited.resources,
      mediaBox: file.resolve(node.get('MediaBox')) ?? inherited.mediaBox,
      cropBox: file.resolve(node.get('CropBox')) ?? inherited.cropBox,
    };
    const kids = file.resolve(node.get('Kids'));
    if (file.nameOf(node.get('Type')) === 'Pages' || Array.isArray(kids)) {
      for (const k of Array.isArray(kids) ? kids : []) walk(file.dictOf(k), here, depth + 1);
    } else out.push({ dict: node, ...here });
  };
  walk(file.dictOf(file.catalog()?.get('Pages')), { resources: undefined, mediaBox: undefined, cropBox: undefined }, 0);
  return out;
}

export function numbers(file: PdfFile, v: PdfValue | undefined): number[] | undefined {
  const r = file.resolve(v);
  if (!Array.isArray(r)) return undefined;
  const out: number[] = [];
  for (const x of r) {
    const n = file.resolve(x);
    if (typeof n !== 'number') return undefined;
    out.push(n);
  }
  return out;
}
