import { describe, expect, it } from 'vitest';
import { stackedBars, yearToDate } from './barChart.ts';

describe('stackedBars', () => {
  it('scales every row to the largest total and stacks the segments', () => {
    const bars = stackedBars(
      [
        { label: 'A', values: { ok: 2, late: 2 } },
        { label: 'B', values: { ok: 1, late: 0 } },
      ],
      ['ok', 'late'],
      100,
      20,
    );
    expect(bars[0]?.segments.map((s) => [s.x, s.width])).toEqual([
      [0, 50],
      [50, 50],
    ]);
    expect(bars[1]?.y).toBe(20);
    expect(bars[1]?.segments[0]?.width).toBe(25);
    expect(bars[1]?.total).toBe(1);
  });

  it('draws nothing wide for an empty report', () => {
    expect(stackedBars([{ label: 'A', values: {} }], ['ok'], 100, 20)[0]?.segments[0]?.width).toBe(0);
  });
});

describe('yearToDate', () => {
  it('runs from 1 January to today', () => {
    expect(yearToDate(new Date(2026, 10, 4))).toEqual({ from: '2026-01-01', to: '2026-11-04' });
  });
});
