// Born-digital PDFs → PDF/A-2B. First the lossless route: keep every page object, drop what
// PDF/A forbids (JavaScript and other forbidden actions, additional actions, XFA) and add the
// archival parts (XMP, sRGB output intent, file ID). When our validator still objects, fall back
// to Ghostscript's PDF/A writer (if installed), then to rendering the pages with an invisible text
// layer; the route taken and the reason are returned for the preservation record.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { checkPdfa } from '../validate.ts';
import type { PdfaReport } from '../report.ts';
import { makeArchival, save, type DocumentMeta } from './produce.ts';
import { srgbProfile } from './srgb.ts';
import { rasteriseToPdfa } from './rasterise.ts';

export type NormalizationMethod = 'unchanged' | 'lossless' | 'ghostscript' | 'rasterised';

export interface Normalized {
  pdf: Uint8Array;
  method: NormalizationMethod;
  /** why this route was taken; recorded in the package's preservation events */
  reason: string;
  report: PdfaReport;
}

export class NormalizationError extends Error {
  constructor(
    readonly code: 'PDFA_NORMALIZATION_FAILED',
    message: string,
    readonly attempts: string[],
  ) {
    super(message);
  }
}

const FORBIDDEN_ACTIONS = new Set(['Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'JavaScript', 'SetState', 'NOP']);

function forbiddenAction(doc: PDFDocument, v: unknown): boolean {
  const d = v instanceof PDFRef ? doc.context.lookup(v) : v;
  if (!(d instanceof PDFDict)) return false;
  const s = d.get(PDFName.of('S'));
  return s instanceof PDFName && FORBIDDEN_ACTIONS.has(s.decodeText());
}

/** Removes the interactive parts PDF/A-2 forbids; page content is untouched. */
function stripForbidden(doc: PDFDocument): string[] {
  const removed: string[] = [];
  const cat = doc.catalog;
  for (const key of ['AA', 'NeedsRendering', 'Requirements']) {
    if (cat.has(PDFName.of(key))) {
      cat.delete(PDFName.of(key));
      removed.push(`catalog ${key}`);
    }
  }
  if (forbiddenAction(doc, cat.get(PDFName.of('OpenAction')))) {
    cat.delete(PDFName.of('OpenAction'));
    removed.push('JavaScript or forbidden open action');
  }
  const names = cat.lookupMaybe(PDFName.of('Names'), PDFDict);
  for (const key of ['JavaScript', 'AlternatePresentations']) {
    if (names?.has(PDFName.of(key))) {
      names.delete(PDFName.of(key));
      removed.push(`name tree ${key}`);
    }
  }
  const form = cat.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (form?.has(PDFName.of('XFA'))) {
    form.delete(PDFName.of('XFA'));
    removed.push('XFA form');
  }
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const type = obj.get(PDFName.of('Type'));
    if (type instanceof PDFName && type.decodeText() === 'Page' && obj.has(PDFName.of('AA'))) {
      obj.delete(PDFName.of('AA'));
      removed.push('page additional actions');
    }
    const sub = obj.get(PDFName.of('Subtype'));
    if (sub instanceof PDFName && sub.decodeText() === 'Widget' && obj.has(PDFName.of('AA'))) {
      obj.delete(PDFName.of('AA'));
      removed.push('widget additional actions');
    }
    if (forbiddenAction(doc, obj.get(PDFName.of('A')))) {
      obj.delete(PDFName.of('A'));
      removed.push('forbidden link or widget action');
    }
  }
  const intents = cat.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  if (intents) cat.delete(PDFName.of('OutputIntents'));
  return [...new Set(removed)];
}

async function lossless(bytes: Uint8Array, meta: DocumentMeta): Promise<{ pdf: Uint8Array; removed: string[] } | string> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    return e instanceof EncryptedPDFError ? 'the file is encrypted' : `pdf-lib cannot read it: ${e instanceof Error ? e.message : String(e)}`;
  }
  const removed = stripForbidden(doc);
  makeArchival(doc, meta);
  return { pdf: await save(doc), removed };
}

