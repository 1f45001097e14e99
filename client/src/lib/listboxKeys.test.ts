import { describe, expect, it } from 'vitest';
import { moveActive } from './listboxKeys.ts';

describe('moveActive', () => {
  it('wraps around with the arrows and jumps with Home/End', () => {
    expect(moveActive('ArrowDown', -1, 3)).toBe(0);
    expect(moveActive('ArrowDown', 2, 3)).toBe(0);
    expect(moveActive('ArrowUp', 0, 3)).toBe(2);
    expect(moveActive('ArrowUp', -1, 3)).toBe(2);
    expect(moveActive('End', 0, 3)).toBe(2);
    expect(moveActive('Home', 2, 3)).toBe(0);
    expect(moveActive('ArrowDown', 0, 0)).toBe(-1);
    expect(moveActive('a', 1, 3)).toBe(1);
  });
});
