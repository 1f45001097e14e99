import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OcrError } from './errors.ts';

/** Shipped models first, so that a run never depends on what the host happens to have installed. */
export const BUNDLED_TESSDATA = fileURLToPath(new URL('./tessdata/', import.meta.url));

const SYSTEM_TESSDATA = [
  '/usr/share/tesseract-ocr/5/tessdata',
  '/usr/share/tesseract-ocr/4.00/tessdata',
  '/usr/share/tessdata',
  '/usr/local/share/tessdata',
];

export const DEFAULT_LANGS = 'rus+eng';

/** Splits `rus+eng` into codes, rejecting anything that could escape the tessdata folder. */
export function parseLangs(langs: string): string[] {
  const list = langs.split('+').map((l) => l.trim()).filter(Boolean);
  if (list.length === 0 || list.some((l) => !/^[a-z_]{3,16}$/i.test(l))) {
    throw new OcrError('OCR_LANG_MISSING', `invalid language list: ${JSON.stringify(langs)}`);
  }
  return list;
}

function hasModel(dir: string, lang: string): boolean {
  const file = join(dir, `${lang}.traineddata`);
  // A truncated model makes tesseract.js hang instead of failing, so an implausibly small file counts as missing.
  return existsSync(file) && statSync(file).size > 100_000;
}

/**
 * Finds one folder holding every requested model. tesseract.js takes a single langPath, so the
 * languages of one call must come from the same folder.
 */
export function resolveTessdata(langs: string, preferred?: string): string {
  const list = parseLangs(langs);
  const candidates = [preferred, BUNDLED_TESSDATA, process.env.TESSDATA_PREFIX, ...SYSTEM_TESSDATA].filter(
    (d): d is string => typeof d === 'string' && d.length > 0,
  );
  for (const dir of candidates) {
    if (list.every((l) => hasModel(dir, l))) return dir;
  }
  const missing = list.filter((l) => !candidates.some((d) => hasModel(d, l)));
  throw new OcrError(
    'OCR_LANG_MISSING',
    `traineddata not found for ${missing.join(', ') || langs} in ${candidates.join(', ')}`,
  );
}
