// Executor (and department) suggestion learned from the organisation's own resolution history,
// plus resolution-text suggestion from the most similar past cards.
import { OcrError } from '../errors.ts';
import { featuresOf, normName, stemsOf } from './features.ts';
import { NaiveBayes, type NaiveBayesState } from './naiveBayes.ts';

export interface RoutedCard {
  id?: string;
  registeredAt?: string | null;
  kind?: string | null;
  correspondent?: string | null;
  correspondentType?: string | null;
  subject?: string | null;
  summary?: string | null;
  department?: string | null;
  executor: string;
  /** the manager's resolution text, when known */
  resolution?: string | null;
}

export type CardToRoute = Omit<RoutedCard, 'executor' | 'department' | 'resolution'>;

export interface ExecutorSuggestion {
  executor: string;
  department: string | null;
  /** 0..1 */
  score: number;
}

export interface SuggestResult {
  suggestions: ExecutorSuggestion[];
  /** true when the best score is too low to propose anything to a clerk */
  abstain: boolean;
}

export interface ResolutionSuggestion {
  text: string;
  score: number;
  /** id of the past card the text comes from */
  fromId: string | null;
}

interface StoredResolution {
  id: string | null;
  text: string;
  stems: string[];
}

export interface ExecutorModelState {
  version: 1;
  text: NaiveBayesState;
  /** normalised correspondent -> executor -> count */
  byCorrespondent: Record<string, Record<string, number>>;
  /** executor -> department -> count */
  departments: Record<string, Record<string, number>>;
  resolutions: StoredResolution[];
  /** executor -> day-of-year (0..365) of every routed card, for learning recurring absences */
  days: Record<string, number[]>;
  trained: number;
}

const MAX_RESOLUTIONS = 5000;

function textOf(c: CardToRoute): string {
  return `${c.subject ?? ''} ${c.subject ?? ''} ${c.summary ?? ''}`;
}

function cardFeatures(c: CardToRoute): string[] {
  const f = featuresOf(textOf(c));
  if (c.kind) f.push(`kind:${c.kind}`);
  if (c.correspondentType) f.push(`ctype:${c.correspondentType}`);
  return f;
}

function argmaxShare(m: Record<string, number> | undefined): { key: string; share: number; total: number } | null {
  if (!m) return null;
  const entries = Object.entries(m);
  const total = entries.reduce((a, [, v]) => a + v, 0);
  if (!total) return null;
  const [key, v] = entries.sort((a, b) => b[1] - a[1])[0]!;
  return { key, share: v / total, total };
}

export class ExecutorModel {
  private readonly nb: NaiveBayes;
  private readonly state: ExecutorModelState;
  private readonly absences = new Map<string, [number, number] | null>();

  private constructor(state: ExecutorModelState) {
    this.state = state;
    this.nb = new NaiveBayes(state.text);
  }

  static empty(): ExecutorModel {
    return new ExecutorModel({ version: 1, text: new NaiveBayes().toJSON(), byCorrespondent: {}, departments: {}, resolutions: [], days: {}, trained: 0 });
  }

  static train(history: RoutedCard[]): ExecutorModel {
    const m = ExecutorModel.empty();
    for (const c of history) m.update(c);
    return m;
  }

  static fromJSON(state: unknown): ExecutorModel {
    if (typeof state !== 'object' || state === null || (state as { version?: unknown }).version !== 1) {
      throw new OcrError('OCR_MODEL_INVALID', 'not an executor model state');
    }
    return new ExecutorModel(structuredClone(state as ExecutorModelState));
  }

  toJSON(): ExecutorModelState {
    return { ...this.state, text: this.nb.toJSON() };
  }

  get trained(): number {
    return this.state.trained;
  }

