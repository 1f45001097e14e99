// Pure greyscale image operations used before recognition. They run inside the preparation worker
// thread, never on the caller's event loop.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export interface GreyImage {
  width: number;
  height: number;
  /** one byte per pixel, 0 = black, 255 = white, row-major */
  data: Uint8Array;
}

/** Opaque RGBA pixels (a canvas filled white before drawing), 4 bytes a pixel, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
  /** drawn from a greyscale source: R = G = B, so the red byte is the grey level */
  grey?: boolean;
}

/** `opaque`: every alpha is 255 (a canvas filled before drawing), so the alpha bytes need not be read. */
export function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, opaque = false): GreyImage {
  const n = width * height;
  const data = new Uint8Array(n);
  if (opaque) {
    for (let i = 0, j = 0; i < n; i++, j += 4) data[i] = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
    return { width, height, data };
  }
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const lum = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
    // Transparent pixels are paper, not ink.
    const a = rgba[j + 3]!;
    data[i] = a === 255 ? lum : (lum * a + 255 * (255 - a)) / 255;
  }
  return { width, height, data };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The page as an 8-bit greyscale PNG whose deflate stream is stored, not compressed: what tesseract gets. The
 * leptonica inside tesseract.js reads it ~0.05 s faster per page than the same pixels as a PGM (its PNM reader
 * makes one stdio call per byte); writing it is two copies and two checksums, ~10 ms. Rows have filter 0 (none).
 */
export function toPng(img: GreyImage): Uint8Array {
  const { width, height, data } = img;
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const idat = deflateSync(raw, { level: 0 });
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), deflate, filter method 0, no interlace
  const chunks: Array<[string, Uint8Array]> = [
    ['IHDR', ihdr],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ];
  const out = new Uint8Array(8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0));
  const outView = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let at = 8;
  for (const [type, body] of chunks) {
    outView.setUint32(at, body.length);
    for (let k = 0; k < 4; k++) out[at + 4 + k] = type.charCodeAt(k);
    out.set(body, at + 8);
    outView.setUint32(at + 8 + body.length, crc32(out.subarray(at + 4, at + 8 + body.length)));
    at += 12 + body.length;
  }
  return out;
}

/** The pixels of a PNG written by toPng (8-bit grey, unfiltered rows). */
export function pngToGrey(png: Uint8Array): GreyImage {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (PNG_SIGNATURE.some((b, k) => png[k] !== b)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4]!, png[at + 5]!, png[at + 6]!, png[at + 7]!);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      if (body[8] !== 8 || body[9] !== 0) throw new Error('not an 8-bit greyscale PNG');
    } else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(idat.length === 1 ? idat[0]! : Buffer.concat(idat));
  if (raw.length !== (width + 1) * height) throw new Error('PNG data does not match its size');
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (width + 1)] !== 0) throw new Error('filtered PNG rows are not read here');
    data.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, data };
}

export function downscale(img: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return img;
  const width = Math.max(1, Math.floor(img.width / factor));
  const height = Math.max(1, Math.floor(img.height / factor));
  const data = new Uint8Array(width * height);
  const src = img.data;
  // Row by row into per-column sums: the source is read once, in order.
  const sums = new Uint32Array(width);
  const area = factor * factor;
  const span = width * factor;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * img.width;
      for (let x = 0, sx = 0; sx < span; x++) {
        let v = 0;
        for (let k = 0; k < factor; k++, sx++) v += src[row + sx]!;
        sums[x] = sums[x]! + v;
      }
    }
    const out = y * width;
    for (let x = 0; x < width; x++) data[out + x] = sums[x]! / area;
  }
  return { width, height, data };
}

/** Otsu's threshold: pixels darker than it are ink (also on two-level pages). */
export function otsuThreshold(img: GreyImage): number {
  const hist = new Float64Array(256);
  const px = img.data;
  for (let i = 0; i < px.length; i++) hist[px[i]!]!++;
  return otsuOfHistogram(hist);
}

function otsuOfHistogram(hist: Float64Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i]!;
    sum += i * hist[i]!;
  }
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  // Callers take `v < t` as ink. On continuous scans the level `threshold` itself is left to the paper (what the
  // thresholds of this module are tuned to), but on a two-level page that would leave no ink at all.
  let below = 0;
  for (let v = 0; v < threshold; v++) below += hist[v]!;
  return below === 0 ? threshold + 1 : threshold;
}

/** Ink pixel coordinates of a binarised copy, for projection profiles. */
function inkPoints(img: GreyImage): { xs: Int32Array; ys: Int32Array } {
  const t = otsuThreshold(img);
  let n = 0;
  for (const v of img.data) if (v < t) n++;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let k = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x]! < t) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs, ys };
}

