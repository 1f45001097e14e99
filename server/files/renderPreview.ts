// First-page preview for the card view: a PNG about 800 px wide of a PDF's first page or of an image.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { openPdf } from './extractText.ts';

const WIDTH = 800;

export async function renderPreview(bytes: Uint8Array, mime: string): Promise<Uint8Array | null> {
  if (mime === 'application/pdf') {
    const doc = await openPdf(bytes);
    try {
      const page = await doc.getPage(1);
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
    const image = await loadImage(Buffer.from(bytes));
    const scale = Math.min(1, WIDTH / image.width);
    const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    return new Uint8Array(await canvas.encode('png'));
  }
  return null;
}
