import type { Affine } from './types.ts';

export const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

/** m1 after m2: apply m2 first, then m1. */
export function compose(m1: Affine, m2: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = m1;
  const [a2, b2, c2, d2, e2, f2] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function invert(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Forward map of a clockwise quarter-turn rotation of a w×h image. */
export function quarterTurn(quarters: number, w: number, h: number): Affine {
  switch (((quarters % 4) + 4) % 4) {
    case 1:
      return [0, 1, -1, 0, h - 1, 0];
    case 2:
      return [-1, 0, 0, -1, w - 1, h - 1];
    case 3:
      return [0, -1, 1, 0, 0, w - 1];
    default:
      return IDENTITY;
  }
}

/** Forward map of a turn by `deg` (clockwise on screen) about the centre of a w×h image. */
export function smallTurn(deg: number, w: number, h: number): Affine {
  const r = (deg * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  return [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy];
}

export function scaling(s: number): Affine {
  return [s, 0, 0, s, 0, 0];
}
