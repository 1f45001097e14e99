// Last-resort conversion: render every page with pdf.js (on @napi-rs/canvas) and rebuild the
// document as PDF/A-2B images with the page's own text as an invisible layer, so the copy stays
// searchable. Lossy by nature; callers record it as such.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadPdfjs } from '../../../ocr/index.ts';
import { imagesToPdfa, type DocumentMeta, type ScanPage } from './produce.ts';

interface RenderTarget {
  canvas: { toBuffer(type: 'image/png'): Buffer };
  context: unknown;
}
interface CanvasFactory {
  create(width: number, height: number): RenderTarget;
}

// pdf.js needs the standard 14 font programs it ships to draw text in non-embedded fonts; they are local files.
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export async function rasteriseToPdfa(bytes: Uint8Array, meta: DocumentMeta, dpi = 150): Promise<Uint8Array> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({
    data: Uint8Array.from(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise;
  try {
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const scale = dpi / 72;
    const pages: ScanPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale });
      const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvasContext: target.context, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
      const base = page.getViewport({ scale: 1 });
      const text = await page.getTextContent();
      const words: NonNullable<ScanPage['words']> = [];
      for (const item of text.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, e, f] = item.transform as number[];
        const h = Math.hypot(c ?? 0, d ?? 0) || item.height;
        words.push({ text: item.str, x: (e ?? 0) * scale, y: (base.height - (f ?? 0) - h) * scale, w: item.width * scale, h: h * scale });
      }
      pages.push({ image: new Uint8Array(target.canvas.toBuffer('image/png')), kind: 'png', dpi, words });
      page.cleanup();
    }
    return await imagesToPdfa(meta, pages);
  } finally {
    await doc.destroy();
  }
}