/** Sum of squared bin counts of the ink projected across lines tilted by `deg`: peaks when lines are level. */
function profileScore(xs: Int32Array, ys: Int32Array, along: number, deg: number, maxY: number, scratch: Int32Array): number {
  const tan = Math.tan((deg * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(tan) * along) + 1;
  const n = maxY + 2 * offset + 2;
  const bins = scratch.length >= n ? scratch.fill(0, 0, n) : new Int32Array(n);
  for (let i = 0; i < xs.length; i++) bins[(ys[i]! - xs[i]! * tan + offset + 0.5) | 0]!++;
  // Squared differences reward the sharp edges of text lines; a broad scanner shadow has only two.
  let s = 0;
  for (let i = 1; i < n; i++) {
    const dlt = bins[i]! - bins[i - 1]!;
    s += dlt * dlt;
  }
  return s;
}

export interface SkewEstimate {
  /** degrees to rotate the image clockwise-positive (image y grows downwards) so that lines become level */
  angle: number;
  /** true when text lines run vertically: the page is turned by 90 or 270 degrees */
  vertical: boolean;
}

function bestAngle(xs: Int32Array, ys: Int32Array, along: number): { angle: number; score: number } {
  let maxY = 0;
  for (let i = 0; i < ys.length; i++) if (ys[i]! > maxY) maxY = ys[i]!;
  // bins for the steepest angle searched (7°), reused by every angle
  const scratch = new Int32Array(maxY + 2 * (Math.ceil(Math.tan((7 * Math.PI) / 180) * along) + 1) + 2);
  let best = { angle: 0, score: -1 };
  for (let a = -6; a <= 6.001; a += 0.75) {
    const s = profileScore(xs, ys, along, a, maxY, scratch);
    if (s > best.score) best = { angle: a, score: s };
  }
  const coarse = best.angle;
  for (let a = coarse - 0.75; a <= coarse + 0.751; a += 0.15) {
    const s = profileScore(xs, ys, along, a, maxY, scratch);
    if (s > best.score) best = { angle: Math.round(a * 100) / 100, score: s };
  }
  return best;
}

/** Reduction of the copy that skew and line direction are estimated on: long side 800–1,600 px. */
export function reductionFactor(width: number, height: number): number {
  return Math.max(1, Math.floor(Math.max(width, height) / 800));
}

export function reducedCopy(img: GreyImage): GreyImage {
  return downscale(img, reductionFactor(img.width, img.height));
}

/** Projection-profile skew and line-direction estimate on a reduced copy (long side about 1000 px). */
export function estimateSkew(img: GreyImage): SkewEstimate {
  return estimateSkewReduced(reducedCopy(img));
}

/** estimateSkew on a copy already reduced by reducedCopy (or turned after it). */
export function estimateSkewReduced(reduced: GreyImage): SkewEstimate {
  const small = cropMargins(reduced, 0.06);
  const { xs, ys } = inkPoints(small);
  if (xs.length < 200) return { angle: 0, vertical: false };
  const horizontal = bestAngle(xs, ys, small.width);
  const vertical = bestAngle(ys, xs, small.height);
  // Normalise by the number of bins so that tall and wide projections compare fairly.
  const hNorm = horizontal.score / small.height;
  const vNorm = vertical.score / small.width;
  if (vNorm > hNorm * 1.6) return { angle: vertical.angle, vertical: true };
  // Pixel y grows downwards, so a line rising to the right has a negative slope and needs a positive turn.
  return { angle: -horizontal.angle, vertical: false };
}

/** Page edges carry scanner shadows and punch holes rather than text. */
function cropMargins(img: GreyImage, frac: number): GreyImage {
  const mx = Math.floor(img.width * frac);
  const my = Math.floor(img.height * frac);
  const width = img.width - 2 * mx;
  const height = img.height - 2 * my;
  if (width < 10 || height < 10) return img;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(img.data.subarray((y + my) * img.width + mx, (y + my) * img.width + mx + width), y * width);
  return { width, height, data };
}

/** Rotation by a multiple of 90 degrees clockwise. */
export function rotateQuarter(img: GreyImage, quarters: number): GreyImage {
  const q = ((quarters % 4) + 4) % 4;
  if (q === 0) return img;
  const { width: w, height: h, data: src } = img;
  const width = q === 2 ? w : h;
  const height = q === 2 ? h : w;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = src[y * w + x]!;
      let nx: number;
      let ny: number;
      if (q === 1) {
        nx = h - 1 - y;
        ny = x;
      } else if (q === 2) {
        nx = w - 1 - x;
        ny = h - 1 - y;
      } else {
        nx = y;
        ny = w - 1 - x;
      }
      data[ny * width + nx] = v;
    }
  }
  return { width, height, data };
}

