// Page previews for the card view and the registration form: a PNG about 800 px wide of a PDF page or of an image.
// The first page is rendered once, when the file is processed; other pages of a PDF on demand.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { openPdf } from './extractText.ts';

const WIDTH = 800;

export class NoSuchPageError extends RangeError {
  readonly code = 'NO_SUCH_PAGE';
}

/** @param pageNumber 1-based; an image has only page 1. */
export async function renderPreview(bytes: Uint8Array, mime: string, pageNumber = 1): Promise<Uint8Array | null> {
  if (mime === 'application/pdf') {
    const doc = await openPdf(bytes);
    try {
      if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) throw new NoSuchPageError(`the document has ${doc.numPages} page(s), not ${pageNumber}`);
      const page = await doc.getPage(pageNumber);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: WIDTH / base.width });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
      return new Uint8Array(await canvas.encode('png'));
    } finally {
      await doc.destroy();
    }
  }
  if (mime === 'image/png' || mime === 'image/jpeg' || mime === 'image/webp' || mime === 'image/gif') {
    if (pageNumber !== 1) throw new NoSuchPageError(`an image has one page, not ${pageNumber}`);
    const image = await loadImage(Buffer.from(bytes));
    const scale = Math.min(1, WIDTH / image.width);
    const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    return new Uint8Array(await canvas.encode('png'));
  }
  return null;
}