function ghostscriptAvailable(gs: string): boolean {
  try {
    execFileSync(gs, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ghostscript(gs: string, bytes: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-gs-'));
  try {
    const p = (f: string): string => join(dir, f);
    writeFileSync(p('in.pdf'), bytes);
    writeFileSync(p('srgb.icc'), srgbProfile());
    // The PDF/A definition file: our sRGB profile as the output intent (Ghostscript's PDFA_def.ps pattern).
    writeFileSync(
      p('pdfa_def.ps'),
      `%!
[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark
[{icc_PDFA} <</N 3>> /PUT pdfmark
[{icc_PDFA} (${p('srgb.icc')}) (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark
[{OutputIntent_PDFA} <</Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA} /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1)>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFA} ]>> /PUT pdfmark
`,
    );
    execFileSync(
      gs,
      [
        '-q', '-dBATCH', '-dNOPAUSE', `--permit-file-read=${dir}/`, '-dPDFA=2', '-dPDFACompatibilityPolicy=1',
        '-sColorConversionStrategy=RGB', '-sProcessColorModel=DeviceRGB', '-sDEVICE=pdfwrite', `-sOutputFile=${p('out.pdf')}`,
        p('pdfa_def.ps'), p('in.pdf'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(p('out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const summary = (r: PdfaReport): string => [...new Set(r.errors.map((e) => e.rule))].join(', ');

/**
 * Normalises a born-digital PDF. The lossless route is deterministic; Ghostscript output carries
 * its own dates and identifiers, so the fallback is recorded with the reason.
 */
export async function normalizeToPdfa(
  bytes: Uint8Array,
  meta: DocumentMeta,
  options: { ghostscript?: string | false; rasterise?: boolean } = {},
): Promise<Normalized> {
  const attempts: string[] = [];
  try {
    const first = checkPdfa(bytes);
    if (first.conformant) return { pdf: bytes, method: 'unchanged', reason: `already ${first.profile}`, report: first };
    attempts.push(`original: ${summary(first)}`);
  } catch (e) {
    attempts.push(`original unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  const l = await lossless(bytes, meta);
  if (typeof l === 'string') attempts.push(`lossless: ${l}`);
  else {
    const r = checkPdfa(l.pdf);
    const what = l.removed.length > 0 ? `removed ${l.removed.join(', ')}; ` : '';
    if (r.conformant) return { pdf: l.pdf, method: 'lossless', reason: `${what}added XMP identification, sRGB output intent and file ID`, report: r };
    attempts.push(`lossless: ${what}still ${summary(r)}`);
  }
  const gs = options.ghostscript === undefined ? 'gs' : options.ghostscript;
  if (gs === false || !ghostscriptAvailable(gs)) attempts.push('ghostscript: not installed');
  else {
    try {
      const out = ghostscript(gs, bytes);
      const r = checkPdfa(out);
      if (r.conformant) return { pdf: out, method: 'ghostscript', reason: `lossless route failed (${attempts.join('; ')}); converted by Ghostscript`, report: r };
      attempts.push(`ghostscript: ${summary(r)}`);
    } catch (e) {
      attempts.push(`ghostscript failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (options.rasterise === false) {
    throw new NormalizationError('PDFA_NORMALIZATION_FAILED', 'the PDF cannot be made PDF/A-2B without rasterising, which was not allowed', attempts);
  }
  let raster: Uint8Array;
  try {
    raster = await rasteriseToPdfa(bytes, meta);
  } catch (e) {
    attempts.push(`rasterise: ${e instanceof Error ? e.message : String(e)}`);
    throw new NormalizationError('PDFA_NORMALIZATION_FAILED', 'no conversion route produced PDF/A-2B', attempts);
  }
  const r = checkPdfa(raster);
  if (!r.conformant) {
    attempts.push(`rasterise: ${summary(r)}`);
    throw new NormalizationError('PDFA_NORMALIZATION_FAILED', 'no conversion route produced PDF/A-2B', attempts);
  }
  return { pdf: raster, method: 'rasterised', reason: `pages rendered as images with an invisible text layer: ${attempts.join('; ')}`, report: r };
}
