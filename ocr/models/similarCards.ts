// Nearest past cards by TF-IDF cosine over the same features the classifiers use: the "cards like this one"
// that vote for a person inside a department and lend their resolution text.

export interface Neighbour {
  index: number;
  similarity: number;
}

type Vector = Map<string, number>;

export class SimilarCards {
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly size: number;

  /** `docs[i]` are the features of card i (oldest first). */
  constructor(docs: string[][]) {
    const sets = docs.map((d) => new Set(d));
    this.size = sets.length;
    for (const s of sets) for (const f of s) this.df.set(f, (this.df.get(f) ?? 0) + 1);
    sets.forEach((s, i) => {
      for (const [f, w] of this.vector(s)) {
        let list = this.postings.get(f);
        if (!list) this.postings.set(f, (list = []));
        list.push([i, w]);
      }
    });
  }

  private vector(features: Iterable<string>): Vector {
    const v: Vector = new Map();
    let norm = 0;
    for (const f of new Set(features)) {
      const df = this.df.get(f);
      if (!df) continue;
      const w = Math.log((this.size + 1) / (df + 1)) + 1e-3;
      v.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [f, w] of v) v.set(f, w / norm);
    return v;
  }

  /** Every card sharing a feature with the query (and passing `include`), most similar first, newer first among equals. */
  ranked(features: string[], include: (i: number) => boolean = () => true): Neighbour[] {
    const sims = new Map<number, number>();
    for (const [f, w] of this.vector(features)) {
      for (const [i, x] of this.postings.get(f) ?? []) if (include(i)) sims.set(i, (sims.get(i) ?? 0) + w * x);
    }
    return [...sims].map(([index, similarity]) => ({ index, similarity })).sort((a, b) => b.similarity - a.similarity || b.index - a.index);
  }
}
