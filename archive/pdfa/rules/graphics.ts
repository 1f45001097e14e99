// ISO 19005-2 6.2 (graphics): content streams, output intents, colour spaces used for painting,
// graphics states, images, XObjects and transparency. Colour rules are usage-based, as in the
// standard: a DeviceRGB colour space only matters when something is painted with it.
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfName, PdfStream, type PdfValue } from '../objects.ts';
import { pages } from '../pages.ts';
import type { Findings } from '../report.ts';
import { OPERATORS, operations } from '../content.ts';
import { deviceKind, iccHeader, pdfaOutputIntent, type DeviceKind, type IccHeader, type OutputIntentInfo } from '../colour.ts';
import { annotations } from './document.ts';
import { checkOutputIntents, checkUsedObjects, INTENTS, type UsedObjects } from './graphicsObjects.ts';

const STANDARD_FILTERS = new Set([
  'ASCIIHexDecode', 'ASCII85Decode', 'FlateDecode', 'RunLengthDecode', 'CCITTFaxDecode', 'DCTDecode',
  'AHx', 'A85', 'Fl', 'RL', 'CCF', 'DCT',
]);

type Role = 'direct' | 'alternate' | 'base' | 'blend';

/** Colour operators that select a device colour space implicitly. */
const DEVICE_OPERATORS: Record<string, string> = { g: 'DeviceGray', G: 'DeviceGray', rg: 'DeviceRGB', RG: 'DeviceRGB', k: 'DeviceCMYK', K: 'DeviceCMYK' };

/** Text painted during the walk, for the font rules (6.2.11). */
export interface TextUse {
  font: PdfDict;
  bytes: Uint8Array;
  renderMode: number;
}

interface GState {
  fill: PdfValue;
  stroke: PdfValue;
  fillPattern: PdfValue | undefined;
  strokePattern: PdfValue | undefined;
  op: boolean;
  OP: boolean;
  opm: number;
  tr: number;
  font: PdfDict | undefined;
  /** whether a colour operator set the fill / stroke space (rather than the initial DeviceGray) */
  fillSet: boolean;
  strokeSet: boolean;
}

interface Ctx {
  /** resources in force, innermost first */
  res: (PdfDict | undefined)[];
  /** glyph descriptions of uncoloured Type 3 glyphs (d1) carry no colour */
  uncoloured: boolean;
  page: { transparency: boolean };
  /** the page's resources with page-tree inheritance: where veraPDF looks up Default colour spaces for page content */
  pageDefaults?: PdfDict;
  depth: number;
}

