import { fileTypeFromFile } from 'file-type';

export const TEXT_PLAIN = 'text/plain';
export const OCTET_STREAM = 'application/octet-stream';

// A declared file name may only refine plain UTF-8 text into a more specific text type; it never
// overrides what the bytes say, so a renamed executable stays application/octet-stream.
const TEXT_SUBTYPES_BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ['csv', 'text/csv'],
  ['tsv', 'text/tab-separated-values'],
  ['json', 'application/json'],
  ['xml', 'application/xml'],
  ['md', 'text/markdown'],
]);

/**
 * MIME of a spooled blob: file-type reads only the leading bytes it needs from the file (for ZIP
 * containers such as DOCX it walks the local headers, which is why this runs on the complete temp
 * file rather than on a fixed-size prefix buffer); then the UTF-8 verdict from the streaming pass.
 */
export async function sniffMime(path: string, isUtf8Text: boolean, declaredName?: string): Promise<string> {
  const detected = await fileTypeFromFile(path);
  if (detected) return detected.mime;
  if (!isUtf8Text) return OCTET_STREAM;
  const extension = declaredName?.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1];
  return (extension && TEXT_SUBTYPES_BY_EXTENSION.get(extension)) || TEXT_PLAIN;
}