/**
 * Taps of a 1-D box reduction x′ = scale · x + offset (scale ≤ 1): output j is the mean of the source pixels whose
 * centres lie within half an output pixel of its own centre, as ImageMagick's Box filter does. That keeps
 * thin strokes sharper than overlap weights or bilinear samples, and tesseract reads it best of the three.
 * Weights are 16-bit fixed point summing to 65536; every output has `taps` of them, the unused ones zero;
 * `first` may be negative.
 */
function boxTaps(m: number, scale: number, offset: number): { first: Int32Array; weights: Int32Array; taps: number } {
  const half = 0.5 / scale;
  const taps = Math.floor(1 / scale) + 1;
  const first = new Int32Array(m);
  const weights = new Int32Array(m * taps);
  for (let j = 0; j < m; j++) {
    const c = (j - offset) / scale;
    // centres in [c − half, c + half): one to `taps` of them
    const i0 = Math.ceil(c - half - 1e-9);
    const i1 = Math.min(i0 + taps - 1, Math.ceil(c + half - 1e-9) - 1);
    first[j] = i0;
    const n = i1 - i0 + 1;
    for (let t = 0; t < n; t++) weights[j * taps + t] = t === n - 1 ? 65536 - Math.floor(65536 / n) * (n - 1) : Math.floor(65536 / n);
  }
  return { first, weights, taps };
}

type Taps = ReturnType<typeof boxTaps>;

/**
 * Row pass of shrink for one source row: box taps along the row into `out` (16.8 fixed point, `width` values from
 * `at`). Outputs whose taps fall outside the row are left as they are (the caller fills them with paper once).
 */
class RowPass {
  private readonly lo: number;
  private readonly hi: number;
  /** two taps of a box are one pixel or two equal halves: packed as first · 2 + (halves ? 1 : 0) */
  private readonly pairs: Int32Array | null;
  /** a colour RGBA row converted to grey */
  private readonly line: Uint8Array | null;

  constructor(
    private readonly img: GreyImage | RgbaImage,
    private readonly cols: Taps,
  ) {
    const { first, weights, taps } = cols;
    const w = img.width;
    this.pairs = taps === 2 ? Int32Array.from(first, (f, u) => f * 2 + (weights[2 * u + 1] ? 1 : 0)) : null;
    let lo = 0;
    while (lo < first.length && first[lo]! < 0) lo++;
    let hi = first.length;
    while (hi > lo && first[hi - 1]! + taps > w) hi--;
    this.lo = lo;
    this.hi = hi;
    this.line = 'rgba' in img && img.grey !== true ? new Uint8Array(w) : null;
  }

  run(y: number, out: Uint16Array, at: number): void {
    const img = this.img;
    const w = img.width;
    const { lo, hi, pairs } = this;
    // Source sample k of this row is src[base + k · stride]: a grey plane, the red byte of a grey-source RGBA
    // row, or a colour row converted once into `line` (its pixels are read by up to two outputs).
    let src: Uint8Array;
    let base: number;
    let stride: number;
    if (!('rgba' in img)) {
      src = img.data;
      base = y * w;
      stride = 1;
    } else if (this.line) {
      const rgba = img.rgba;
      const line = this.line;
      for (let x = 0, j = y * w * 4; x < w; x++, j += 4) line[x] = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
      src = line;
      base = 0;
      stride = 1;
    } else {
      src = img.rgba;
      base = y * w * 4;
      stride = 4;
    }
    if (pairs) {
      if (stride === 1) {
        for (let u = lo; u < hi; u++) {
          // one source pixel, or the mean of two: the low bit of `pairs` says which
          const p = pairs[u]!;
          const i = base + (p >> 1);
          const v = src[i]!;
          out[at + u] = (v << 8) - (p & 1) * ((v - src[i + 1]!) << 7);
        }
      } else {
        for (let u = lo; u < hi; u++) {
          const p = pairs[u]!;
          const i = base + (p >> 1) * 4;
          const v = src[i]!;
          out[at + u] = (v << 8) - (p & 1) * ((v - src[i + 4]!) << 7);
        }
      }
      return;
    }
    const { first, weights, taps } = this.cols;
    for (let u = lo; u < hi; u++) {
      const i = base + first[u]! * stride;
      let v = 0;
      for (let t = 0, k = u * taps; t < taps; t++, k++) v += src[i + t * stride]! * weights[k]!;
      out[at + u] = v >>> 8;
    }
  }

  /** Two-tap boxes along rows of a grey source (plane or grey RGBA): both passes at once, see shrink. */
  get blends(): boolean {
    return this.pairs !== null && this.line === null;
  }

