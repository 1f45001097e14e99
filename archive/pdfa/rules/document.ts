// ISO 19005-2 6.3–6.11: annotations, interactive forms, actions, embedded files, optional
// content, alternate presentations and requirements.
import { PdfFile } from '../file.ts';
import { PdfDict, PdfStream, type PdfValue } from '../objects.ts';
import { pages } from '../pages.ts';
import type { Findings } from '../report.ts';
import { numbers } from '../pages.ts';

const ANNOTATION_TYPES = new Set([
  'Text', 'Link', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly',
  'StrikeOut', 'Stamp', 'Caret', 'Ink', 'Popup', 'FileAttachment', 'Widget', 'PrinterMark', 'TrapNet', 'Watermark', 'Redact',
]);
const FORBIDDEN_ANNOTATIONS = new Set(['3D', 'Sound', 'Screen', 'Movie']);
const FORBIDDEN_ACTIONS = new Set([
  'Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView',
  'JavaScript', 'SetState', 'NOP',
]);
const NAMED_ACTIONS = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);

function inheritedFieldType(file: PdfFile, d: PdfDict): string | undefined {
  let cur: PdfDict | undefined = d;
  for (let i = 0; cur && i < 32; i++) {
    const ft = file.nameOf(cur.get('FT'));
    if (ft) return ft;
    cur = file.dictOf(cur.get('Parent'));
  }
  return undefined;
}

export function annotations(file: PdfFile): PdfDict[] {
  const out: PdfDict[] = [];
  for (const p of pages(file)) {
    const a = file.resolve(p.dict.get('Annots'));
    for (const x of Array.isArray(a) ? a : []) {
      const d = file.dictOf(x);
      if (d) out.push(d);
    }
  }
  return out;
}

function checkAnnotations(file: PdfFile, f: Findings): void {
  for (const a of annotations(file)) {
    const st = file.nameOf(a.get('Subtype')) ?? '';
    if (!ANNOTATION_TYPES.has(st)) {
      f.add('6.3.1-1', FORBIDDEN_ANNOTATIONS.has(st) ? `${st} annotations are not permitted` : `annotation type ${st} is not defined in ISO 32000-1`);
    }
    const flags = file.resolve(a.get('F'));
    if (st !== 'Popup' && flags === undefined) f.add('6.3.2-1', `a ${st} annotation has no F key`);
    if (typeof flags === 'number' && ((flags & 4) === 0 || (flags & (1 | 2 | 32 | 256)) !== 0)) {
      f.add('6.3.2-2', `a ${st} annotation has flags ${flags}: Print must be set and Hidden, Invisible, NoView, ToggleNoView clear`);
    }
    const rect = numbers(file, a.get('Rect'));
    const zero = rect !== undefined && rect.length === 4 && rect[0] === rect[2] && rect[1] === rect[3];
    const ap = file.dictOf(a.get('AP'));
    if (!ap && st !== 'Popup' && st !== 'Link' && !zero) f.add('6.3.3-1', `a ${st} annotation has no appearance dictionary`);
    if (ap) {
      for (const k of ap.map.keys()) if (k !== 'N') f.add('6.3.3-2', `a ${st} annotation appearance dictionary contains ${k}`);
      const n = file.resolve(ap.get('N'));
      const btn = st === 'Widget' && inheritedFieldType(file, a) === 'Btn';
      if (btn && !(n instanceof PdfDict)) f.add('6.3.3-3', 'a button widget normal appearance is not an appearance subdictionary');
      if (!btn && n !== undefined && !(n instanceof PdfStream)) f.add('6.3.3-4', `a ${st} annotation normal appearance is not a stream`);
    }
    if (st === 'Widget' && (a.has('A') || a.has('AA'))) f.add('6.4.1-1', 'a widget annotation contains an A or AA key');
  }
}

