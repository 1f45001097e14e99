// Topic (rubric) classifier learned from the organisation's registered cards.
import { OcrError } from '../errors.ts';
import { featuresOf } from './features.ts';
import { NaiveBayes, type NaiveBayesState } from './naiveBayes.ts';

export interface TopicModelState {
  version: 1;
  nb: NaiveBayesState;
}

export interface TopicExample {
  subject?: string | null;
  summary?: string | null;
  topic?: string | null;
}

export class TopicModel {
  private readonly nb: NaiveBayes;

  private constructor(nb: NaiveBayes) {
    this.nb = nb;
  }

  static train(examples: TopicExample[]): TopicModel {
    const m = new TopicModel(new NaiveBayes());
    for (const e of examples) m.update(e);
    return m;
  }

  static fromJSON(state: unknown): TopicModel {
    if (typeof state !== 'object' || state === null || (state as { version?: unknown }).version !== 1) {
      throw new OcrError('OCR_MODEL_INVALID', 'not a topic model state');
    }
    return new TopicModel(new NaiveBayes(structuredClone((state as TopicModelState).nb)));
  }

  update(e: TopicExample): void {
    if (e.topic) this.nb.add(e.topic, featuresOf(`${e.subject ?? ''} ${e.subject ?? ''} ${e.summary ?? ''}`));
  }

  /** Best topic of a letter's text with its posterior; null when the model knows nothing or is unsure. */
  predict(text: string, minScore = 0.35): { label: string; score: number } | null {
    const [best] = this.nb.posterior(featuresOf(text));
    if (!best || best.p < minScore) return null;
    return { label: best.label, score: Math.round(best.p * 1000) / 1000 };
  }

  toJSON(): TopicModelState {
    return { version: 1, nb: this.nb.toJSON() };
  }
}