  /**
   * One output row from source rows y0 and y1 weighted a and b (8 bits, a + b = 256; b = 0 leaves y1 unread):
   * the same arithmetic as run() on both rows followed by the column pass, without storing the row pass.
   */
  blend(y0: number, y1: number, a: number, b: number, data: Uint8Array, at: number): void {
    const img = this.img;
    const pairs = this.pairs!;
    const { lo, hi } = this;
    const src = 'rgba' in img ? img.rgba : img.data;
    const stride = 'rgba' in img ? 4 : 1;
    const r0 = y0 * img.width * stride;
    if (b === 0) {
      for (let u = lo; u < hi; u++) {
        const p = pairs[u]!;
        const i = r0 + (p >> 1) * stride;
        const v = src[i]!;
        data[at + u] = (((v << 8) - (p & 1) * ((v - src[i + stride]!) << 7)) * a) >>> 16;
      }
      return;
    }
    const r1 = y1 * img.width * stride;
    for (let u = lo; u < hi; u++) {
      const p = pairs[u]!;
      const h = p & 1;
      const k = (p >> 1) * stride;
      const v = src[r0 + k]!;
      const w = src[r1 + k]!;
      const m0 = (v << 8) - h * ((v - src[r0 + k + stride]!) << 7);
      const m1 = (w << 8) - h * ((w - src[r1 + k + stride]!) << 7);
      data[at + u] = (m0 * a + m1 * b) >>> 16;
    }
  }
}

/**
 * Box reduction by `scale` (≤ 1) in two separable passes, rows then columns (see boxTaps). The passes are
 * interleaved: the row pass keeps only the few rows the current output row needs (each source row belongs to one
 * output row), so the intermediate page stays in cache. Returns the image and its forward map (source → output
 * pixel centres).
 */
export function shrink(img: GreyImage | RgbaImage, scale: number, into?: Uint8Array): { image: GreyImage; forward: AffineMap } {
  const { width: w, height: h } = img;
  const width = Math.round(w * scale);
  const height = Math.round(h * scale);
  const sx = width / w;
  const sy = height / h;
  const ex = 0.5 * sx - 0.5;
  const ey = 0.5 * sy - 0.5;
  const rowPass = new RowPass(img, boxTaps(width, sx, ex));
  const { first, weights, taps } = boxTaps(height, sy, ey);
  const data = outputBuffer(width * height, into);
  // Row-pass rows by source row modulo `taps`; outputs outside a row's taps stay paper.
  const ring = new Uint16Array(width * taps).fill(255 << 8);
  let next = 0;
  const w8 = new Int32Array(taps);
  const at = new Int32Array(taps);
  const blend = taps === 2 && rowPass.blends;
  for (let Y = 0; Y < height; Y++) {
    const top = first[Y]!;
    if (top < 0 || top + taps > h) continue;
    if (blend) {
      const b = Math.round(weights[Y * 2 + 1]! / 256);
      const a = Math.round(weights[Y * 2]! / 256);
      // the 8-bit weights sum to 256, the rounding remainder going to the larger one (as below)
      const fix = 256 - a - b;
      rowPass.blend(top, top + 1, b > a ? a : a + fix, b > a ? b + fix : b, data, Y * width);
      continue;
    }
    if (next < top) next = top;
    for (; next < top + taps; next++) rowPass.run(next, ring, (next % taps) * width);
    // Pixels of the row pass are 16.8 fixed point: weights go to 8 bits (summing to 256) to stay in 32 bits.
    let sum = 0;
    let big = 0;
    for (let t = 0; t < taps; t++) {
      w8[t] = Math.round(weights[Y * taps + t]! / 256);
      sum += w8[t]!;
      if (w8[t]! > w8[big]!) big = t;
      at[t] = ((top + t) % taps) * width;
    }
    w8[big] = w8[big]! + 256 - sum;
    const out = Y * width;
    if (taps === 2) {
      const a = w8[0]!;
      const b = w8[1]!;
      const i = at[0]!;
      const j = at[1]!;
      for (let u = 0; u < width; u++) data[out + u] = (ring[i + u]! * a + ring[j + u]! * b) >>> 16;
    } else {
      for (let u = 0; u < width; u++) {
        let v = 0;
        for (let t = 0; t < taps; t++) v += ring[at[t]! + u]! * w8[t]!;
        data[out + u] = v >>> 16;
      }
    }
  }
  return { image: { width, height, data }, forward: [sx, 0, 0, sy, ex, ey] };
}

/** A page of paper: `into` (at least n bytes) when given, else new. */
function outputBuffer(n: number, into: Uint8Array | undefined): Uint8Array {
  if (into && into.length < n) throw new RangeError(`output buffer of ${into.length} bytes for ${n} pixels`);
  return (into ? into.subarray(0, n) : new Uint8Array(n)).fill(255);
}

/** An affine map [a, b, c, d, e, f]: x′ = a·x + c·y + e, y′ = b·x + d·y + f. */
export type AffineMap = readonly [number, number, number, number, number, number];

