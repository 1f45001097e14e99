// One scanned letter from bytes to proposed card fields: OCR, extraction, duplicate fingerprint.
// This is what the server's registration form and the CLI both call.
import { fingerprintOf, type Fingerprint } from './dedupe.ts';
import type { OcrEngine, RecognizeOptions } from './engine.ts';
import { extractLetter, type ExtractContext, type LetterExtraction } from './extract/extractLetter.ts';
import type { OcrDocument } from './types.ts';

export interface IntakeResult {
  document: OcrDocument;
  extraction: LetterExtraction;
  fingerprint: Fingerprint;
}

/** Pages supplied as separate files (page 1, page 2 …) become one document, renumbered in order. */
export function mergeDocuments(docs: OcrDocument[]): OcrDocument {
  const first = docs[0];
  if (!first) throw new Error('mergeDocuments needs at least one document');
  if (docs.length === 1) return first;
  const pages = docs.flatMap((d) => d.pages).map((p, i) => ({ ...p, index: i + 1 }));
  return { pages, text: pages.map((p) => p.text).join('\n\f\n'), langs: first.langs, mime: first.mime };
}

export function analyseDocument(document: OcrDocument, ctx: ExtractContext = {}): IntakeResult {
  const extraction = extractLetter(document, ctx);
  const f = extraction.fields;
  const fingerprint = fingerprintOf(extraction.cleanText, { correspondent: f.correspondent, inn: f.inn, subject: f.subject, outNumber: f.outNumber, outDate: f.outDate, signer: f.signer,
    executor: f.executorName,
    textLayer: document.pages.length > 0 && document.pages.every((p) => p.source === 'text-layer'),
  });
  return { document, extraction, fingerprint };
}

/** OCR of one letter given as one file or as one file per page, then field extraction. */
export async function analyseScan(
  engine: OcrEngine,
  files: Uint8Array[],
  ctx: ExtractContext = {},
  opts: RecognizeOptions = {},
): Promise<IntakeResult> {
  const docs = await Promise.all(files.map((f) => engine.recognize(f, opts)));
  return analyseDocument(mergeDocuments(docs), ctx);
}
