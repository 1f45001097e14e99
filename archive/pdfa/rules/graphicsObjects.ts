// ISO 19005-2 6.2 checks of graphics objects: output intents (6.2.3), and, for the objects the content walk
// (graphics.ts) found in use, Separation/DeviceN definitions (6.2.4.4), graphics states and halftones (6.2.5),
// rendering intents (6.2.6), images (6.2.8), XObjects (6.2.9) and blend modes (6.2.10).
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfRef, PdfStream, type PdfValue } from '../objects.ts';
import type { Findings } from '../report.ts';
import { canonical, type IccHeader } from '../colour.ts';
import { checkJpeg2000 } from './jpeg2000.ts';

const BLEND_MODES = new Set([
  'Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight',
  'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity',
]);
export const INTENTS = new Set(['RelativeColorimetric', 'AbsoluteColorimetric', 'Perceptual', 'Saturation']);
const PROCESS_COLOURANTS = new Set(['Cyan', 'Magenta', 'Yellow', 'Black', 'None']);
// Type 5 halftones: process colourants need no transfer function, any other colourant must have one.
const PRIMARY_COLOURANTS = new Set(['Cyan', 'Magenta', 'Yellow', 'Black']);

export function checkOutputIntents(file: PdfFile, f: Findings, icc: (s: PdfStream) => IccHeader): void {
  const ois = file.resolve(file.catalog()?.get('OutputIntents'));
  const profiles = new Set<string>();
  for (const x of Array.isArray(ois) ? ois : []) {
    const d = file.dictOf(x);
    if (!d) continue;
    if (d.has('DestOutputProfileRef')) f.add('6.2.3-3', 'an output intent contains DestOutputProfileRef');
    const raw = d.get('DestOutputProfile');
    if (raw === undefined) continue;
    profiles.add(raw instanceof PdfRef ? raw.key() : 'direct');
    const p = file.resolve(raw);
    const h = p instanceof PdfStream ? icc(p) : undefined;
    if (!h || !h.ok || !['prtr', 'mntr'].includes(h.deviceClass) || !['GRAY', 'RGB', 'CMYK'].includes(h.colourSpace)) {
      f.add('6.2.3-1', 'the output intent profile is not a valid output or monitor profile in GRAY, RGB or CMYK');
    }
  }
  if (profiles.size > 1) f.add('6.2.3-2', 'output intents refer to different destination profiles');
}

/**
 * Separation and DeviceN definitions (6.2.4.4-1/-2, 6.1.13-9) among the colour spaces content uses, with their
 * alternates, bases and Colorants: veraPDF builds a PDSeparation or PDDeviceN only for a colour space it meets there.
 */
function checkColourSpaces(file: PdfFile, f: Findings, spaces: Iterable<PdfValue[]>): void {
  const separations = new Map<string, string>();
  const seenArrays = new Set<PdfValue[]>();
  const visitCs = (v: PdfValue[]): void => {
    if (seenArrays.has(v)) return;
    seenArrays.add(v);
    const fam = file.nameOf(v[0]);
    if (fam === 'Separation' && v.length >= 4) {
      const name = file.nameOf(v[1]);
      if (name && name !== 'All' && name !== 'None') {
        const key = canonical(file, v[2]) + '|' + canonical(file, v[3]);
        const prev = separations.get(name);
        if (prev !== undefined && prev !== key) f.add('6.2.4.4-2', `Separation arrays named ${name} differ in alternate space or tint transform`);
        separations.set(name, key);
      }
    }
    if ((fam === 'DeviceN' || fam === 'NChannel') && v.length >= 4) {
      const names = file.resolve(v[1]);
      const list = (Array.isArray(names) ? names : []).map((n) => file.nameOf(n) ?? '');
      if (list.length > 32) f.add('6.1.13-9', 'a DeviceN colour space has more than 32 colourants');
      const attrs = file.dictOf(v[4]);
      const colorants = file.dictOf(attrs?.get('Colorants'));
      const process = file.dictOf(attrs?.get('Process'));
      const comps = file.resolve(process?.get('Components'));
      const processNames = new Set((Array.isArray(comps) ? comps : []).map((c) => file.nameOf(c) ?? ''));
      for (const n of list) {
        // veraPDF's areColorantsPresent: None and the four process colourants need no entry; "All" does.
        if (PROCESS_COLOURANTS.has(n) || processNames.has(n)) continue;
        if (!colorants?.has(n)) f.add('6.2.4.4-1', `the spot colourant ${n} of a DeviceN colour space is missing from its Colorants dictionary`);
      }
      for (const c of colorants?.map.values() ?? []) {
        const r = file.resolve(c);
        if (Array.isArray(r)) visitCs(r);
      }
    }
    for (const x of v) {
      const r = file.resolve(x);
      if (Array.isArray(r)) visitCs(r);
    }
  };
  for (const cs of spaces) visitCs(cs);
}

/** XObjects drawn by Do and graphics states set by gs (or a shading pattern) somewhere in the content walked. */
export interface UsedObjects {
  xobjects: Set<PdfStream>;
  gstates: Set<PdfDict>;
  /** colour space arrays set by cs/CS or painted with */
  spaces: Set<PdfValue[]>;
}

/**
 * Images, form and PostScript XObjects, and graphics states are judged where content uses them: veraPDF's model
 * reaches a PDXObject only through a Do operator (and an image's SMask and Alternates from there) and a PDExtGState
 * only through gs, so an object the pages never use breaks nothing there.
 */
