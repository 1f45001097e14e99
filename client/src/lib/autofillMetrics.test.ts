import { describe, expect, test } from 'vitest';
import { breakdown, lastMonths, trendBars } from './autofillMetrics.ts';

describe('autofill accuracy', () => {
  test('proposed → accepted as proposed, corrected, and filled where nothing was proposed', () => {
    expect(breakdown({ field: 'outNumber', total: 10, proposed: 8, correct: 7, accuracy: 70 })).toEqual({
      field: 'outNumber',
      proposed: 8,
      accepted: 7,
      corrected: 1,
      missed: 2,
      accuracy: 70,
    });
  });

  test('calendar months back from today, across a year end, inclusive ISO dates', () => {
    expect(lastMonths(new Date(2026, 1, 14), 3)).toEqual([
      { month: '2025-12', from: '2025-12-01', to: '2025-12-31' },
      { month: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28' },
    ]);
  });

  test('trend bars: months without data stay empty', () => {
    expect(trendBars([50, null, 120])).toEqual([0.5, null, 1]);
  });
});
