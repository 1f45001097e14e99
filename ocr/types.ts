// The document model shared by OCR, field extraction and the invisible text layer.

/** Axis-aligned box in page pixels (top-left origin) of the normalised page image. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  box: Box;
  /** 0–100; text-layer words are 100 */
  confidence: number;
}

/** A run of words on one baseline and in one column (large gaps split a printed line into columns). */
export interface OcrLine {
  text: string;
  box: Box;
  confidence: number;
  words: OcrWord[];
}

/**
 * Affine map [a, b, c, d, e, f] from normalised page pixels (x, y) to the pixels of the page as
 * supplied (before rotation, deskew and scaling): x' = a·x + c·y + e, y' = b·x + d·y + f.
 */
export type Affine = [number, number, number, number, number, number];

export interface OcrPage {
  /** 1-based */
  index: number;
  source: 'text-layer' | 'ocr';
  /** size of the normalised page image in pixels; boxes refer to it */
  width: number;
  height: number;
  /** pixels per inch of the normalised image */
  dpi: number;
  /** size of the page as supplied, in PDF points (1/72 in) */
  widthPt: number;
  heightPt: number;
  /** quarter turns clockwise applied to the page as supplied */
  rotation: 0 | 90 | 180 | 270;
  /** deskew angle applied after the quarter turn, degrees clockwise */
  skew: number;
  /** normalised pixels -> pixels of the page as supplied */
  toSource: Affine;
  /** pixels per point of the page as supplied (dpi of the supplied image / 72) */
  sourceScale: number;
  confidence: number;
  lines: OcrLine[];
  text: string;
}

export interface OcrDocument {
  pages: OcrPage[];
  text: string;
  langs: string;
  /** mime type detected from the bytes */
  mime: string;
}
