import { describe, expect, it } from 'vitest';
import { LatestOnly } from './requestOrder.ts';

describe('LatestOnly', () => {
  it('accepts only the newest ticket', () => {
    const latest = new LatestOnly();
    const first = latest.next();
    const second = latest.next();
    expect(latest.isLatest(first)).toBe(false);
    expect(latest.isLatest(second)).toBe(true);
  });
});
