// Multinomial naive Bayes with incremental updates and a plain-JSON state, so the server can persist
// it and a background job can add newly registered cards without retraining from scratch.
import { OcrError } from '../errors.ts';

export interface NaiveBayesState {
  version: 1;
  /** label -> number of training documents */
  docs: Record<string, number>;
  /** label -> feature -> count */
  counts: Record<string, Record<string, number>>;
  /** label -> total feature count */
  totals: Record<string, number>;
  vocabulary: number;
}

export class NaiveBayes {
  private state: NaiveBayesState;
  private readonly vocab: Set<string>;

  constructor(state?: NaiveBayesState) {
    if (state && state.version !== 1) throw new OcrError('OCR_MODEL_INVALID', `unsupported model version ${String(state.version)}`);
    this.state = state ?? { version: 1, docs: {}, counts: {}, totals: {}, vocabulary: 0 };
    this.vocab = new Set(Object.values(this.state.counts).flatMap((c) => Object.keys(c)));
  }

  add(label: string, features: string[], weight = 1): void {
    const s = this.state;
    s.docs[label] = (s.docs[label] ?? 0) + weight;
    const c = (s.counts[label] ??= {});
    for (const f of features) {
      c[f] = (c[f] ?? 0) + weight;
      s.totals[label] = (s.totals[label] ?? 0) + weight;
      if (!this.vocab.has(f)) {
        this.vocab.add(f);
        s.vocabulary++;
      }
    }
  }

  labels(): string[] {
    return Object.keys(this.state.docs);
  }

  /** Posterior over labels (sums to 1), best first. */
  posterior(features: string[], alpha = 0.3): Array<{ label: string; p: number }> {
    const s = this.state;
    const nDocs = Object.values(s.docs).reduce((a, b) => a + b, 0);
    if (nDocs === 0) return [];
    const v = Math.max(1, s.vocabulary);
    const known = features.filter((f) => this.vocab.has(f));
    const scored = Object.keys(s.docs).map((label) => {
      const c = s.counts[label] ?? {};
      const total = s.totals[label] ?? 0;
      let lp = Math.log(s.docs[label]! / nDocs);
      for (const f of known) lp += Math.log(((c[f] ?? 0) + alpha) / (total + alpha * v));
      return { label, lp };
    });
    const max = Math.max(...scored.map((x) => x.lp));
    const exp = scored.map((x) => ({ label: x.label, e: Math.exp(x.lp - max) }));
    const z = exp.reduce((a, x) => a + x.e, 0);
    return exp.map((x) => ({ label: x.label, p: x.e / z })).sort((a, b) => b.p - a.p);
  }

  toJSON(): NaiveBayesState {
    return this.state;
  }
}