export class GraphicsChecker {
  readonly text: TextUse[] = [];
  private readonly oi: OutputIntentInfo;
  private readonly iccCache = new Map<PdfStream, IccHeader>();
  private walking = new Set<PdfStream>();
  private readonly used: UsedObjects = { xobjects: new Set(), gstates: new Set(), spaces: new Set() };
  private readonly walked = new Map<PdfStream, Set<string>>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    private readonly file: PdfFile,
    private readonly f: Findings,
  ) {
    this.oi = pdfaOutputIntent(file);
  }

  run(): void {
    checkOutputIntents(this.file, this.f, (s) => this.icc(s));
    for (const p of pages(this.file)) {
      const ctx: Ctx = { res: [pageResources(this.file, p.dict)], uncoloured: false, page: { transparency: false }, depth: 0, pageDefaults: p.resources };
      const contents = this.file.resolve(p.dict.get('Contents'));
      const streams = (Array.isArray(contents) ? contents : [contents]).map((c) => this.file.resolve(c ?? undefined));
      const parts: Uint8Array[] = [];
      for (const s of streams) if (s instanceof PdfStream) parts.push(this.file.decode(s) ?? new Uint8Array());
      const joined = concat(parts, 0x0a);
      this.walk(joined, ctx);
      for (const a of annotations(this.file)) {
        if (!pageHas(this.file, p.dict, a)) continue;
        const ap = this.file.dictOf(a.get('AP'));
        const n = this.file.resolve(ap?.get('N'));
        const forms = n instanceof PdfStream ? [n] : n instanceof PdfDict ? [...n.map.values()].map((x) => this.file.resolve(x)) : [];
        for (const form of forms) if (form instanceof PdfStream) this.form(form, ctx);
      }
      const group = this.file.dictOf(p.dict.get('Group'));
      if (group) {
        const cs = group.get('CS');
        if (cs !== undefined) this.colourSpace(cs, ctx, 'blend');
      }
      if (ctx.page.transparency && !this.oi.present && !(group && group.has('CS'))) {
        this.f.add('6.2.10-2', 'a page uses transparency but has no group colour space and the file has no PDF/A output intent');
      }
    }
    checkUsedObjects(this.file, this.f, this.used);
  }

  private icc(s: PdfStream): IccHeader {
    let h = this.iccCache.get(s);
    if (!h) {
      h = iccHeader(this.file, s);
      this.iccCache.set(s, h);
    }
    return h;
  }

  private hasDefault(ctx: Ctx, kind: DeviceKind): boolean {
    // Default colour spaces come from the resource dictionary of the content being painted (ISO 32000-1 8.6.5.6).
    const key = `Default${kind}`;
    // Page content takes its Default spaces from the page's resources, inherited from the page tree if need be
    // (veraPDF's PDResourcesHandler); a form, pattern or glyph only from its own resources.
    const res = ctx.depth === 0 ? (ctx.pageDefaults ?? ctx.res[0]) : ctx.res[0];
    return !!this.file.dictOf(res?.get('ColorSpace'))?.has(key);
  }

  private device(kind: DeviceKind, ctx: Ctx, role: Role): void {
    if (ctx.uncoloured) return;
    if (kind === 'Gray' && this.oi.present) return;
    if (this.oi.kind === kind) return;
    if (role === 'direct' && this.hasDefault(ctx, kind)) return;
    if (role !== 'direct' && role !== 'blend' && this.hasDefault(ctx, kind)) return;
    const name = `Device${kind}`;
    const why = this.oi.present ? `the PDF/A output intent is not ${kind}` : 'there is no PDF/A output intent';
    // veraPDF reports every use of a device space under 6.2.4.3; the clause of the containing
    // construct (6.2.4.4, 6.2.4.5, 6.2.10) is reported as well.
    const rule = kind === 'RGB' ? '6.2.4.3-2' : kind === 'CMYK' ? '6.2.4.3-3' : '6.2.4.3-4';
    this.f.add(rule, `${name} is used without a Default${kind} colour space and ${why}`);
    if (role === 'direct') {
      return;
    } else if (role === 'alternate') {
      this.f.add('6.2.4.4-3', `${name} is the alternate space of a Separation or DeviceN colour space in use and ${why}`);
    } else if (role === 'base') {
      this.f.add('6.2.4.5-1', `${name} is the base of an Indexed or Pattern colour space in use and ${why}`);
    } else {
      this.f.add('6.2.10-3', `${name} is the blending colour space of a transparency group and ${why}`);
    }
  }

  private resolveCs(name: PdfValue | undefined, ctx: Ctx): PdfValue | undefined {
    const file = this.file;
    const r = file.resolve(name);
    if (r instanceof PdfName) {
      if (deviceKind(file, r) || r.name === 'Pattern' || r.name === 'I' || r.name === 'Indexed') return r;
      for (const [i, res] of ctx.res.entries()) {
        const found = file.dictOf(res?.get('ColorSpace'))?.get(r.name);
        if (found === undefined) continue;
        if (i > 0) this.inheritedResource('ColorSpace', r.name);
        return file.resolve(found);
      }
      this.f.add('6.2.2-2', `the colour space ${r.name} is not defined in the resources of the content stream`);
      return undefined;
    }
    return r;
  }

  /**
   * Records the colour space a cs or CS operator selects, painted with or not: veraPDF's operator links it, so its
   * Separation and DeviceN definitions are judged. Resources are reported missing only where it paints.
   */
  private noteSpace(name: PdfValue | undefined, ctx: Ctx): void {
    const r = this.file.resolve(name);
    if (!(r instanceof PdfName)) return;
    for (const res of ctx.res) {
      const found = this.file.resolve(this.file.dictOf(res?.get('ColorSpace'))?.get(r.name));
      if (Array.isArray(found)) this.used.spaces.add(found);
      if (found !== undefined) return;
    }
  }

  /** Checks a colour space that is used for painting. */
  colourSpace(csv: PdfValue | undefined, ctx: Ctx, role: Role, overprint?: { on: boolean; opm: number; what: string }): void {
    const file = this.file;
    const cs = this.resolveCs(csv, ctx);
    if (cs === undefined) return;
    if (Array.isArray(cs)) this.used.spaces.add(cs);
    const kind = deviceKind(file, cs);
    if (kind) {
      this.device(kind, ctx, role);
      return;
    }
    if (!Array.isArray(cs)) return;
    const fam = file.nameOf(cs[0]);
    const sub = role === 'direct' ? 'alternate' : role;
    if (fam === 'ICCBased') {
      const s = file.resolve(cs[1]);
      if (s instanceof PdfStream) {
        const h = this.icc(s);
        const n = file.resolve(s.dict.get('N'));
        const inputClass = ['scnr', 'mntr', 'prtr', 'spac'].includes(h.deviceClass);
        // veraPDF's test also limits the profile's data colour space to those ISO 32000-1 8.6.5.5 allows.
        const dataSpace = ['RGB', 'CMYK', 'GRAY', 'Lab'].includes(h.colourSpace);
        if (!h.ok || !inputClass || !dataSpace || (typeof n === 'number' && h.components !== 0 && n !== h.components)) {
          this.f.add('6.2.4.2-1', 'an ICCBased colour space does not embed a valid input, display, output or colour space ICC profile matching N');
        }
        if (h.colourSpace === 'CMYK' && overprint?.on && overprint.opm === 1) {
          this.f.add('6.2.4.2-2', `overprint mode 1 is used with overprinting for ${overprint.what} in an ICCBased CMYK colour space`);
        }
      }
    } else if (fam === 'Indexed' || fam === 'I') {
      this.colourSpace(cs[1], ctx, role === 'direct' ? 'base' : role);
    } else if (fam === 'Pattern' && cs.length > 1) {
      this.colourSpace(cs[1], ctx, role === 'direct' ? 'base' : role);
    } else if (fam === 'Separation') {
      this.colourSpace(cs[2], ctx, sub);
    } else if (fam === 'DeviceN' || fam === 'NChannel') {
      this.colourSpace(cs[2], ctx, sub);
    }
  }

  /**
   * veraPDF (PDResourcesHandler) marks a resource that a form XObject, pattern or Type 3 glyph finds only in the
   * page's resources as inherited, which breaks 6.2.2: each content stream must carry the resources it names.
   */
  private inheritedResource(category: string, name: string): void {
    this.f.add('6.2.2-2', `the ${category} resource ${name} is taken from an enclosing content stream, not from the stream's own Resources`);
  }

  private lookup(ctx: Ctx, category: string, name: PdfValue | undefined): PdfValue | undefined {
    const n = this.file.nameOf(name);
    if (n === undefined) return undefined;
    for (const [i, r] of ctx.res.entries()) {
      const v = this.file.dictOf(r?.get(category))?.get(n);
      if (v === undefined) continue;
      if (i > 0) this.inheritedResource(category, n);
      return this.file.resolve(v);
    }
    this.f.add('6.2.2-2', `the ${category} resource ${n} is not defined in the resources of the content stream`);
    return undefined;
  }

  private paint(gs: GState, ctx: Ctx, fill: boolean, stroke: boolean): void {
    if (fill) this.paintWith(gs.fill, gs.fillPattern, ctx, { on: gs.op, opm: gs.opm, what: 'fill' });
    if (stroke) this.paintWith(gs.stroke, gs.strokePattern, ctx, { on: gs.OP, opm: gs.opm, what: 'stroke' });
  }

  private paintWith(cs: PdfValue, pattern: PdfValue | undefined, ctx: Ctx, op: { on: boolean; opm: number; what: string }): void {
    this.colourSpace(cs, ctx, 'direct', op);
    const resolved = this.file.resolve(cs);
    const isPattern = this.file.nameOf(resolved) === 'Pattern' || (Array.isArray(resolved) && this.file.nameOf(resolved[0]) === 'Pattern');
    if (!isPattern || pattern === undefined) return;
    const p = this.lookup(ctx, 'Pattern', pattern);
    if (p instanceof PdfStream) {
      const sub: Ctx = { ...ctx, res: [this.file.dictOf(p.dict.get('Resources')), ...ctx.res], depth: ctx.depth + 1 };
      if (this.file.resolve(p.dict.get('PaintType')) === 2) sub.uncoloured = true;
      this.stream(p, sub);
    } else if (p instanceof PdfDict) {
      const sh = this.file.dictOf(p.get('Shading'));
      if (sh) this.colourSpace(sh.get('ColorSpace'), ctx, 'direct');
      const eg = this.file.dictOf(p.get('ExtGState'));
      if (eg) {
        this.used.gstates.add(eg);
        this.extGState(eg, undefined, ctx);
      }
    }
  }

  private extGState(g: PdfDict, gs: GState | undefined, ctx: Ctx): void {
    const file = this.file;
    const ca = file.resolve(g.get('ca'));
    const CA = file.resolve(g.get('CA'));
    const bm = file.resolve(g.get('BM'));
    const bmNames = (Array.isArray(bm) ? bm : bm === undefined ? [] : [bm]).map((x) => file.nameOf(x));
    const smask = file.resolve(g.get('SMask'));
    if (
      (typeof ca === 'number' && ca < 1) ||
      (typeof CA === 'number' && CA < 1) ||
      bmNames.some((n) => n !== 'Normal' && n !== 'Compatible') ||
      (smask !== undefined && file.nameOf(smask) !== 'None')
    ) {
      ctx.page.transparency = true;
    }
    if (smask instanceof PdfDict) {
      const gform = file.resolve(smask.get('G'));
      if (gform instanceof PdfStream) this.form(gform, ctx);
    }
    if (!gs) return;
    const OP = file.resolve(g.get('OP'));
    const op = file.resolve(g.get('op'));
    const opm = file.resolve(g.get('OPM'));
    if (typeof OP === 'boolean') {
      gs.OP = OP;
      if (typeof op !== 'boolean') gs.op = OP;
    }
    if (typeof op === 'boolean') gs.op = op;
    if (typeof opm === 'number') gs.opm = opm;
    const font = file.resolve(g.get('Font'));
    if (Array.isArray(font)) gs.font = file.dictOf(font[0]);
  }

  /** `inherited`: the graphics state at the Do operator, which a form XObject's content starts from. */
  form(s: PdfStream, ctx: Ctx, inherited?: GState): void {
    const file = this.file;
    const group = file.dictOf(s.dict.get('Group'));
    if (group && file.nameOf(group.get('S')) === 'Transparency') {
      ctx.page.transparency = true;
      if (group.has('CS')) this.colourSpace(group.get('CS'), { ...ctx, res: [file.dictOf(s.dict.get('Resources')), ...ctx.res] }, 'blend');
    }
    const own = file.dictOf(s.dict.get('Resources'));
    this.stream(s, { ...ctx, res: [own, ...ctx.res], depth: ctx.depth + 1 }, inherited);
  }

  private stream(s: PdfStream, ctx: Ctx, inherited?: GState): void {
    if (this.walking.has(s) || ctx.depth > 12) return;
    // A walk depends only on the stream, the resources in force, the glyph colouring, the depth and the page
    // it marks as transparent: a form drawn a thousand times, or a Type 3 font's glyph procedures run for each
    // string shown, are walked once per such context, not once per use.
    const key = this.walkKey(ctx, inherited);
    let keys = this.walked.get(s);
    if (!keys) this.walked.set(s, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.walking.add(s);
    try {
      const data = this.file.decode(s);
      if (data) this.walk(data, ctx, inherited);
    } finally {
      this.walking.delete(s);
    }
  }

  private id(o: object | undefined): number {
    if (!o) return 0;
    const known = this.ids.get(o);
    if (known !== undefined) return known;
    const n = this.nextId++;
    this.ids.set(o, n);
    return n;
  }

  private walkKey(ctx: Ctx, gs: GState | undefined): string {
    const v = (x: PdfValue | undefined): string => (x instanceof PdfName ? `/${x.name}` : typeof x === 'object' && x !== null ? `#${this.id(x)}` : String(x));
    const state = gs
      ? [v(gs.fill), v(gs.stroke), v(gs.fillPattern), v(gs.strokePattern), gs.op, gs.OP, gs.opm, gs.tr, this.id(gs.font), gs.fillSet, gs.strokeSet].join(' ')
      : '-';
    return `${this.id(ctx.page)} ${ctx.uncoloured ? 1 : 0} ${ctx.depth} ${ctx.res.map((r) => this.id(r)).join(',')} ${state}`;
  }

  private walk(data: Uint8Array, ctx: Ctx, inherited?: GState): void {
    const file = this.file;
    const gray = new PdfName('DeviceGray', new Uint8Array());
    let gs: GState = inherited ? { ...inherited } : { fill: gray, stroke: gray, fillPattern: undefined, strokePattern: undefined, op: false, OP: false, opm: 0, tr: 0, font: undefined, fillSet: false, strokeSet: false };
    const stack: GState[] = [];
    let uncolouredGlyph = ctx.uncoloured;
    for (const { op, args, inline } of operations(data, file.facts)) {
      const c: Ctx = uncolouredGlyph === ctx.uncoloured ? ctx : { ...ctx, uncoloured: uncolouredGlyph };
      switch (op) {
        case 'q':
          stack.push({ ...gs });
          if (stack.length > 28) this.f.add('6.1.13-8', 'q/Q pairs are nested more than 28 levels deep');
          break;
        case 'Q':
          gs = stack.pop() ?? gs;
          break;
        case 'd1':
          uncolouredGlyph = true;
          break;
        case 'cs':
          this.noteSpace(args[0], c);
          gs.fill = file.resolve(args[0]) ?? gray;
          gs.fillPattern = undefined;
          gs.fillSet = true;
          break;
        case 'CS':
          this.noteSpace(args[0], c);
          gs.stroke = file.resolve(args[0]) ?? gray;
          gs.strokePattern = undefined;
          gs.strokeSet = true;
          break;
        case 'g': case 'G': case 'rg': case 'RG': case 'k': case 'K': {
          const cs = new PdfName(DEVICE_OPERATORS[op]!, new Uint8Array());
          if (op === op.toLowerCase()) {
            gs.fill = cs;
            gs.fillSet = true;
          } else {
            gs.stroke = cs;
            gs.strokeSet = true;
          }
          break;
        }
        case 'scn':
          if (args[args.length - 1] instanceof PdfName) gs.fillPattern = args[args.length - 1];
          break;
        case 'SCN':
          if (args[args.length - 1] instanceof PdfName) gs.strokePattern = args[args.length - 1];
          break;
        case 'f': case 'F': case 'f*':
          this.paint(gs, c, true, false);
          break;
        case 'S': case 's':
          this.paint(gs, c, false, true);
          break;
        case 'B': case 'B*': case 'b': case 'b*':
          this.paint(gs, c, true, true);
          break;
        case 'sh': {
          const sh = this.lookup(c, 'Shading', args[0]);
          const d = sh instanceof PdfStream ? sh.dict : sh instanceof PdfDict ? sh : undefined;
          if (d) this.colourSpace(d.get('ColorSpace'), c, 'direct');
          break;
        }
        case 'ri': {
          const n = file.nameOf(args[0]);
          if (!n || !INTENTS.has(n)) this.f.add('6.2.6-1', `the rendering intent ${n ?? '?'} is not standard`);
          break;
        }
        case 'gs': {
          const g = file.dictOf(this.lookup(c, 'ExtGState', args[0]));
          if (g) {
            this.used.gstates.add(g);
            this.extGState(g, gs, c);
          }
          break;
        }
        case 'Tr':
          if (typeof args[0] === 'number') gs.tr = args[0];
          break;
        case 'Tf':
          gs.font = file.dictOf(this.lookup(c, 'Font', args[0]));
          break;
        case 'Tj': case "'": case '"': case 'TJ':
          this.showText(gs, c, args);
          break;
        case 'Do': {
          const x = this.lookup(c, 'XObject', args[0]);
          if (!(x instanceof PdfStream)) break;
          this.used.xobjects.add(x);
          const sub = file.nameOf(x.dict.get('Subtype'));
          if (sub === 'Image') {
            if (file.resolve(x.dict.get('ImageMask')) === true) this.paint(gs, c, true, false);
            else this.colourSpace(x.dict.get('ColorSpace'), c, 'direct');
            const smask = file.resolve(x.dict.get('SMask'));
            const inData = file.resolve(x.dict.get('SMaskInData'));
            if (smask instanceof PdfStream || (typeof inData === 'number' && inData > 0)) c.page.transparency = true;
          } else if (sub === 'Form') this.form(x, c, gs);
          break;
        }
        case 'BI':
          if (inline) this.inlineImage(inline, gs, c);
          break;
        default:
          if (!OPERATORS.has(op)) this.f.add('6.2.2-1', `the content stream uses the undefined operator ${op}`);
      }
    }
  }

  private inlineImage(d: PdfDict, gs: GState, ctx: Ctx): void {
    const file = this.file;
    const get = (a: string, b: string): PdfValue | undefined => d.get(a) ?? d.get(b);
    if (get('I', 'Interpolate') === true) this.f.add('6.2.8-3', 'an inline image has the I key set to true', '6.2.8.1');
    const filter = get('F', 'Filter');
    for (const x of Array.isArray(filter) ? filter : filter === undefined ? [] : [filter]) {
      const n = file.nameOf(x);
      if (!n || !STANDARD_FILTERS.has(n)) this.f.add('6.1.10-1', `an inline image uses the filter ${n ?? '?'}`);
    }
    const intent = get('Intent', 'Intent');
    if (intent !== undefined && !INTENTS.has(file.nameOf(intent) ?? '')) {
      this.f.add('6.2.6-1', 'an inline image has a non-standard rendering intent');
      this.f.add('6.2.8-6', 'an inline image has a non-standard rendering intent', '6.2.8.1');
    }
    if (get('IM', 'ImageMask') === true) {
      this.paint(gs, ctx, true, false);
      return;
    }
    const cs = get('CS', 'ColorSpace');
    const n = file.nameOf(cs);
    const expanded: PdfValue | undefined =
      n === 'G' ? new PdfName('DeviceGray', new Uint8Array()) : n === 'RGB' ? new PdfName('DeviceRGB', new Uint8Array()) : n === 'CMYK' ? new PdfName('DeviceCMYK', new Uint8Array()) : cs;
    if (Array.isArray(expanded) && (file.nameOf(expanded[0]) === 'I' || file.nameOf(expanded[0]) === 'Indexed')) {
      const base = expanded[1];
      const bn = file.nameOf(base);
      const b = bn === 'G' ? new PdfName('DeviceGray', new Uint8Array()) : bn === 'RGB' ? new PdfName('DeviceRGB', new Uint8Array()) : bn === 'CMYK' ? new PdfName('DeviceCMYK', new Uint8Array()) : base;
      this.colourSpace(b, ctx, 'base');
    } else this.colourSpace(expanded, ctx, 'direct');
  }

  private showText(gs: GState, ctx: Ctx, args: PdfValue[]): void {
    const font = gs.font;
    const bytes: number[] = [];
    for (const a of args) {
      if (a instanceof Object && 'bytes' in a && a.bytes instanceof Uint8Array) bytes.push(...a.bytes);
      if (Array.isArray(a)) for (const x of a) if (x instanceof Object && 'bytes' in x && x.bytes instanceof Uint8Array) bytes.push(...x.bytes);
    }
    if (font) this.text.push({ font, bytes: Uint8Array.from(bytes), renderMode: gs.tr });
    // Glyphs are painted with the colour space of their rendering mode; a colour space that was
    // explicitly set for the other operation counts too (veraPDF checks both), unless the text is
    // invisible (3) or only clips (7).
    const visible = gs.tr !== 3 && gs.tr !== 7;
    const fill = visible && ([0, 2, 4, 6].includes(gs.tr) || gs.fillSet);
    const stroke = visible && ([1, 2, 5, 6].includes(gs.tr) || gs.strokeSet);
    if (font && this.file.nameOf(font.get('Subtype')) === 'Type3') {
      const procs = this.file.dictOf(font.get('CharProcs'));
      const fontRes = this.file.dictOf(font.get('Resources'));
      const sub: Ctx = { ...ctx, res: [fontRes, ...ctx.res], depth: ctx.depth + 1 };
      for (const p of procs?.map.values() ?? []) {
        const s = this.file.resolve(p);
        if (s instanceof PdfStream) this.stream(s, sub, gs);
      }
      // Type 3 glyphs paint with the colours set inside their descriptions (d0), or with the fill colour (d1).
    }
    if (fill || stroke) this.paint(gs, ctx, fill, stroke);
  }
}

function pageResources(file: PdfFile, page: PdfDict): PdfDict | undefined {
  // A page's content must name resources in the page's own Resources (6.2.2); values inherited
  // from the page tree are not "explicitly associated".
  return file.dictOf(page.get('Resources'));
}

function pageHas(file: PdfFile, page: PdfDict, annot: PdfDict): boolean {
  const a = file.resolve(page.get('Annots'));
  return Array.isArray(a) && a.some((x) => file.dictOf(x) === annot);
}

function concat(parts: Uint8Array[], sep: number): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
    out[o++] = sep;
  }
  return out;
}

export function checkGraphics(file: PdfFile, f: Findings): TextUse[] {
  const g = new GraphicsChecker(file, f);
  g.run();
  return g.text;
}