/** Narrows [lo, hi] to the x where `p0 + slope · x` stays inside [margin, max − margin]. */
function clipSpan(lo: number, hi: number, p0: number, slope: number, max: number): [number, number] {
  const margin = 0.05;
  if (Math.abs(slope) < 1e-12) return p0 >= margin && p0 <= max - margin ? [lo, hi] : [1, 0];
  const atMin = (margin - p0) / slope;
  const atMax = (max - margin - p0) / slope;
  const from = Math.ceil(Math.min(atMin, atMax));
  const to = Math.floor(Math.max(atMin, atMax));
  return [Math.max(lo, from), Math.min(hi, to)];
}

/**
 * Bilinear resampling through an affine map, white outside the source: deskew and rescaling in one pass over
 * the output. Positions are 16.16 fixed point stepped along each row, and each row's span inside the source is
 * found first, so the inner loop has no bounds checks and no floating point.
 */
/** `inv` maps output pixels to source positions; `into`, when given, is reused for the output. */
export function resample(img: GreyImage, inv: AffineMap, width: number, height: number, into?: Uint8Array): GreyImage {
  const [a, b, c, d, e, f] = inv;
  const { width: sw, height: sh, data: src } = img;
  const data = outputBuffer(width * height, into);
  const ONE = 65536;
  const stepX = Math.round(a * ONE);
  const stepY = Math.round(b * ONE);
  for (let y = 0; y < height; y++) {
    const px = c * y + e;
    const py = d * y + f;
    // The fixed-point steps drift by at most width / 2^17 px: the margin of clipSpan covers that.
    let [lo, hi] = clipSpan(0, width - 1, px, a, sw - 1);
    [lo, hi] = clipSpan(lo, hi, py, b, sh - 1);
    let sx = Math.round((px + a * lo) * ONE);
    let sy = Math.round((py + b * lo) * ONE);
    for (let o = y * width + lo, end = y * width + hi; o <= end; o++, sx += stepX, sy += stepY) {
      const fx = (sx >> 8) & 255;
      const fy = (sy >> 8) & 255;
      const i = (sy >> 16) * sw + (sx >> 16);
      // a·(256 − f) + b·f written as 256·a + (b − a)·f: the same integers, two multiplications fewer
      const p = src[i]!;
      const q = src[i + sw]!;
      const top = (p << 8) + (src[i + 1]! - p) * fx;
      const bottom = (q << 8) + (src[i + sw + 1]! - q) * fx;
      data[o] = ((top << 8) + (bottom - top) * fy) >> 16;
    }
  }
  return { width, height, data };
}

/** Grey level of the paper: the 90th percentile of the histogram. */
function paperLevel(img: GreyImage): number {
  const hist = new Array<number>(256).fill(0);
  for (let i = 0; i < img.data.length; i += 7) hist[img.data[i]!]!++;
  const total = hist.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= total * 0.9) return v;
  }
  return 255;
}

/**
 * Paints long thin horizontal and vertical rules (table grids, letterhead lines) with the paper
 * colour: tesseract's page segmentation otherwise treats ruled cells as pictures and drops their text.
 * Light grey rules count too, so "dark" means noticeably darker than the paper, and a run may have
 * one- or two-pixel gaps from noise.
 */
