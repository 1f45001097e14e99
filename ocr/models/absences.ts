// Recurring yearly absences (a leave taken at about the same time every year) learned from who received what:
// a stretch of the year in which, over all past years, a person got nothing although their department kept
// receiving work they would normally have had a share of.

export interface DatedAssignment {
  /** day of the year, 0..365 */
  day: number;
  executor: string;
  /** the group whose work the person shares (their department), or '' */
  group: string;
}

/** [first, last] day of the year, inclusive; first > last when the stretch crosses the new year. */
export type DayRange = [number, number];

const DAYS = 366;
/** A longer empty stretch is a person who gets little work, not a leave. */
const MAX_LEAVE = 42;

/**
 * The absence of every person whose longest empty stretch would have held at least `minExpected` cards
 * (Poisson: nothing at all then has probability e^-minExpected by chance).
 */
export function learnAbsences(items: DatedAssignment[], minExpected = 3): Map<string, DayRange> {
  const byGroup = new Map<string, DatedAssignment[]>();
  const homeCounts = new Map<string, Map<string, number>>();
  for (const it of items) {
    let g = byGroup.get(it.group);
    if (!g) byGroup.set(it.group, (g = []));
    g.push(it);
    let h = homeCounts.get(it.executor);
    if (!h) homeCounts.set(it.executor, (h = new Map()));
    h.set(it.group, (h.get(it.group) ?? 0) + 1);
  }
  const out = new Map<string, DayRange>();
  for (const [executor, groups] of homeCounts) {
    const home = [...groups].sort((a, b) => b[1] - a[1])[0]![0];
    const ref = byGroup.get(home)!;
    const share = groups.get(home)! / ref.length;
    const expected = new Array<number>(DAYS).fill(0);
    const observed = new Array<number>(DAYS).fill(0);
    for (const it of ref) {
      expected[it.day] = expected[it.day]! + share;
      if (it.executor === executor) observed[it.day] = observed[it.day]! + 1;
    }
    const range = emptiestStretch(expected, observed);
    if (range && range.expected >= minExpected) out.set(executor, range.range);
  }
  return out;
}

function emptiestStretch(expected: number[], observed: number[]): { range: DayRange; expected: number } | null {
  const start = observed.findIndex((x) => x > 0);
  if (start < 0) return null;
  let best: { range: DayRange; expected: number } | null = null;
  let run = 0;
  let sum = 0;
  // Walk the circular year once from a day with work, so every empty stretch is closed by a day with work.
  for (let k = 1; k <= DAYS; k++) {
    const t = (start + k) % DAYS;
    if (observed[t] === 0) {
      run++;
      sum += expected[t]!;
      continue;
    }
    if (run && run <= MAX_LEAVE && (!best || sum > best.expected)) best = { range: [(t - run + DAYS) % DAYS, (t - 1 + DAYS) % DAYS], expected: sum };
    run = 0;
    sum = 0;
  }
  return best;
}

export function inRange(range: DayRange, day: number): boolean {
  const [a, b] = range;
  return a <= b ? day >= a && day <= b : day >= a || day <= b;
}

export function dayOfYear(iso: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.floor((t - Date.UTC(Number(m[1]), 0, 1)) / 86_400_000);
}
