/** Geometry of a horizontal stacked bar chart drawn as plain SVG (no chart library). */
export interface BarSegment {
  key: string;
  x: number;
  width: number;
  value: number;
}

export interface BarRow {
  label: string;
  y: number;
  segments: BarSegment[];
  total: number;
}

export function stackedBars(
  rows: readonly { label: string; values: Readonly<Record<string, number>> }[],
  keys: readonly string[],
  width: number,
  rowHeight: number,
): BarRow[] {
  const max = Math.max(1, ...rows.map((row) => keys.reduce((sum, key) => sum + (row.values[key] ?? 0), 0)));
  return rows.map((row, index) => {
    let x = 0;
    const segments = keys.map((key) => {
      const value = row.values[key] ?? 0;
      const segment = { key, x, width: (value / max) * width, value };
      x += segment.width;
      return segment;
    });
    return { label: row.label, y: index * rowHeight, segments, total: segments.reduce((sum, s) => sum + s.value, 0) };
  });
}

/** The default report period: from the first day of the year to today (ISO dates). */
export function yearToDate(today: Date): { from: string; to: string } {
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { from: `${today.getFullYear()}-01-01`, to: iso(today) };
}