export function removeRules(img: GreyImage, dpi: number): GreyImage {
  const out = { width: img.width, height: img.height, data: new Uint8Array(img.data) };
  eraseRules(out, dpi);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The dark-pixel mask of eraseRules, kept between pages of the same size (it is as large as the page). */
let darkScratch = new Uint8Array(0);

/**
 * removeRules in place. Every decision is taken on the mask of dark pixels made before anything is painted, so
 * painting one rule never changes whether another is found.
 */
export function eraseRules(img: GreyImage, dpi: number): void {
  const { width, height } = img;
  const data = img.data;
  const paper = paperLevel(img);
  const t = paper - 28;
  const minH = Math.round((dpi / 300) * 220);
  const minV = Math.round((dpi / 300) * 110);
  const maxThick = Math.max(3, Math.round((dpi / 300) * 8));
  // Four mask bytes at a time: most of a page is paper, and a zero word skips four pixels.
  const n = width * height;
  if (darkScratch.length < ((n + 3) & ~3)) darkScratch = new Uint8Array((n + 3) & ~3);
  const dark = darkScratch;
  let done = 0;
  if (data.byteOffset % 4 === 0 && LITTLE_ENDIAN) {
    // four pixels a word: one load and one store instead of four each
    done = n & ~3;
    const words = new Uint32Array(data.buffer, data.byteOffset, done >> 2);
    const marks = new Uint32Array(dark.buffer, 0, done >> 2);
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      marks[k] = ((w & 255) < t ? 1 : 0) | (((w >>> 8) & 255) < t ? 0x100 : 0) | (((w >>> 16) & 255) < t ? 0x10000 : 0) | (w >>> 24 < t ? 0x1000000 : 0);
    }
  }
  for (let i = done; i < n; i++) dark[i] = data[i]! < t ? 1 : 0;
  const quad = new Uint32Array(dark.buffer, 0, n >> 2);
  // Horizontal runs of dark pixels, bridging gaps of up to two pixels.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      const i = row + x;
      if ((i & 3) === 0 && x + 4 <= width && quad[i >> 2] === 0) {
        x += 4;
        continue;
      }
      if (!dark[i]) {
        x++;
        continue;
      }
      const start = x;
      let end = x;
      while (x < width && (dark[row + x] || (x + 2 < width && (dark[row + x + 1] || dark[row + x + 2])))) {
        if (dark[row + x]) end = x;
        x++;
      }
      if (end - start >= minH && thinVertically(dark, width, height, start, end + 1, y, maxThick)) data.fill(paper, row + start, row + end + 1);
    }
  }
  // Vertical runs, the same rule, followed for all columns at once row by row (column walks miss the cache).
  const runStart = new Int32Array(width).fill(-1);
  const runEnd = new Int32Array(width);
  const closeRun = (x: number): void => {
    const start = runStart[x]!;
    const end = runEnd[x]!;
    if (end - start >= minV && thinHorizontally(dark, width, x, start, end + 1, maxThick)) {
      for (let k = start; k <= end; k++) data[k * width + x] = paper;
    }
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      // An open run is closed lazily, at its column's next dark pixel or at the end: paper can be skipped.
      if ((i & 3) === 0 && x + 4 <= width && quad[i >> 2] === 0) {
        x += 3;
        continue;
      }
      if (!dark[i]) continue;
      if (runStart[x]! >= 0 && y - runEnd[x]! <= 3) {
        runEnd[x] = y;
        continue;
      }
      if (runStart[x]! >= 0) closeRun(x);
      runStart[x] = y;
      runEnd[x] = y;
    }
  }
  for (let x = 0; x < width; x++) if (runStart[x]! >= 0) closeRun(x);
}

/** A rule is thin: a few rows above or below the run are mostly paper. */
function thinVertically(dark: Uint8Array, width: number, height: number, x0: number, x1: number, y: number, maxThick: number): boolean {
  const probe = (yy: number): number => {
    if (yy < 0 || yy >= height) return 0;
    let ink = 0;
    for (let i = yy * width + x0, end = yy * width + x1; i < end; i++) ink += dark[i]!;
    return ink / (x1 - x0);
  };
  return probe(y - maxThick) < 0.5 || probe(y + maxThick) < 0.5;
}

function thinHorizontally(dark: Uint8Array, width: number, x: number, y0: number, y1: number, maxThick: number): boolean {
  const probe = (xx: number): number => {
    if (xx < 0 || xx >= width) return 0;
    let ink = 0;
    for (let y = y0; y < y1; y++) ink += dark[y * width + xx]!;
    return ink / (y1 - y0);
  };
  return probe(x - maxThick) < 0.5 || probe(x + maxThick) < 0.5;
}

/**
 * Impulse-noise filter: a pixel far from the mean of its 8 neighbours is replaced by their median.
 * Removes the specks of harsh scans and faxes while leaving strokes (whose neighbours agree) alone,
 * and costs a sort only where a speck is.
 */
export function despeckle(img: GreyImage): GreyImage {
  const { width, height, data: src } = img;
  const data = new Uint8Array(src);
  const win = new Uint8Array(8);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const a = src[i - width - 1]!, b = src[i - width]!, c = src[i - width + 1]!;
      const d = src[i - 1]!, e = src[i + 1]!;
      const f = src[i + width - 1]!, g = src[i + width]!, h = src[i + width + 1]!;
      const mean = (a + b + c + d + e + f + g + h) / 8;
      if (Math.abs(src[i]! - mean) < 90) continue;
      win[0] = a; win[1] = b; win[2] = c; win[3] = d; win[4] = e; win[5] = f; win[6] = g; win[7] = h;
      win.sort();
      data[i] = (win[3]! + win[4]!) / 2;
    }
  }
  return { width, height, data };
}

/** 3×3 box blur (edges clamped). */
function blur3(img: GreyImage): GreyImage {
  const { width: w, height: h, data: src } = img;
  const tmp = new Uint16Array(w * h);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    tmp[row] = src[row]! * 2 + src[row + 1]!;
    for (let x = 1; x < w - 1; x++) tmp[row + x] = src[row + x - 1]! + src[row + x]! + src[row + x + 1]!;
    tmp[row + w - 1] = src[row + w - 2]! + src[row + w - 1]! * 2;
  }
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : 0) * w;
    const row = y * w;
    const down = (y < h - 1 ? y + 1 : y) * w;
    for (let x = 0; x < w; x++) data[row + x] = ((tmp[up + x]! + tmp[row + x]! + tmp[down + x]!) * 7282) >> 16;
  }
  return { width: w, height: h, data };
}

