import type { AutofillFieldMetric } from '../api/autofillEndpoints.ts';

// The metrics endpoint counts, per field, the outcomes recorded when a card was registered from a scan: `total`
// fields that were proposed or filled, `proposed` of them proposed, `correct` kept exactly as proposed.

export interface FieldBreakdown {
  field: string;
  proposed: number;
  /** kept as proposed */
  accepted: number;
  /** proposed, but the clerk kept another value (or none) */
  corrected: number;
  /** not proposed (abstained), filled by the clerk */
  missed: number;
  /** accepted / all that were proposed or filled, percent with one decimal; null without data */
  accuracy: number | null;
}

export function breakdown(metric: AutofillFieldMetric): FieldBreakdown {
  const accepted = Math.min(metric.correct, metric.proposed);
  return {
    field: metric.field,
    proposed: metric.proposed,
    accepted,
    corrected: metric.proposed - accepted,
    missed: Math.max(0, metric.total - metric.proposed),
    accuracy: metric.accuracy,
  };
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export interface MonthRange {
  /** YYYY-MM */
  month: string;
  from: string;
  to: string;
}

/** The last `count` calendar months up to and including the month of `today`, oldest first (ISO dates, inclusive). */
export function lastMonths(today: Date, count: number): MonthRange[] {
  const ranges: MonthRange[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const first = new Date(today.getFullYear(), today.getMonth() - back, 1);
    const y = first.getFullYear();
    const m = first.getMonth() + 1;
    const lastDay = new Date(y, m, 0).getDate();
    ranges.push({ month: `${y}-${String(m).padStart(2, '0')}`, from: iso(y, m, 1), to: iso(y, m, lastDay) });
  }
  return ranges;
}

/** Bar heights (0..1 of the tallest possible, 100 %) for a small accuracy trend; months without cards have none. */
export function trendBars(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : Math.max(0, Math.min(100, v)) / 100));
}
