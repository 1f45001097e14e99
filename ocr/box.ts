// Small geometry on page boxes, shared by the engine, page preparation and field extraction.
import type { Box } from './types.ts';

/** The smallest box holding all of `boxes` (at least one). */
export function unionBox(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** A box of a crop whose top-left corner is at (`left`, `top`) of the page, in page pixels. */
export function offsetBox(b: Box, left: number, top: number): Box {
  return { x0: b.x0 + left, y0: b.y0 + top, x1: b.x1 + left, y1: b.y1 + top };
}