/** Paper brightness around every pixel: block maxima, spread and smoothed, so text and shadows drop out. */
function background(img: GreyImage, block: number): Uint8Array {
  const bw = Math.ceil(img.width / block);
  const bh = Math.ceil(img.height / block);
  const blocks = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      // The input is already blurred, so the block maximum is paper rather than a bright speck.
      let v = 0;
      for (let y = by * block; y < Math.min(img.height, (by + 1) * block); y++) {
        const row = y * img.width;
        const end = row + Math.min(img.width, (bx + 1) * block);
        for (let i = row + bx * block; i < end; i++) if (img.data[i]! > v) v = img.data[i]!;
      }
      blocks[by * bw + bx] = v;
    }
  }
  // A text line can fill a block: take the brightest neighbour.
  const spread = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = Math.min(bw - 1, Math.max(0, bx + dx));
          const y = Math.min(bh - 1, Math.max(0, by + dy));
          m = Math.max(m, blocks[y * bw + x]!);
        }
      }
      spread[by * bw + bx] = m;
    }
  }
  const out = new Uint8Array(img.width * img.height);
  const xs0 = new Int32Array(img.width);
  const xs1 = new Int32Array(img.width);
  const txs = new Float32Array(img.width);
  for (let x = 0; x < img.width; x++) {
    const fx = Math.min(bw - 1, Math.max(0, x / block - 0.5));
    xs0[x] = Math.floor(fx);
    xs1[x] = Math.min(bw - 1, xs0[x]! + 1);
    txs[x] = fx - xs0[x]!;
  }
  const rowTop = new Float32Array(bw);
  for (let y = 0; y < img.height; y++) {
    const fy = Math.min(bh - 1, Math.max(0, y / block - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let bx = 0; bx < bw; bx++) rowTop[bx] = spread[y0 * bw + bx]! * (1 - ty) + spread[y1 * bw + bx]! * ty;
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) {
      const a = rowTop[xs0[x]!]!;
      out[row + x] = a + (rowTop[xs1[x]!]! - a) * txs[x]!;
    }
  }
  return out;
}

/** Removes 8-connected ink components smaller than `minArea` pixels (specks) from a binary image. */
function dropSpecks(img: GreyImage, minArea: number): number {
  let removed = 0;
  const { width, height, data } = img;
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const comp: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== 0 || seen[i]) continue;
    stack.length = 0;
    comp.length = 0;
    stack.push(i);
    seen[i] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      comp.push(p);
      const x = p % width;
      const y = (p - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (data[q] === 0 && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
      if (comp.length > minArea) break;
    }
    if (comp.length <= minArea) {
      removed++;
      for (const p of comp) data[p] = 255;
    }
  }
  return removed;
}

export interface PageQuality {
  /** mean brightness of the paper (pixels above the Otsu threshold) */
  paper: number;
  /** share of pure black among the non-paper pixels: near 1 on faxes and bilevel scans */
  bilevel: number;
  /** isolated ink specks (≤ 6 px) per megapixel; NaN when not counted (see pageQuality) */
  specks: number;
}

/**
 * `specksFrom`: specks are counted only on pages whose paper is at least this bright (the count is the costly
 * part, and only white-paper pages are judged by it); elsewhere `specks` is NaN, which no threshold passes.
 */
export function pageQuality(img: GreyImage, specksFrom = 0): PageQuality {
  // Every third pixel is plenty for a histogram of a page.
  const hist = new Float64Array(256);
  const px = img.data;
  for (let i = 0; i < px.length; i += 3) hist[px[i]!]!++;
  const t = otsuOfHistogram(hist);
  let n = 0;
  let sum = 0;
  let black = 0;
  let marked = 0;
  for (let v = 0; v < 256; v++) {
    const h = hist[v]!;
    // Among everything that is not paper, a bilevel page has only pure black; anti-aliased or
    // scanned print has grey edges.
    if (v < 245) marked += h;
    if (v <= 10) black += h;
    if (v >= t) {
      n += h;
      sum += v * h;
    }
  }
  const paper = n ? sum / n : 255;
  const bilevel = marked ? black / marked : 0;
  if (paper < specksFrom) return { paper, bilevel, specks: Number.NaN };
  // Specks per megapixel: tiny isolated ink blobs, the mark of fax transmission and harsh scans.
  const { specks, sampled } = countSpecks(img, t, 6);
  return { paper, bilevel, specks: sampled ? (specks * 1e6) / sampled : 0 };
}

