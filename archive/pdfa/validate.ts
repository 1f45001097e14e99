// Entry point of the PDF/A-2B / PDF/A-3B validator: reads the file once, runs every rule group.
import { PdfFile } from './file.ts';
import { Findings, type PdfaReport } from './report.ts';
import { checkMetadata } from './rules/metadata.ts';
import { checkFileStructure, checkLexicalLimits } from './rules/fileStructure.ts';
import { checkDocument } from './rules/document.ts';
import { checkGraphics } from './rules/graphics.ts';
import { checkFonts } from './rules/fonts.ts';
import { checkSignatures } from './rules/signatures.ts';

export function checkPdfa(bytes: Uint8Array): PdfaReport {
  const file = new PdfFile(bytes);
  const f = new Findings();
  const part = checkMetadata(file, f);
  checkFileStructure(file, f);
  checkDocument(file, f, part);
  const text = checkGraphics(file, f);
  checkFonts(file, f, text);
  checkSignatures(file, f);
  checkLexicalLimits(file, f);
  return { conformant: f.errors.length === 0, profile: part === 3 ? 'PDF/A-3B' : 'PDF/A-2B', errors: f.errors };
}
