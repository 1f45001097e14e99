// One OCR engine per process, created on first use: tesseract workers load their models once and then serve
// every autofill job. OCR runs in tesseract.js worker threads, never on the HTTP event loop. The OCR library is
// loaded lazily so that a server which never autofills does not pay for it at start.
import os from 'node:os';
import type { OcrEngine } from '../../ocr/index.ts';

export type OcrLibrary = typeof import('../../ocr/index.ts');

let library: Promise<OcrLibrary> | null = null;
let engine: Promise<OcrEngine> | null = null;

export function ocrLibrary(): Promise<OcrLibrary> {
  library ??= import('../../ocr/index.ts');
  return library;
}

export function ocrEngine(): Promise<OcrEngine> {
  engine ??= ocrLibrary().then(
    (lib) => new lib.OcrEngine({ size: Math.max(1, Math.min(os.cpus().length, Number(process.env.OCR_WORKERS || os.cpus().length))), createTimeoutMs: 60_000 }),
  );
  return engine;
}

export async function closeOcr(): Promise<void> {
  const e = engine;
  engine = null;
  if (e) await (await e).close();
}