function checkForms(file: PdfFile, f: Findings): void {
  const cat = file.catalog();
  const form = file.dictOf(cat?.get('AcroForm'));
  if (cat?.has('NeedsRendering')) f.add('6.4.2-2', 'the catalog contains NeedsRendering');
  if (!form) return;
  if (file.resolve(form.get('NeedAppearances')) === true) f.add('6.4.1-3', 'NeedAppearances is true');
  if (form.has('XFA')) f.add('6.4.2-1', 'the interactive form dictionary contains XFA');
  const seen = new Set<PdfDict>();
  const walk = (v: PdfValue | undefined, depth: number): void => {
    const d = file.dictOf(v);
    if (!d || seen.has(d) || depth > 32) return;
    seen.add(d);
    // veraPDF's PDFormField test is "AA_size == 0", and a terminal field merged with its widget is a field too;
    // a kid without a partial name (T) is only a widget, judged by 6.4.1-1.
    const isField = depth === 0 || d.has('T') || d.has('FT') || d.has('Kids');
    if (isField && d.has('AA')) f.add('6.4.1-2', 'a form field contains an AA key');
    const kids = file.resolve(d.get('Kids'));
    for (const k of Array.isArray(kids) ? kids : []) walk(k, depth + 1);
  };
  const fields = file.resolve(form.get('Fields'));
  for (const x of Array.isArray(fields) ? fields : []) walk(x, 0);
}

function checkActions(file: PdfFile, f: Findings): void {
  const actions: PdfDict[] = [];
  const push = (v: PdfValue | undefined): void => {
    const d = file.dictOf(v);
    if (d) actions.push(d);
  };
  for (const [, v] of file.allObjects()) {
    const d = v instanceof PdfStream ? v.dict : v;
    const dicts: PdfDict[] = [];
    const collect = (x: PdfValue | undefined, depth: number): void => {
      if (x instanceof PdfDict && depth < 8) {
        dicts.push(x);
        for (const y of x.map.values()) collect(y, depth + 1);
      } else if (Array.isArray(x) && depth < 8) for (const y of x) collect(y, depth + 1);
    };
    collect(d, 0);
    for (const dict of dicts) {
      push(dict.get('A'));
      push(dict.get('OpenAction'));
      if (file.nameOf(dict.get('Type')) === 'Action') actions.push(dict);
      const aa = file.dictOf(dict.get('AA'));
      if (aa) for (const x of aa.map.values()) push(x);
    }
  }
  // veraPDF follows every action's Next link (a dictionary or an array of them); the Type key is
  // optional in action dictionaries, so a chained action without it is still an action.
  const all = new Set<PdfDict>();
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    if (all.has(a)) continue;
    all.add(a);
    const next = file.resolve(a.get('Next'));
    for (const n of Array.isArray(next) ? next : [next]) push(n ?? undefined);
  }
  for (const a of all) {
    const s = file.nameOf(a.get('S'));
    if (s && FORBIDDEN_ACTIONS.has(s)) f.add('6.5.1-1', `the ${s} action is not permitted`);
    if (s === 'Named') {
      const n = file.nameOf(a.get('N'));
      if (!n || !NAMED_ACTIONS.has(n)) f.add('6.5.1-2', `the named action ${n ?? '?'} is not permitted`);
    }
  }
  if (file.catalog()?.has('AA')) f.add('6.5.2-1', 'the catalog contains an AA entry');
  for (const p of pages(file)) if (p.dict.has('AA')) f.add('6.5.2-2', 'a page contains an AA entry');
}

