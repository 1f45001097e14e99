// Plain text of a document for search: the PDF text layer (pdfjs-dist), DOCX and ODT paragraphs, UTF-8 text.
// Scans without a text layer yield little here; OCR fills them in later (ocr/).
import { loadPdfjs, pdfjsAssets } from '../../ocr/index.ts';
import { unzipSync, strFromU8 } from 'fflate';

export interface ExtractedText {
  method: 'pdf-text-layer' | 'docx' | 'odt' | 'plain' | 'none';
  text: string;
  pages: number | null;
}

const MAX_TEXT = 5_000_000;

export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument({ data: new Uint8Array(bytes), ...pdfjsAssets(), useSystemFonts: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
}

async function pdfText(bytes: Uint8Array): Promise<ExtractedText> {
  const doc = await openPdf(bytes);
  try {
    const parts: string[] = [];
    let size = 0;
    for (let i = 1; i <= doc.numPages && size < MAX_TEXT; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const line: string[] = [];
      for (const item of content.items as { str?: string; hasEOL?: boolean }[]) {
        if (typeof item.str !== 'string') continue;
        line.push(item.str, item.hasEOL ? '\n' : '');
      }
      const text = line.join('').replace(/[ \t]+/g, ' ').trim();
      parts.push(text);
      size += text.length;
      page.cleanup();
    }
    return { method: 'pdf-text-layer', text: parts.join('\n\f\n').slice(0, MAX_TEXT), pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

const decodeEntities = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** Paragraph text from WordprocessingML / ODF XML: paragraph ends become newlines, tabs and breaks kept. */
function xmlParagraphs(xml: string, paragraph: RegExp, textRun: RegExp): string {
  const out: string[] = [];
  for (const p of xml.split(paragraph)) {
    const runs = [...p.matchAll(textRun)].map((m) => decodeEntities(m[1] ?? ''));
    const text = runs.join('').trim();
    if (text) out.push(text);
  }
  return out.join('\n');
}

function docxText(bytes: Uint8Array): ExtractedText {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) return { method: 'none', text: '', pages: null };
  const body = strFromU8(xml).replace(/<w:tab\/>/g, '<w:t>\t</w:t>').replace(/<w:br[^>]*\/>/g, '<w:t>\n</w:t>');
  return { method: 'docx', text: xmlParagraphs(body, /<\/w:p>/, /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g).slice(0, MAX_TEXT), pages: null };
}

function odtText(bytes: Uint8Array): ExtractedText {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' });
  const xml = files['content.xml'];
  if (!xml) return { method: 'none', text: '', pages: null };
  const body = strFromU8(xml)
    .replace(/<text:tab\/>/g, '\t')
    .replace(/<text:line-break\/>/g, '\n')
    .replace(/<text:s(?: text:c="(\d+)")?\/>/g, (_, n?: string) => ' '.repeat(Number(n ?? 1)));
  const text = body
    .split(/<\/text:(?:p|h)>/)
    .map((p) => decodeEntities(p.replace(/<[^>]+>/g, '')).trim())
    .filter(Boolean)
    .join('\n');
  return { method: 'odt', text: text.slice(0, MAX_TEXT), pages: null };
}

export async function extractText(bytes: Uint8Array, mime: string): Promise<ExtractedText> {
  if (mime === 'application/pdf') return pdfText(bytes);
  if (mime === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return docxText(bytes);
  if (mime === 'application/vnd.oasis.opendocument.text') return odtText(bytes);
  if (mime.startsWith('text/')) return { method: 'plain', text: Buffer.from(bytes).toString('utf8').slice(0, MAX_TEXT), pages: null };
  return { method: 'none', text: '', pages: null };
}
