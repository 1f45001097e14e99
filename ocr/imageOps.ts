// Pure greyscale image operations used before recognition. They run inside the preparation worker
// thread, never on the caller's event loop.

export interface GreyImage {
  width: number;
  height: number;
  /** one byte per pixel, 0 = black, 255 = white, row-major */
  data: Uint8Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyImage {
  const data = new Uint8Array(width * height);
  // One 32-bit read per pixel (0xAABBGGRR on little-endian machines) instead of four byte reads.
  const px = LITTLE_ENDIAN ? new Uint32Array(rgba.byteOffset % 4 === 0 ? rgba.buffer : new Uint8Array(rgba).buffer, rgba.byteOffset % 4 === 0 ? rgba.byteOffset : 0, width * height) : null;
  for (let i = 0; i < data.length; i++) {
    let r: number, g: number, b: number, a: number;
    if (px) {
      const p = px[i]!;
      r = p & 0xff;
      g = (p >>> 8) & 0xff;
      b = (p >>> 16) & 0xff;
      a = p >>> 24;
    } else {
      r = rgba[4 * i]!;
      g = rgba[4 * i + 1]!;
      b = rgba[4 * i + 2]!;
      a = rgba[4 * i + 3]!;
    }
    const lum = (r * 77 + g * 150 + b * 29) >> 8;
    // Transparent pixels are paper, not ink.
    data[i] = a === 255 ? lum : (lum * a + 255 * (255 - a)) / 255;
  }
  return { width, height, data };
}

/** Portable greymap: leptonica inside tesseract reads it without any encoding cost. */
export function toPgm(img: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

export function downscale(img: GreyImage, factor: number): GreyImage {
  if (factor <= 1) return img;
  const width = Math.max(1, Math.floor(img.width / factor));
  const height = Math.max(1, Math.floor(img.height / factor));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * img.width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += img.data[row + dx]!;
      }
      data[y * width + x] = sum / (factor * factor);
    }
  }
  return { width, height, data };
}

export function upscale2(img: GreyImage): GreyImage {
  const width = img.width * 2;
  const height = img.height * 2;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, (y - 0.5) / 2 < 0 ? 0 : (y - 0.5) / 2);
    const y0 = Math.floor(sy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, (x - 0.5) / 2 < 0 ? 0 : (x - 0.5) / 2);
      const x0 = Math.floor(sx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const fx = sx - x0;
      const a = img.data[y0 * img.width + x0]!;
      const b = img.data[y0 * img.width + x1]!;
      const c = img.data[y1 * img.width + x0]!;
      const d = img.data[y1 * img.width + x1]!;
      data[y * width + x] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
  }
  return { width, height, data };
}