function embeddedPdfPart(data: Uint8Array): number | undefined {
  try {
    const inner = new PdfFile(data);
    const md = inner.resolve(inner.catalog()?.get('Metadata'));
    if (!(md instanceof PdfStream)) return undefined;
    const xmp = new TextDecoder().decode(inner.decode(md) ?? new Uint8Array());
    const m = /pdfaid:part(?:\s*=\s*["']|>)\s*(\d)/.exec(xmp);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function checkEmbeddedFiles(file: PdfFile, f: Findings, part: number): void {
  const associated = new Set<PdfDict>();
  const specs: PdfDict[] = [];
  for (const [, v] of file.allObjects()) {
    const d = v instanceof PdfStream ? v.dict : v;
    if (!(d instanceof PdfDict)) continue;
    const af = file.resolve(d.get('AF'));
    for (const x of Array.isArray(af) ? af : [af]) {
      const s = file.dictOf(x ?? undefined);
      if (s) associated.add(s);
    }
    // /Type /Filespec is optional: any dictionary with an EF dictionary is an embedded file specification
    // (veraPDF's CosFileSpecification test "EF_size == 0 || (F != null && UF != null)").
    if (file.dictOf(d.get('EF'))) specs.push(d);
  }
  for (const s of specs) {
    if (!s.has('F') || !s.has('UF')) f.add('6.8-2', 'an embedded file specification lacks the F or UF key');
    const ef = file.dictOf(s.get('EF'));
    const stream = file.resolve(ef?.get('F'));
    if (part === 3) {
      if (!associated.has(s)) f.add('6.8-5', 'an embedded file is not associated with the document or a part of it through an AF key');
      // Only presence is required: ISO 19005-3 lists values, but other names (e.g. Undefined) are tolerated.
      if (!s.has('AFRelationship')) f.add('6.8-3', 'an embedded file specification has no AFRelationship key');
      if (stream instanceof PdfStream && !stream.dict.has('Subtype')) f.add('6.8-1', 'an embedded file stream has no MIME Subtype');
    } else if (stream instanceof PdfStream) {
      const data = file.decode(stream);
      const p = data ? embeddedPdfPart(data) : undefined;
      if (p !== 1 && p !== 2) f.add('6.8-5', 'an embedded file is not a PDF/A-1 or PDF/A-2 file');
    }
  }
}

function checkOptionalContent(file: PdfFile, f: Findings): void {
  const oc = file.dictOf(file.catalog()?.get('OCProperties'));
  if (!oc) return;
  const configs: PdfDict[] = [];
  const d = file.dictOf(oc.get('D'));
  if (d) configs.push(d);
  const more = file.resolve(oc.get('Configs'));
  for (const c of Array.isArray(more) ? more : []) {
    const x = file.dictOf(c);
    if (x) configs.push(x);
  }
  const names = new Set<string>();
  const ocgs = file.resolve(oc.get('OCGs'));
  const allOcgs = new Set((Array.isArray(ocgs) ? ocgs : []).map((x) => file.dictOf(x)).filter((x): x is PdfDict => !!x));
  for (const c of configs) {
    const name = file.resolve(c.get('Name'));
    if (name === undefined) f.add('6.9-1', 'an optional content configuration has no Name');
    else {
      const key = JSON.stringify(name);
      if (names.has(key)) f.add('6.9-2', 'optional content configuration names are not unique');
      names.add(key);
    }
    if (c.has('AS')) f.add('6.9-4', 'an optional content configuration contains the AS key');
    const order = file.resolve(c.get('Order'));
    if (Array.isArray(order)) {
      const listed = new Set<PdfDict>();
      const flat = (v: PdfValue | undefined, depth: number): void => {
        const r = file.resolve(v);
        if (Array.isArray(r) && depth < 16) for (const x of r) flat(x, depth + 1);
        else if (r instanceof PdfDict) listed.add(r);
      };
      flat(order, 0);
      for (const g of allOcgs) if (!listed.has(g)) f.add('6.9-3', 'an optional content Order array omits some optional content groups');
    }
  }
}

export function checkDocument(file: PdfFile, f: Findings, part: number): void {
  checkAnnotations(file, f);
  checkForms(file, f);
  checkActions(file, f);
  checkEmbeddedFiles(file, f, part);
  checkOptionalContent(file, f);
  const cat = file.catalog();
  const names = file.dictOf(cat?.get('Names'));
  if (names?.has('AlternatePresentations')) f.add('6.10-1', 'the name dictionary contains AlternatePresentations');
  for (const p of pages(file)) if (p.dict.has('PresSteps')) f.add('6.10-2', 'a page contains PresSteps');
  if (cat?.has('Requirements')) f.add('6.11-1', 'the catalog contains the Requirements key');
}