export function checkUsedObjects(file: PdfFile, f: Findings, used: UsedObjects): void {
  checkColourSpaces(file, f, used.spaces);
  const images = new Set<PdfStream>();
  const addImage = (s: PdfStream): void => {
    if (images.has(s)) return;
    images.add(s);
    const smask = file.resolve(s.dict.get('SMask'));
    if (smask instanceof PdfStream) addImage(smask);
    const alternates = file.resolve(s.dict.get('Alternates'));
    for (const a of Array.isArray(alternates) ? alternates : []) {
      const img = file.resolve(file.dictOf(a)?.get('Image'));
      if (img instanceof PdfStream) addImage(img);
    }
  };
  for (const x of used.xobjects) {
    const d = x.dict;
    const sub = file.nameOf(d.get('Subtype'));
    if (sub === 'Image') addImage(x);
    if (sub === 'Form') {
      if (d.has('OPI') || file.nameOf(d.get('Subtype2')) === 'PS' || d.has('PS')) f.add('6.2.9-1', 'a form XObject contains OPI, PS or Subtype2 /PS', '6.2.9.1');
      if (d.has('Ref')) f.add('6.2.9-2', 'the file contains a reference XObject', '6.2.9.2');
    }
    if (sub === 'PS') f.add('6.2.9-3', 'the file contains a PostScript XObject', '6.2.9.3');
  }
  for (const s of images) image(file, f, s);
  for (const g of used.gstates) {
    if (g.has('TR')) f.add('6.2.5-1', 'an ExtGState contains the TR key');
    const tr2 = file.resolve(g.get('TR2'));
    if (tr2 !== undefined && file.nameOf(tr2) !== 'Default') f.add('6.2.5-2', 'an ExtGState contains TR2 with a value other than Default');
    if (g.has('HTP')) f.add('6.2.5-3', 'an ExtGState contains the HTP key');
    const ri = file.resolve(g.get('RI'));
    if (ri !== undefined && !INTENTS.has(file.nameOf(ri) ?? '')) f.add('6.2.6-1', `the rendering intent ${file.nameOf(ri) ?? '?'} is not standard`);
    const bm = file.resolve(g.get('BM'));
    for (const b of Array.isArray(bm) ? bm : bm === undefined ? [] : [bm]) {
      const n = file.nameOf(b);
      if (!n || !BLEND_MODES.has(n)) f.add('6.2.10-1', `the blend mode ${n ?? '?'} is not defined in ISO 32000-1`);
    }
    const ht = file.resolve(g.get('HT'));
    if (ht instanceof PdfDict || ht instanceof PdfStream) halftone(file, f, ht instanceof PdfStream ? ht.dict : ht, undefined);
  }
}

function halftone(file: PdfFile, f: Findings, h: PdfDict, colourant: string | undefined): void {
  // veraPDF models each colourant's halftone of a type 5 halftone as a PDHalftone too, so 6.2.5-4 applies
  // to them; a halftone outside a type 5 one has no colourant name and, like a primary, no TransferFunction.
  const type = file.resolve(h.get('HalftoneType'));
  if (type !== 1 && type !== 5) f.add('6.2.5-4', `a halftone has HalftoneType ${String(type)}, not 1 or 5`);
  if (h.has('HalftoneName')) f.add('6.2.5-5', 'a halftone contains HalftoneName');
  if (colourant !== 'Default') {
    const primary = colourant === undefined || PRIMARY_COLOURANTS.has(colourant);
    const who = colourant === undefined ? 'a halftone' : `the halftone for colourant ${colourant}`;
    if (primary && h.has('TransferFunction')) f.add('6.2.5-6', `${who} has a TransferFunction`);
    if (!primary && !h.has('TransferFunction')) f.add('6.2.5-6', `${who} lacks a TransferFunction`);
  }
  if (type === 5) {
    for (const [k, v] of h.map) {
      if (k === 'Type' || k === 'HalftoneType' || k === 'HalftoneName') continue;
      const sub = file.resolve(v);
      const d = sub instanceof PdfStream ? sub.dict : sub instanceof PdfDict ? sub : undefined;
      if (d) halftone(file, f, d, k);
    }
  }
}

function image(file: PdfFile, f: Findings, s: PdfStream): void {
    const d = s.dict;
  if (d.has('Alternates')) f.add('6.2.8-1', 'an image dictionary contains Alternates', '6.2.8.1');
  if (d.has('OPI')) f.add('6.2.8-2', 'an image dictionary contains OPI', '6.2.8.1');
  if (file.resolve(d.get('Interpolate')) === true) f.add('6.2.8-3', 'an image has Interpolate true', '6.2.8.1');
  const bpc = file.resolve(d.get('BitsPerComponent'));
  if (bpc !== undefined && ![1, 2, 4, 8, 16].includes(bpc as number)) f.add('6.2.8-4', `an image has BitsPerComponent ${String(bpc)}`, '6.2.8.1');
  if (file.resolve(d.get('ImageMask')) === true && bpc !== undefined && bpc !== 1) f.add('6.2.8-5', 'an image mask has BitsPerComponent other than 1', '6.2.8.1');
  const intent = file.resolve(d.get('Intent'));
  if (intent !== undefined && !INTENTS.has(file.nameOf(intent) ?? '')) {
    f.add('6.2.6-1', `the rendering intent ${file.nameOf(intent) ?? '?'} of an image is not standard`);
    f.add('6.2.8-6', `an image has the rendering intent ${file.nameOf(intent) ?? '?'}`, '6.2.8.1');
  }
  const filter = file.resolve(d.get('Filter'));
  const filters = Array.isArray(filter) ? filter.map((x) => file.nameOf(x)) : [file.nameOf(filter)];
  if (filters.includes('JPXDecode')) checkJpeg2000(s.raw, f);
}
