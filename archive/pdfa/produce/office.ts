// DOCX/ODT → PDF/A-2B through LibreOffice headless when it is installed. LibreOffice's own
// PDF/A-2 export is used, then our validator (and, if needed, the normalisation routes) decides.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentMeta } from './produce.ts';
import { normalizeToPdfa, type Normalized } from './normalize.ts';

export class OfficeConversionError extends Error {
  constructor(
    readonly code: 'OFFICE_CONVERTER_MISSING' | 'OFFICE_CONVERSION_FAILED',
    message: string,
  ) {
    super(message);
  }
}

const CANDIDATES = ['soffice', 'libreoffice'];

export function findLibreOffice(): string | undefined {
  for (const c of CANDIDATES) {
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore', timeout: 30_000 });
      return c;
    } catch {
      /* try the next name */
    }
  }
  return undefined;
}

export async function officeToPdfa(
  bytes: Uint8Array,
  kind: 'docx' | 'odt' | 'doc' | 'rtf',
  meta: DocumentMeta,
  options: { soffice?: string | false } = {},
): Promise<Normalized> {
  const soffice = options.soffice === undefined ? findLibreOffice() : options.soffice;
  if (!soffice) {
    throw new OfficeConversionError(
      'OFFICE_CONVERTER_MISSING',
      'LibreOffice не установлен: преобразование DOCX/ODT в PDF/A недоступно (установите libreoffice-writer-nogui) / ' +
        'LibreOffice is not installed: DOCX/ODT to PDF/A conversion is unavailable (install libreoffice-writer-nogui)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-office-'));
  try {
    writeFileSync(join(dir, `in.${kind}`), bytes);
    const filter = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}';
    execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', filter, '--outdir', dir, join(dir, `in.${kind}`)], {
      stdio: 'ignore',
      timeout: 180_000,
    });
    const pdf = new Uint8Array(readFileSync(join(dir, 'in.pdf')));
    return await normalizeToPdfa(pdf, meta);
  } catch (e) {
    if (e instanceof OfficeConversionError) throw e;
    throw new OfficeConversionError('OFFICE_CONVERSION_FAILED', `LibreOffice could not convert the document: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
