// Clauses for which the development half of the veraPDF corpus has no failing file (6.1.6, 6.1.7.2, 6.1.10,
// 6.2.6, 6.2.8, 6.2.9, 6.2.11.2, 6.4.2, 6.9, 6.10, 6.11): each is broken on purpose in an otherwise conformant file
// made by our producer and edited with pdf-lib, and the validator must name the clause's rule — and stay silent on
// the lawful variant where there is one.
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFPage, PDFRef, PDFString } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from './produce/produce.ts';
import { srgbProfile } from './produce/srgb.ts';
import { checkPdfa } from './validate.ts';

let base: Uint8Array;
beforeAll(async () => {
  base = await generateDocument({ title: 'Опись', author: 'Архив', created: '2026-01-15T12:00:00Z', documentId: 'unlisted' }, [{ text: 'Проверка правил PDF/A' }]);
});

type Edit = (doc: PDFDocument, page: PDFPage) => void;

async function rulesAfter(edit: Edit): Promise<string[]> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  edit(doc, doc.getPage(0));
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return checkPdfa(bytes).errors.map((e) => e.rule);
}

/** Draws `/X0 Do` with `xobject` as X0, so the object is in use on the page. */
function drawXObject(doc: PDFDocument, page: PDFPage, xobject: PDFRef): void {
  const resources = page.node.Resources()!;
  let xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) {
    xobjects = doc.context.obj({});
    resources.set(PDFName.of('XObject'), xobjects);
  }
  xobjects.set(PDFName.of('X0'), xobject);
  appendContent(doc, page, 'q 10 0 0 10 100 100 cm /X0 Do Q');
}

function appendContent(doc: PDFDocument, page: PDFPage, ops: string): void {
  const stream = doc.context.flateStream(ops);
  page.node.addContentStream(doc.context.register(stream));
}

function image(doc: PDFDocument, extra: Record<string, unknown>): PDFRef {
  const dict = { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8, ...extra };
  return doc.context.register(doc.context.flateStream(new Uint8Array([128]), dict as never));
}

function form(doc: PDFDocument, extra: Record<string, unknown>): PDFRef {
  const dict = { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1], ...extra };
  return doc.context.register(doc.context.flateStream('0 0 1 1 re f', dict as never));
}

interface OcConfig {
  Name?: PDFString;
  /** the one OCG of the file, or none */
  Order?: 'all' | 'none';
  AS?: [];
}

function ocProperties(doc: PDFDocument, config: OcConfig, configs: OcConfig[] = []): void {
  const ocg = doc.context.register(doc.context.obj({ Type: 'OCG', Name: PDFString.of('Слой') }));
  const dict = (c: OcConfig): PDFDict => {
    const d = doc.context.obj({});
    if (c.Name) d.set(PDFName.of('Name'), c.Name);
    if (c.Order) d.set(PDFName.of('Order'), doc.context.obj(c.Order === 'all' ? [ocg] : []));
    if (c.AS) d.set(PDFName.of('AS'), doc.context.obj([]));
    return d;
  };
  const props = doc.context.obj({ OCGs: [ocg] });
  props.set(PDFName.of('D'), dict(config));
  if (configs.length) props.set(PDFName.of('Configs'), doc.context.obj(configs.map(dict)));
  doc.catalog.set(PDFName.of('OCProperties'), props);
}