/** Otsu's threshold: pixels darker than it are ink (also on two-level pages). */
export function otsuThreshold(img: GreyImage): number {
  const hist = new Float64Array(256);
  const px = img.data;
  for (let i = 0; i < px.length; i++) hist[px[i]!]!++;
  const total = img.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
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
function profileScore(xs: Int32Array, ys: Int32Array, along: number, deg: number): number {
  const tan = Math.tan((deg * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(tan) * along) + 1;
  const bins = new Float64Array(ys.reduce((m, v) => Math.max(m, v), 0) + 2 * offset + 2);
  for (let i = 0; i < xs.length; i++) bins[(ys[i]! - xs[i]! * tan + offset + 0.5) | 0]!++;
  // Squared differences reward the sharp edges of text lines; a broad scanner shadow has only two.
  let s = 0;
  for (let i = 1; i < bins.length; i++) {
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
  let best = { angle: 0, score: -1 };
  for (let a = -6; a <= 6.001; a += 0.75) {
    const s = profileScore(xs, ys, along, a);
    if (s > best.score) best = { angle: a, score: s };
  }
  const coarse = best.angle;
  for (let a = coarse - 0.75; a <= coarse + 0.751; a += 0.15) {
    const s = profileScore(xs, ys, along, a);
    if (s > best.score) best = { angle: Math.round(a * 100) / 100, score: s };
  }
  return best;
}

/** Projection-profile skew and line-direction estimate on a reduced copy (long side about 1000 px). */
export function estimateSkew(img: GreyImage): SkewEstimate {
  const factor = Math.max(1, Math.floor(Math.max(img.width, img.height) / 800));
  const small = cropMargins(downscale(img, factor), 0.06);
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

/** Rotation about the centre by a small angle (degrees, clockwise on screen), keeping the canvas size, white fill. */
export function rotateSmall(img: GreyImage, deg: number): GreyImage {
  if (Math.abs(deg) < 0.05) return img;
  const { width, height, data: src } = img;
  const data = new Uint8Array(width * height).fill(255);
  const rad = (deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    // inverse mapping: destination pixel -> source position, linear along the row
    let sx = -cos * cx + sin * dy + cx;
    let sy = sin * cx + cos * dy + cy;
    const row = y * width;
    for (let x = 0; x < width; x++, sx += cos, sy -= sin) {
      const x0 = sx | 0;
      const y0 = sy | 0;
      if (sx < 0 || sy < 0 || x0 >= width - 1 || y0 >= height - 1) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = src[i]! + (src[i + 1]! - src[i]!) * fx;
      const bottom = src[i + width]! + (src[i + width + 1]! - src[i + width]!) * fx;
      data[row + x] = top + (bottom - top) * fy;
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
  const { width, height } = img;
  const paper = paperLevel(img);
  const t = paper - 28;
  const data = new Uint8Array(img.data);
  const minH = Math.round((dpi / 300) * 220);
  const minV = Math.round((dpi / 300) * 110);
  const maxThick = Math.max(3, Math.round((dpi / 300) * 8));
  const src = img.data;
  const dark = new Uint8Array(width * height);
  for (let i = 0; i < dark.length; i++) dark[i] = src[i]! < t ? 1 : 0;
  // Four mask bytes at a time: most of a page is paper, and a zero word skips four pixels.
  const quad = new Uint32Array(dark.buffer, 0, dark.length >> 2);
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
      if (end - start >= minH && thinVertically(img, start, end + 1, y, t, maxThick)) {
        for (let k = start; k <= end; k++) data[row + k] = paper;
      }
    }
  }
  // Vertical runs, the same rule, followed for all columns at once row by row (column walks miss the cache).
  const runStart = new Int32Array(width).fill(-1);
  const runEnd = new Int32Array(width);
  const closeRun = (x: number): void => {
    const start = runStart[x]!;
    const end = runEnd[x]!;
    if (end - start >= minV && thinHorizontally(img, x, start, end + 1, t, maxThick)) {
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
  return { width, height, data };
}

/** A rule is thin: a few rows above or below the run are mostly paper. */
function thinVertically(img: GreyImage, x0: number, x1: number, y: number, t: number, maxThick: number): boolean {
  const probe = (yy: number): number => {
    if (yy < 0 || yy >= img.height) return 0;
    let ink = 0;
    for (let x = x0; x < x1; x++) if (img.data[yy * img.width + x]! < t) ink++;
    return ink / (x1 - x0);
  };
  return probe(y - maxThick) < 0.5 || probe(y + maxThick) < 0.5;
}

function thinHorizontally(img: GreyImage, x: number, y0: number, y1: number, t: number, maxThick: number): boolean {
  const probe = (xx: number): number => {
    if (xx < 0 || xx >= img.width) return 0;
    let ink = 0;
    for (let y = y0; y < y1; y++) if (img.data[y * img.width + xx]! < t) ink++;
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
  /** isolated ink specks (≤ 6 px) per megapixel */
  specks: number;
}

export function pageQuality(img: GreyImage): PageQuality {
  const t = otsuThreshold(img);
  let n = 0;
  let sum = 0;
  let black = 0;
  let marked = 0;
  for (let i = 0; i < img.data.length; i += 3) {
    const v = img.data[i]!;
    // Among everything that is not paper, a bilevel page has only pure black; anti-aliased or
    // scanned print has grey edges.
    if (v < 245) {
      marked++;
      if (v <= 10) black++;
    }
    if (v >= t) {
      n++;
      sum += v;
    }
  }
  // Specks per megapixel: tiny isolated ink blobs, the mark of fax transmission and harsh scans.
  const { specks, sampled } = countSpecks(img, t, 6);
  return { paper: n ? sum / n : 255, bilevel: marked ? black / marked : 0, specks: sampled ? (specks * 1e6) / sampled : 0 };
}

/** Rows are sampled in bands of SPECK_BAND out of every SPECK_PERIOD: a density needs no full count. */
const SPECK_BAND = 128;
const SPECK_PERIOD = 256;

/** dropSpecks' count on a binarised copy of sampled bands of rows (each band taken as an image of its own). */
function countSpecks(img: GreyImage, t: number, maxArea: number): { specks: number; sampled: number } {
  const { width, height, data } = img;
  let specks = 0;
  let sampled = 0;
  for (let y0 = 0; y0 < height; y0 += SPECK_PERIOD) {
    const rows = Math.min(SPECK_BAND, height - y0);
    const bin = new Uint8Array(rows * width);
    for (let i = 0, k = y0 * width; i < bin.length; i++, k++) bin[i] = data[k]! < t ? 0 : 255;
    specks += dropSpecks({ width, height: rows, data: bin }, maxArea);
    sampled += bin.length;
  }
  return { specks, sampled };
}

/**
 * Binarisation for noisy, low-contrast scans: blur, divide by the local paper brightness (removes
 * shadows and gamma), Otsu on the flattened page, and drop specks. Tesseract's own global threshold
 * turns the grain of such scans into letters.
 */
export function binarise(img: GreyImage, dpi: number): GreyImage {
  const smooth = blur3(img);
  const bg = background(smooth, Math.max(16, Math.round((dpi / 300) * 48)));
  const flat = new Uint8Array(img.width * img.height);
  for (let i = 0; i < flat.length; i++) {
    const b = bg[i]! || 1;
    const v = (smooth.data[i]! * 255) / b;
    flat[i] = v > 255 ? 255 : v;
  }
  const flatImg = { width: img.width, height: img.height, data: flat };
  const t = otsuThreshold(flatImg);
  const out = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = flat[i]! < t ? 0 : 255;
  const bin = { width: img.width, height: img.height, data: out };
  dropSpecks(bin, Math.round(12 * (dpi / 300) ** 2));
  return bin;
}