  /** Adds one routed card: the incremental step a retraining job runs for each newly registered card. */
  update(card: RoutedCard): void {
    if (!card.executor) return;
    this.nb.add(card.executor, cardFeatures(card));
    const key = normName(card.correspondent);
    if (key) {
      const m = (this.state.byCorrespondent[key] ??= {});
      m[card.executor] = (m[card.executor] ?? 0) + 1;
    }
    if (card.department) {
      const d = (this.state.departments[card.executor] ??= {});
      d[card.department] = (d[card.department] ?? 0) + 1;
    }
    const doy = dayOfYear(card.registeredAt);
    if (doy !== null) (this.state.days[card.executor] ??= []).push(doy);
    this.absences.delete(card.executor);
    if (card.resolution && card.resolution.trim()) {
      this.state.resolutions.push({ id: card.id ?? null, text: card.resolution.trim(), stems: stemsOf(textOf(card)) });
      if (this.state.resolutions.length > MAX_RESOLUTIONS) this.state.resolutions.shift();
    }
    this.state.trained++;
  }

  departmentOf(executor: string): string | null {
    return argmaxShare(this.state.departments[executor])?.key ?? null;
  }

  /**
   * The recurring yearly absence of an executor (a leave taken at the same time every year): the
   * longest stretch of days of the year in which, over all past years, nobody routed them a card.
   */
  absenceOf(executor: string): [number, number] | null {
    if (this.absences.has(executor)) return this.absences.get(executor)!;
    const days = [...new Set(this.state.days[executor] ?? [])].sort((a, b) => a - b);
    let result: [number, number] | null = null;
    if (days.length >= 25) {
      let best = 0;
      for (let i = 0; i < days.length; i++) {
        const a = days[i]!;
        const b = i + 1 < days.length ? days[i + 1]! : days[0]! + 366;
        if (b - a > best) {
          best = b - a;
          result = [a + 1, b - 1];
        }
      }
      // Gaps shorter than two weeks happen by chance; a leave is longer.
      if (best < 15) result = null;
    }
    this.absences.set(executor, result);
    return result;
  }

  private available(executor: string, doy: number | null): boolean {
    if (doy === null) return true;
    const gap = this.absenceOf(executor);
    if (!gap) return true;
    const [a, b] = gap;
    return !((doy >= a && doy <= b) || (doy + 366 >= a && doy + 366 <= b));
  }

  suggest(card: CardToRoute, k = 3, minScore = 0.2): SuggestResult {
    const text = this.nb.posterior(cardFeatures(card));
    const doy = dayOfYear(card.registeredAt);
    const scores = new Map<string, number>(text.map((x) => [x.label, x.p * (this.available(x.label, doy) ? 1 : 0.05)]));
    const corr = this.state.byCorrespondent[normName(card.correspondent)];
    const top = argmaxShare(corr);
    // A sender whose letters always went to one person keeps going there, whatever the topic.
    if (top && corr && top.total >= 3 && top.share >= 0.75) {
      const w = Math.min(0.95, top.share * (top.total / (top.total + 1)));
      for (const [label, p] of scores) scores.set(label, p * (1 - w));
      for (const [label, n] of Object.entries(corr)) scores.set(label, (scores.get(label) ?? 0) + (w * n) / top.total);
    }
    const z = [...scores.values()].reduce((a, b) => a + b, 0) || 1;
    for (const [label, p] of scores) scores.set(label, p / z);
    const suggestions = [...scores.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([executor, score]) => ({ executor, department: this.departmentOf(executor), score: Math.round(score * 1000) / 1000 }));
    return { suggestions, abstain: !suggestions[0] || suggestions[0].score < minScore };
  }

  /** Resolution text of the most similar past card (cosine over stems), or null below `minScore`. */
  suggestResolution(card: CardToRoute, minScore = 0.45): ResolutionSuggestion | null {
    const q = counts(stemsOf(textOf(card)));
    let best: ResolutionSuggestion | null = null;
    for (const r of this.state.resolutions) {
      const s = cosine(q, counts(r.stems));
      if (s >= minScore && (!best || s > best.score)) best = { text: r.text, score: Math.round(s * 1000) / 1000, fromId: r.id };
    }
    return best;
  }
}

function dayOfYear(iso: string | null | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.floor((t - Date.UTC(Number(m[1]), 0, 1)) / 86_400_000);
}

function counts(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
