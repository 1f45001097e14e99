import { createCanvas } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGreyscaleRaster } from './prepare.ts';

describe('isGreyscaleRaster', () => {
  const canvas = createCanvas(40, 30);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 40, 30);
  ctx.fillStyle = '#2040c0';
  ctx.fillRect(5, 5, 20, 10);

  it('tells colour PNG and JPEG files from greyscale ones by their headers', () => {
    expect(isGreyscaleRaster(canvas.toBuffer('image/png'))).toBe(false);
    expect(isGreyscaleRaster(canvas.toBuffer('image/jpeg'))).toBe(false);
    expect(isGreyscaleRaster(readFileSync(new URL('./fixtures/heading-upside-down.png', import.meta.url)))).toBe(true);
  });

  it('takes anything else, or a broken JPEG, for colour', () => {
    expect(isGreyscaleRaster(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2, 0x12, 0x34, 0, 0, 0, 0]))).toBe(false);
    expect(isGreyscaleRaster(new TextEncoder().encode('%PDF-1.7'))).toBe(false);
  });
});
