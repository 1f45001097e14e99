import { describe, expect, it } from 'vitest';
import { otsuThreshold, pageQuality, pngToGrey, removeRules, rgbaToGrey, shrink, toPng, type GreyImage } from './imageOps.ts';

function page(width: number, height: number, paint: (x: number, y: number) => number): GreyImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = paint(x, y);
  return { width, height, data };
}

describe('rgbaToGrey', () => {
  it('weighs the channels and treats transparency as paper', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0, 0, 0, 0, 128]);
    expect([...rgbaToGrey(rgba, 5, 1).data]).toEqual([76, 149, 28, 255, 127]);
  });

  it('reads pixels from a view that starts inside its buffer', () => {
    const buf = new Uint8Array(4 + 8);
    buf.set([10, 10, 10, 255, 200, 200, 200, 255], 4);
    expect([...rgbaToGrey(buf.subarray(4), 2, 1).data]).toEqual([10, 200]);
  });
});

describe('removeRules', () => {
  // a horizontal rule, a vertical rule with a two-pixel gap, and a "letter" block that must stay
  const img = page(600, 400, (x, y) => {
    if (y >= 50 && y < 53 && x >= 20 && x < 580) return 0;
    if (x >= 300 && x < 302 && y >= 100 && y < 380 && !(y >= 200 && y < 202)) return 10;
    if (x >= 100 && x < 130 && y >= 150 && y < 190) return 0;
    return 250;
  });
  const out = removeRules(img, 300);
  const at = (x: number, y: number): number => out.data[y * 600 + x]!;

  it('paints long thin rules with the paper colour, across small gaps', () => {
    expect(at(300, 51)).toBe(250);
    expect(at(300, 150)).toBe(250);
    expect(at(301, 300)).toBe(250);
  });

  it('keeps letters', () => {
    let ink = 0;
    for (let y = 150; y < 190; y++) for (let x = 100; x < 130; x++) if (at(x, y) === 0) ink++;
    expect(ink).toBe(30 * 40);
  });
});

describe('otsuThreshold', () => {
  it('puts the darker level of a two-level page below the threshold', () => {
    const img = page(10, 10, (x) => (x < 3 ? 0 : 255));
    const t = otsuThreshold(img);
    expect(0).toBeLessThan(t);
    expect(255).toBeGreaterThanOrEqual(t);
  });
});

describe('pageQuality', () => {
  it('tells a speckled page from a clean one', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const text = (x: number, y: number): boolean => y % 40 < 12 && x % 18 < 10;
    // scanned grey levels, not a pure two-level image
    const grain = (x: number, y: number): number => (x * 7 + y * 13) % 5;
    const clean = page(800, 800, (x, y) => (text(x, y) ? 20 + grain(x, y) : 240 + grain(x, y)));
    const specks = new Set<number>();
    for (let i = 0; i < 3000; i++) specks.add(Math.floor(rnd() * 800 * 800));
    const noisy = page(800, 800, (x, y) => (text(x, y) || specks.has(y * 800 + x) ? 20 + grain(x, y) : 240 + grain(x, y)));
    // ~3,000 isolated dots on 0.64 MP, some of them lost in or beside the text
    expect(pageQuality(noisy).specks - pageQuality(clean).specks).toBeGreaterThan(2000);
    expect(pageQuality(clean).paper).toBeGreaterThan(230);
  });
});

describe('shrink', () => {
  it('reduces as its forward map says', () => {
    // a 9×9 dark square on paper, off centre
    const img = page(400, 300, (x, y) => (x >= 300 && x < 309 && y >= 60 && y < 69 ? 0 : 250));
    const { image, forward } = shrink(img, 0.85);
    expect([image.width, image.height]).toEqual([340, 255]);
    const [a, b, c, d, e, f] = forward;
    const cx = a * 304 + c * 64 + e;
    const cy = b * 304 + d * 64 + f;
    // the ink's centroid is where the map puts the square's centre
    let sum = 0;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < image.data.length; i++) {
      const ink = 250 - image.data[i]!;
      if (ink <= 5) continue;
      sum += ink;
      mx += ink * (i % image.width);
      my += ink * Math.floor(i / image.width);
    }
    expect(Math.abs(mx / sum - cx)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / sum - cy)).toBeLessThanOrEqual(0.5);
    // ink kept: 81 px at 0.85² ≈ 58.5 px
    expect(sum / 250).toBeGreaterThan(45);
    expect(sum / 250).toBeLessThan(72);
  });

  it('averages the source pixels each output pixel covers, from RGBA too', () => {
    const img = page(200, 200, (x) => (x % 2 === 0 ? 0 : 200));
    const { image } = shrink(img, 0.5);
    // every output pixel covers one dark and one light column
    expect(Math.abs(image.data[50 * image.width + 50]! - 100)).toBeLessThanOrEqual(1);
    const rgba = new Uint8Array(200 * 200 * 4);
    img.data.forEach((v, i) => rgba.set([v, v, v, 255], 4 * i));
    expect([...shrink({ width: 200, height: 200, rgba }, 0.5).image.data]).toEqual([...image.data]);
  });

  it('gives the same pixels when both passes run at once (two-tap boxes of a grey source) as through stored rows', () => {
    const img = page(300, 210, (x, y) => (x * 37 + y * 91 + ((x * y) % 13)) % 256);
    const rgba = new Uint8Array(300 * 210 * 4);
    img.data.forEach((v, i) => rgba.set([v, v, v, 255], 4 * i));
    const both = shrink(img, 0.85).image.data;
    // a colour source (R = G = B, so its luminance is the grey) takes the row-by-row path
    const stored = shrink({ width: 300, height: 210, rgba }, 0.85).image.data;
    expect([...both]).toEqual([...stored]);
    expect([...shrink({ width: 300, height: 210, rgba, grey: true }, 0.85).image.data]).toEqual([...stored]);
  });
});

describe('toPng', () => {
  it('writes an 8-bit greyscale PNG that reads back to the same pixels', () => {
    const img = page(123, 45, (x, y) => (x * 7 + y * 3) % 256);
    const png = toPng(img);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: width, height, bit depth 8, colour type 0
    expect(new DataView(png.buffer, png.byteOffset).getUint32(16)).toBe(123);
    expect([png[24], png[25]]).toEqual([8, 0]);
    const back = pngToGrey(png);
    expect([back.width, back.height]).toEqual([123, 45]);
    expect([...back.data]).toEqual([...img.data]);
  });
});