describe('PDF/A-2 clauses the development corpus does not exercise', () => {
  it('the unedited file, saved again by pdf-lib, conforms', async () => {
    expect(await rulesAfter(() => undefined)).toEqual([]);
  });

  it('6.11: no Requirements in the catalog; 6.4.2: no NeedsRendering, no XFA', async () => {
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('Requirements'), doc.context.obj([])))).toContain('6.11-1');
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('NeedsRendering'), PDFBool.True))).toContain('6.4.2-2');
    expect(
      await rulesAfter((doc) => doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [], XFA: doc.context.register(doc.context.flateStream('<xdp:xdp/>')) }))),
    ).toContain('6.4.2-1');
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [] })))).toEqual([]);
  });

  it('6.10: no alternate presentations, no presentation steps', async () => {
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('Names'), doc.context.obj({ AlternatePresentations: doc.context.obj({ Names: [] }) })))).toContain('6.10-1');
    expect(await rulesAfter((doc, page) => page.node.set(PDFName.of('PresSteps'), doc.context.obj({ Type: 'NavNode' })))).toContain('6.10-2');
  });

  it('6.2.8: image dictionaries', async () => {
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, {})))).toEqual([]);
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { Alternates: [] })))).toContain('6.2.8-1');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { OPI: { Version: 2 } })))).toContain('6.2.8-2');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { Interpolate: true })))).toContain('6.2.8-3');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { Interpolate: false })))).toEqual([]);
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { BitsPerComponent: 3 })))).toContain('6.2.8-4');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { ImageMask: true, ColorSpace: undefined, BitsPerComponent: 8 })))).toContain('6.2.8-5');
  });

  it('6.2.8: an inline image that interpolates', async () => {
    expect(await rulesAfter((doc, page) => appendContent(doc, page, 'q 10 0 0 10 100 100 cm BI /W 1 /H 1 /BPC 8 /CS /G /I true ID \x80 EI Q'))).toContain('6.2.8-3');
    expect(await rulesAfter((doc, page) => appendContent(doc, page, 'q 10 0 0 10 100 100 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q'))).toEqual([]);
  });

  it('6.1.10: inline image filters', async () => {
    expect(await rulesAfter((doc, page) => appendContent(doc, page, 'q 10 0 0 10 100 100 cm BI /W 1 /H 1 /BPC 8 /CS /G /F /LZW ID \x80\x0b\x60\x50 EI Q'))).toContain('6.1.10-1');
    expect(await rulesAfter((doc, page) => appendContent(doc, page, 'q 10 0 0 10 100 100 cm BI /W 1 /H 1 /BPC 8 /CS /G /F [/AHx] ID 80> EI Q'))).toEqual([]);
  });

  it('6.2.9: form XObjects', async () => {
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, form(doc, {})))).toEqual([]);
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, form(doc, { OPI: { Version: 2 } })))).toContain('6.2.9-1');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, form(doc, { Subtype2: 'PS' })))).toContain('6.2.9-1');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, form(doc, { Ref: { F: PDFString.of('other.pdf'), Page: 0 } })))).toContain('6.2.9-2');
    expect(
      await rulesAfter((doc, page) => drawXObject(doc, page, doc.context.register(doc.context.flateStream('showpage', { Type: 'XObject', Subtype: 'PS' } as never)))),
    ).toContain('6.2.9-3');
  });

  it('6.2.6: rendering intents', async () => {
    expect(await rulesAfter((doc, page) => appendContent(doc, page, '/Perceptual ri'))).toEqual([]);
    expect(await rulesAfter((doc, page) => appendContent(doc, page, '/Vivid ri'))).toContain('6.2.6-1');
    expect(await rulesAfter((doc, page) => drawXObject(doc, page, image(doc, { Intent: 'Vivid' })))).toContain('6.2.6-1');
  });

  it('6.9: optional content configurations', async () => {
    expect(await rulesAfter((doc) => ocProperties(doc, { Name: PDFString.of('Основная'), Order: 'all' }))).toEqual([]);
    expect(await rulesAfter((doc) => ocProperties(doc, { Order: 'all' }))).toContain('6.9-1');
    expect(await rulesAfter((doc) => ocProperties(doc, { Name: PDFString.of('A'), Order: 'all' }, [{ Name: PDFString.of('A') }]))).toContain('6.9-2');
    expect(await rulesAfter((doc) => ocProperties(doc, { Name: PDFString.of('A'), Order: 'none' }))).toContain('6.9-3');
    expect(await rulesAfter((doc) => ocProperties(doc, { Name: PDFString.of('A'), Order: 'all', AS: [] }))).toContain('6.9-4');
  });

  it('6.1.6: hexadecimal strings', async () => {
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('Lang'), PDFHexString.of('7275')))).toEqual([]);
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('Lang'), PDFHexString.of('727')))).toContain('6.1.6-1');
    expect(await rulesAfter((doc) => doc.catalog.set(PDFName.of('Lang'), PDFHexString.of('72G5')))).toContain('6.1.6-2');
  });

  it('6.1.7.2: stream filters', async () => {
    const stream = (filter: unknown) => (doc: PDFDocument, page: PDFPage) => {
      const s = doc.context.stream(new Uint8Array([0x80, 0x0b, 0x60, 0x50]), { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 1, 1], Filter: filter } as never);
      drawXObject(doc, page, doc.context.register(s));
    };
    expect(await rulesAfter(stream('LZWDecode'))).toContain('6.1.7.2-1');
    expect(await rulesAfter(stream('Unknown'))).toContain('6.1.7.2-1');
  });

  it('6.2.11.2: font dictionaries', async () => {
    const font = (change: (f: PDFDict) => void) => (_doc: PDFDocument, page: PDFPage) => {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      const first = fonts.values()[0]!;
      change(page.doc.context.lookup(first, PDFDict));
    };
    expect(await rulesAfter(font((f) => f.set(PDFName.of('Type'), PDFName.of('Fnt'))))).toContain('6.2.11.2-1');
    expect(await rulesAfter(font((f) => f.set(PDFName.of('Subtype'), PDFName.of('Type9'))))).toContain('6.2.11.2-2');
    expect(await rulesAfter(font((f) => f.delete(PDFName.of('BaseFont'))))).toContain('6.2.11.2-3');
  });

  it('6.2.11.2: simple fonts need FirstChar, LastChar and Widths of the right length', async () => {
    const simple = (edit: (f: PDFDict) => void) => (doc: PDFDocument, page: PDFPage) => {
      const f = doc.context.obj({ Type: 'Font', Subtype: 'TrueType', BaseFont: 'Arial', FirstChar: 32, LastChar: 33, Widths: [250, 300] }) as PDFDict;
      edit(f);
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      fonts.set(PDFName.of('FS'), doc.context.register(f));
      appendContent(doc, page, 'BT /FS 12 Tf 3 Tr 100 100 Td ( !) Tj ET');
    };
    expect(await rulesAfter(simple((f) => f.delete(PDFName.of('FirstChar'))))).toContain('6.2.11.2-4');
    expect(await rulesAfter(simple((f) => f.delete(PDFName.of('LastChar'))))).toContain('6.2.11.2-5');
    expect(await rulesAfter(simple((f) => f.set(PDFName.of('Widths'), PDFArray.withContext(f.context))))).toContain('6.2.11.2-6');
    expect(await rulesAfter(simple((f) => f.set(PDFName.of('LastChar'), PDFNumber.of(40))))).toContain('6.2.11.2-6');
  });

  it('6.2.11.2: a font no text is shown with is not judged (veraPDF reaches a PDFont only through text-showing operators)', async () => {
    const unusedFont = (showText: boolean) => (doc: PDFDocument, page: PDFPage) => {
      const f = doc.context.obj({ Type: 'Fnt', Subtype: 'TrueType', BaseFont: 'Arial' });
      page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).set(PDFName.of('FU'), doc.context.register(f));
      // selected by Tf but never shown with, then shown with
      appendContent(doc, page, showText ? 'BT /FU 12 Tf 3 Tr 100 100 Td ( !) Tj ET' : 'BT /FU 12 Tf ET');
    };
    expect(await rulesAfter(unusedFont(false))).toEqual([]);
    expect(await rulesAfter(unusedFont(true))).toEqual(expect.arrayContaining(['6.2.11.2-1', '6.2.11.2-4', '6.2.11.2-5', '6.2.11.2-6']));
  });

  it('6.2.11.4.2: a CIDSet must name every CID the embedded program has', async () => {
    const withCidSet = (bytes: Uint8Array) => (doc: PDFDocument, page: PDFPage) => {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      const type0 = doc.context.lookup(fonts.values()[0]!, PDFDict);
      const cidFont = doc.context.lookup(type0.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
      const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
      descriptor.set(PDFName.of('CIDSet'), doc.context.register(doc.context.flateStream(bytes)));
    };
    expect(await rulesAfter(withCidSet(new Uint8Array(8192).fill(0xff)))).toEqual([]);
    expect(await rulesAfter(withCidSet(new Uint8Array(1).fill(0x80)))).toContain('6.2.11.4.2-2');
  });
  it('6.2.5: halftones as veraPDF states the rules (top-level TransferFunction, colourant halftone types)', async () => {
    const withHalftone = (ht: Record<string, unknown>) => (doc: PDFDocument, page: PDFPage) => {
      const resources = page.node.Resources()!;
      const gs = doc.context.obj({ Type: 'ExtGState', HT: doc.context.obj(ht as never) });
      resources.set(PDFName.of('ExtGState'), doc.context.obj({ GS0: doc.context.register(gs) }));
      appendContent(doc, page, '/GS0 gs');
    };
    const spot = { HalftoneType: 1, Frequency: 60, Angle: 45, SpotFunction: 'Round' };
    expect(await rulesAfter(withHalftone(spot))).toEqual([]);
    expect(await rulesAfter(withHalftone({ ...spot, TransferFunction: 'Identity' }))).toContain('6.2.5-6');
    const type5 = (cyan: Record<string, unknown>) => ({ HalftoneType: 5, Default: spot, Cyan: cyan });
    expect(await rulesAfter(withHalftone(type5(spot)))).toEqual([]);
    expect(await rulesAfter(withHalftone(type5({ HalftoneType: 6, Width: 1, Height: 1 })))).toContain('6.2.5-4');
  });
  it('6.5.1: an action chained through Next is checked even without a Type key', async () => {
    const openAction = (next: Record<string, unknown>) => (doc: PDFDocument) => {
      const goTo = doc.context.obj({ S: 'GoTo', D: [doc.getPage(0).ref, PDFName.of('Fit')], Next: doc.context.obj(next as never) });
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(goTo));
    };
    expect(await rulesAfter(openAction({ S: 'URI', URI: PDFString.of('https://example.org/') }))).toEqual([]);
    expect(await rulesAfter(openAction({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }))).toContain('6.5.1-1');
    expect(await rulesAfter(openAction({ S: 'Named', N: 'Print' }))).toContain('6.5.1-2');
  });
  it('6.2.4.3: a form XObject paints with the colour space set before its Do operator', async () => {
    const cmykThenForm = (formOps: string, pageOps: string) => (doc: PDFDocument, page: PDFPage) => {
      const form = doc.context.register(doc.context.stream(formOps, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
      page.node.Resources()!.set(PDFName.of('XObject'), doc.context.obj({ F0: form }));
      appendContent(doc, page, pageOps);
    };
    // The producer's output intent is sRGB, so painting in DeviceCMYK breaks 6.2.4.3 and DeviceGray does not.
    expect(await rulesAfter(cmykThenForm('0 0 10 10 re f', 'q 0 0 0 1 k /F0 Do Q'))).toContain('6.2.4.3-3');
    expect(await rulesAfter(cmykThenForm('0 g 0 0 10 10 re f', 'q 0 0 0 1 k /F0 Do Q'))).toEqual([]);
    expect(await rulesAfter(cmykThenForm('0 0 10 10 re f', 'q 0 0 0 1 k Q /F0 Do'))).toEqual([]);
  });
  it('6.2.11.6: a non-symbolic TrueType font may carry Differences (any base) with AGL names and a (3,1) cmap', async () => {
    const ttf = new Uint8Array(readFileSync(new URL('../fonts/PTSerif-Regular.ttf', import.meta.url)));
    const withoutUnicodeCmap = withCmap(ttf, (pid, eid) => (pid === 3 && eid === 1 ? [3, 0] : [pid, eid]));
    const trueType = (encoding: unknown, program?: Uint8Array, mode = 3) => (doc: PDFDocument, page: PDFPage) => {
      const descriptor = doc.context.obj({
        Type: 'FontDescriptor', FontName: 'PTSerif-Regular', Flags: 32, FontBBox: [0, -250, 1000, 900], ItalicAngle: 0,
        Ascent: 900, Descent: -250, CapHeight: 700, StemV: 80,
      });
      if (program) descriptor.set(PDFName.of('FontFile2'), doc.context.register(doc.context.flateStream(program)));
      const font = doc.context.obj({
        Type: 'Font', Subtype: 'TrueType', BaseFont: 'PTSerif-Regular', FirstChar: 65, LastChar: 65, Widths: [0],
        FontDescriptor: doc.context.register(descriptor), Encoding: doc.context.obj(encoding as never),
      });
      page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).set(PDFName.of('TT'), doc.context.register(font));
      appendContent(doc, page, `BT /TT 12 Tf ${mode} Tr 100 100 Td (A) Tj ET`);
    };
    const rules = async (encoding: unknown, program?: Uint8Array) => (await rulesAfter(trueType(encoding, program))).filter((r) => r.startsWith('6.2.11.6'));
    expect(await rules({ Differences: [65, PDFName.of('A')] })).toEqual([]);
    expect(await rules({ BaseEncoding: 'StandardEncoding', Differences: [65, PDFName.of('A')] }, ttf)).toEqual([]);
    expect(await rules({ Differences: [65, PDFName.of('A')] }, withoutUnicodeCmap)).toContain('6.2.11.6-2');
    expect(await rules({ Differences: [65, PDFName.of('notAGlyphName')] })).toContain('6.2.11.6-2');
    expect(await rules({ BaseEncoding: 'StandardEncoding' })).toContain('6.2.11.6-2');
    expect(await rules(PDFName.of('StandardEncoding'))).toContain('6.2.11.6-2');
    // 6.2.11.6-1 asks for at least one cmap subtable in a non-symbolic font used for rendering, of any platform.
    const unicodeOnly = withCmap(ttf, () => [0, 3]);
    const noCmap = withCmap(ttf, () => undefined);
    const cmapRule = async (program: Uint8Array, mode: number) =>
      (await rulesAfter(trueType(PDFName.of('WinAnsiEncoding'), program, mode))).filter((r) => r === '6.2.11.6-1');
    expect(await cmapRule(unicodeOnly, 0)).toEqual([]);
    expect(await cmapRule(noCmap, 3)).toEqual([]);
    expect(await cmapRule(noCmap, 0)).toContain('6.2.11.6-1');
  });
  it('6.2.4.2: an ICCBased profile must describe RGB, CMYK, GRAY or Lab data', async () => {
    const iccFill = (patch: (icc: Uint8Array) => void) => (doc: PDFDocument, page: PDFPage) => {
      const icc = srgbProfile().slice();
      patch(icc);
      const stream = doc.context.register(doc.context.flateStream(icc, { N: 3 }));
      page.node.Resources()!.set(PDFName.of('ColorSpace'), doc.context.obj({ CS0: [PDFName.of('ICCBased'), stream] }));
      appendContent(doc, page, '/CS0 cs 0.5 0.5 0.5 sc 0 0 10 10 re f');
    };
    expect(await rulesAfter(iccFill(() => undefined))).toEqual([]);
    expect(await rulesAfter(iccFill((icc) => icc.set([0x58, 0x59, 0x5a, 0x20], 16)))).toContain('6.2.4.2-1');
  });
  it('6.2.2: a form XObject must name its resources in its own Resources, not borrow the page\'s', async () => {
    const formUsingGs = (ownResources: boolean) => (doc: PDFDocument, page: PDFPage) => {
      const gs = doc.context.register(doc.context.obj({ Type: 'ExtGState', LW: 2 }));
      page.node.Resources()!.set(PDFName.of('ExtGState'), doc.context.obj({ GS0: gs }));
      const dict: Record<string, unknown> = { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] };
      if (ownResources) dict.Resources = doc.context.obj({ ExtGState: doc.context.obj({ GS0: gs }) });
      const form = doc.context.register(doc.context.stream('/GS0 gs 0 0 10 10 re S', dict as never));
      drawXObject(doc, page, form);
    };
    expect(await rulesAfter(formUsingGs(true))).toEqual([]);
    expect(await rulesAfter(formUsingGs(false))).toContain('6.2.2-2');
  });
  it('6.2.11.3.1: an embedded CMap and its CIDFont must both state their CIDSystemInfo, and agree', async () => {
    const withCMap = (systemInfo: string, dictWMode?: number) => (doc: PDFDocument, page: PDFPage) => {
      const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      const type0 = doc.context.lookup(fonts.values()[0]!, PDFDict);
      const program = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap ${systemInfo}
/CMapName /Custom-H def /CMapType 1 def 1 begincodespacerange <0000> <FFFF> endcodespacerange
1 begincidrange <0000> <FFFF> 0 endcidrange endcmap CMapName currentdict /CMap defineresource pop end end`;
      const cmap = doc.context.flateStream(program, { Type: 'CMap', CMapName: 'Custom-H', ...(dictWMode === undefined ? {} : { WMode: dictWMode }) });
      type0.set(PDFName.of('Encoding'), doc.context.register(cmap));
    };
    const rule = async (systemInfo: string) => (await rulesAfter(withCMap(systemInfo))).filter((r) => r === '6.2.11.3.1-1');
    expect(await rule('/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def')).toEqual([]);
    expect(await rule('')).toContain('6.2.11.3.1-1');
    expect(await rule('/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 0 >> def')).toContain('6.2.11.3.1-1');
    // 6.2.11.3.3-2: a program without WMode is horizontal, so a dictionary WMode 1 contradicts it.
    const info = '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def';
    const wmode = async (dict?: number) => (await rulesAfter(withCMap(info, dict))).filter((r) => r === '6.2.11.3.3-2');
    expect(await wmode(0)).toEqual([]);
    expect(await wmode(1)).toContain('6.2.11.3.3-2');
  });
  it('6.2.4.3: page content finds its Default colour spaces in resources inherited from the page tree', async () => {
    const cmykWithDefaultOn = (where: 'page' | 'tree' | 'none') => (doc: PDFDocument, page: PDFPage) => {
      // Only the presence of DefaultCMYK matters to 6.2.4.3; the profile behind it is judged by 6.2.4.2 when used.
      const icc = doc.context.register(doc.context.flateStream(srgbProfile(), { N: 3 }));
      const resources = doc.context.obj({ ColorSpace: doc.context.obj({ DefaultCMYK: [PDFName.of('ICCBased'), icc] }) });
      page.node.delete(PDFName.of('Resources'));
      if (where === 'page') page.node.set(PDFName.of('Resources'), resources);
      if (where === 'tree') doc.catalog.Pages().set(PDFName.of('Resources'), resources);
      page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream('0 0 0 1 k 0 0 10 10 re f')));
    };
    const rule = async (where: 'page' | 'tree' | 'none') => (await rulesAfter(cmykWithDefaultOn(where))).filter((r) => r.startsWith('6.2.4.3'));
    expect(await rule('page')).toEqual([]);
    expect(await rule('tree')).toEqual([]);
    expect(await rule('none')).toContain('6.2.4.3-3');
  });
  it('6.4.1: a field merged with its widget must not carry AA (6.4.1-2 as well as 6.4.1-1)', async () => {
    const field = (extra: Record<string, unknown>) => (doc: PDFDocument, page: PDFPage) => {
      const ap = doc.context.register(doc.context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
      const widget = doc.context.register(doc.context.obj({
        Type: 'Annot', Subtype: 'Widget', FT: 'Tx', T: PDFString.of('name'), Rect: [0, 0, 10, 10], F: 4, P: page.ref,
        AP: doc.context.obj({ N: ap }), ...extra,
      } as never));
      page.node.set(PDFName.of('Annots'), doc.context.obj([widget]));
      doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [widget] }));
    };
    expect(await rulesAfter(field({}))).toEqual([]);
    const withAA = await rulesAfter(field({ AA: { K: { S: 'URI', URI: PDFString.of('https://example.org/') } } }));
    expect(withAA).toContain('6.4.1-1');
    expect(withAA).toContain('6.4.1-2');
  });
  it('6.8: a file specification without /Type, F and UF that embeds a file still needs F and UF', async () => {
    const attach = (spec: Record<string, unknown>) => (doc: PDFDocument) => {
      const file = doc.context.register(doc.context.flateStream('hello', { Type: 'EmbeddedFile' }));
      const fs = doc.context.register(doc.context.obj({ ...spec, EF: doc.context.obj({ F: file }) } as never));
      doc.catalog.set(PDFName.of('Names'), doc.context.obj({ EmbeddedFiles: doc.context.obj({ Names: [PDFString.of('a.txt'), fs] }) }));
    };
    expect(await rulesAfter(attach({}))).toContain('6.8-2');
    expect(await rulesAfter(attach({ F: PDFString.of('a.txt'), UF: PDFHexString.fromText('a.txt') }))).not.toContain('6.8-2');
  });

  it('6.2.5, 6.2.8, 6.2.9: only XObjects drawn by Do and graphics states set by gs are judged (veraPDF reaches no other)', async () => {
    /** Puts `xobject` into the page's XObject resources as X9 without drawing it. */
    const unused = (make: (doc: PDFDocument) => PDFRef) => (doc: PDFDocument, page: PDFPage) => {
      page.node.Resources()!.set(PDFName.of('XObject'), doc.context.obj({ X9: make(doc) }));
    };
    expect(await rulesAfter(unused((doc) => image(doc, { Interpolate: true, BitsPerComponent: 3, Alternates: [] })))).toEqual([]);
    expect(await rulesAfter(unused((doc) => form(doc, { OPI: { Version: 2 }, Ref: { F: PDFString.of('other.pdf'), Page: 0 } })))).toEqual([]);
    expect(await rulesAfter(unused((doc) => doc.context.register(doc.context.flateStream('showpage', { Type: 'XObject', Subtype: 'PS' } as never))))).toEqual([]);
    const gstate = (draw: boolean) => (doc: PDFDocument, page: PDFPage) => {
      const gs = doc.context.obj({ Type: 'ExtGState', TR: PDFName.of('Identity'), HTP: [0, 0], BM: PDFName.of('Lighter') });
      page.node.Resources()!.set(PDFName.of('ExtGState'), doc.context.obj({ GS9: doc.context.register(gs) }));
      if (draw) appendContent(doc, page, '/GS9 gs');
    };
    expect(await rulesAfter(gstate(false))).toEqual([]);
    expect(await rulesAfter(gstate(true))).toEqual(expect.arrayContaining(['6.2.5-1', '6.2.5-3', '6.2.10-1']));
    // the soft mask of an image that is drawn is an image in use too
    const masked = (doc: PDFDocument, page: PDFPage) => drawXObject(doc, page, image(doc, { SMask: image(doc, { Interpolate: true }) }));
    expect(await rulesAfter(masked)).toContain('6.2.8-3');
  });

  it('6.2.4.4-1: DeviceN colourants are judged where content selects the space, and "All" needs a Colorants entry', async () => {
    const deviceN = (names: string[], content: string) => (doc: PDFDocument, page: PDFPage) => {
      const tint = doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [1, 1, 1], C1: [0, 0, 0], N: 1 });
      const cs = doc.context.obj([PDFName.of('DeviceN'), doc.context.obj(names.map((n) => PDFName.of(n))), PDFName.of('DeviceRGB'), tint]);
      page.node.Resources()!.set(PDFName.of('ColorSpace'), doc.context.obj({ CS9: doc.context.register(cs) }));
      if (content) appendContent(doc, page, content);
    };
    expect(await rulesAfter(deviceN(['Spot'], ''))).toEqual([]);
    expect(await rulesAfter(deviceN(['Spot'], '/CS9 cs'))).toContain('6.2.4.4-1');
    expect(await rulesAfter(deviceN(['Cyan', 'None'], '/CS9 cs 1 1 scn 0 0 5 5 re f'))).toEqual([]);
    expect(await rulesAfter(deviceN(['All'], '/CS9 cs 1 scn 0 0 5 5 re f'))).toContain('6.2.4.4-1');
  });
});

/** A copy of a TrueType program whose cmap encoding records are renamed, or dropped when `rename` returns nothing. */
function withCmap(ttf: Uint8Array, rename: (pid: number, eid: number) => [number, number] | undefined): Uint8Array {
  const out = ttf.slice();
  const view = new DataView(out.buffer);
  for (let t = 0; t < view.getUint16(4); t++) {
    if (String.fromCharCode(...out.subarray(12 + t * 16, 16 + t * 16)) !== 'cmap') continue;
    const cmap = view.getUint32(12 + t * 16 + 8);
    const kept: number[][] = [];
    for (let r = 0; r < view.getUint16(cmap + 2); r++) {
      const rec = cmap + 4 + r * 8;
      const to = rename(view.getUint16(rec), view.getUint16(rec + 2));
      if (to) kept.push([...to, view.getUint32(rec + 4)]);
    }
    view.setUint16(cmap + 2, kept.length);
    kept.forEach(([pid, eid, offset], r) => {
      view.setUint16(cmap + 4 + r * 8, pid!);
      view.setUint16(cmap + 6 + r * 8, eid!);
      view.setUint32(cmap + 8 + r * 8, offset!);
    });
  }
  return out;
}