/** Rows are sampled in bands of SPECK_BAND out of every SPECK_PERIOD: a density needs no full count. */
const SPECK_BAND = 128;
const SPECK_PERIOD = 256;

/** Ink components (8-connected, `v < t`) of at most maxArea pixels in sampled bands of rows, each band on its own. */
function countSpecks(img: GreyImage, t: number, maxArea: number): { specks: number; sampled: number } {
  const { width, height } = img;
  const runs = new RunLabeller();
  let specks = 0;
  let sampled = 0;
  for (let y0 = 0; y0 < height; y0 += SPECK_PERIOD) {
    const rows = Math.min(SPECK_BAND, height - y0);
    specks += runs.smallComponents(img, t, y0, y0 + rows, maxArea);
    sampled += rows * width;
  }
  return { specks, sampled };
}

/**
 * Connected-component labelling by runs: each row's ink runs join the runs of the row above that touch them
 * (8-connectivity) in a union-find with areas. A page is mostly paper, so it has far fewer runs than pixels.
 */
class RunLabeller {
  private x0: Int32Array = new Int32Array(1 << 14);
  private x1: Int32Array = new Int32Array(1 << 14);
  private parent: Int32Array = new Int32Array(1 << 14);
  private area: Int32Array = new Int32Array(1 << 14);

  private grow(): void {
    const n = this.x0.length * 2;
    const copy = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.x0 = copy(this.x0);
    this.x1 = copy(this.x1);
    this.parent = copy(this.parent);
    this.area = copy(this.area);
  }

  private root(i: number): number {
    const parent = this.parent;
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[i] !== r) {
      const next = parent[i]!;
      parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Components of rows [top, bottom) with at most maxArea pixels. */
  smallComponents(img: GreyImage, t: number, top: number, bottom: number, maxArea: number): number {
    const { width, data } = img;
    let count = 0;
    let prevStart = 0;
    let prevEnd = 0;
    for (let y = top; y < bottom; y++) {
      const row = y * width;
      const start = count;
      let p = prevStart;
      for (let x = 0; x < width; x++) {
        if (data[row + x]! >= t) continue;
        const s = x;
        while (x < width && data[row + x]! < t) x++;
        if (count === this.x0.length) this.grow();
        const r = count++;
        this.x0[r] = s;
        this.x1[r] = x;
        this.parent[r] = r;
        this.area[r] = x - s;
        // Runs above that touch [s − 1, x] (diagonals included); both rows are in x order.
        while (p < prevEnd && this.x1[p]! < s) p++;
        for (let q = p; q < prevEnd && this.x0[q]! <= x; q++) {
          const a = this.root(q);
          const b = this.root(r);
          if (a === b) continue;
          this.parent[b] = a;
          this.area[a] = this.area[a]! + this.area[b]!;
        }
      }
      prevStart = start;
      prevEnd = count;
    }
    let small = 0;
    for (let r = 0; r < count; r++) if (this.parent[r] === r && this.area[r]! <= maxArea) small++;
    return small;
  }
}

/**
 * Binarisation for noisy, low-contrast scans: blur, divide by the local paper brightness (removes
 * shadows and gamma), Otsu on the flattened page, and drop specks. Tesseract's own global threshold
 * turns the grain of such scans into letters.
 */
/** min(255, v · 255 / b) for every grey level v and paper level b (0 read as 1), by `(v << 8) | b`: a lookup
 * instead of a floating-point division per pixel, with the same values. */
let flattening: Uint8Array | null = null;
function flatteningTable(): Uint8Array {
  if (flattening) return flattening;
  const table = new Uint8Array(65536);
  for (let v = 0; v < 256; v++) {
    for (let b = 0; b < 256; b++) {
      const q = (v * 255) / (b || 1);
      table[(v << 8) | b] = q > 255 ? 255 : q;
    }
  }
  flattening = table;
  return table;
}

export function binarise(img: GreyImage, dpi: number): GreyImage {
  const smooth = blur3(img);
  const bg = background(smooth, Math.max(16, Math.round((dpi / 300) * 48)));
  const flat = new Uint8Array(img.width * img.height);
  const quotient = flatteningTable();
  const src = smooth.data;
  for (let i = 0; i < flat.length; i++) flat[i] = quotient[(src[i]! << 8) | bg[i]!]!;
  const flatImg = { width: img.width, height: img.height, data: flat };
  const t = otsuThreshold(flatImg);
  const out = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = flat[i]! < t ? 0 : 255;
  const bin = { width: img.width, height: img.height, data: out };
  dropSpecks(bin, Math.round(12 * (dpi / 300) ** 2));
  return bin;
}
