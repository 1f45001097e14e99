// Executor (and department) suggestion learned from the organisation's own resolution history, plus the
// resolution text of the most similar past cards.
//
// How a card is routed, as learned from history (nothing about the organisation is built in):
//  1. a sender whose letters always went to one person keeps going there, whatever the topic;
//  2. otherwise the words (subject, summary) and the sender's kind/type choose the department (naive Bayes),
//  3. and inside the department the most similar past cards vote for the person, smoothed towards how the
//     department shares its work (who gets most of it); people on their recurring yearly leave, or who have
//     stopped receiving work at all, are not proposed, nor those the caller knows to be away (recorded absences).
// The state is the routed cards themselves (plain JSON, capped), so learning one more card is an append and
// the derived tables are rebuilt lazily.
import { OcrError } from '../errors.ts';
import { dayOfYear, inRange, learnAbsences, type DayRange } from './absences.ts';
import { featuresOf, normName } from './features.ts';
import { NaiveBayes } from './naiveBayes.ts';
import { SimilarCards } from './similarCards.ts';

export interface RoutedCard {
  id?: string;
  registeredAt?: string | null;
  kind?: string | null;
  correspondent?: string | null;
  correspondentType?: string | null;
  /** the correspondent's INN when known: identifies a sender better than a name spelled two ways */
  inn?: string | null;
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

interface StoredCard {
  id: string | null;
  day: string | null;
  kind: string | null;
  ctype: string | null;
  sender: string;
  inn: string | null;
  subject: string;
  summary: string;
  department: string | null;
  executor: string;
  resolution: string | null;
}

export interface ExecutorModelState {
  version: 2;
  /** the routed cards learned, oldest first, at most MAX_CARDS */
  cards: StoredCard[];
  trained: number;
}

/** Oldest cards are forgotten beyond this: the routing of years ago says little about today's staff. */
const MAX_CARDS = 8000;
/** Neighbours that vote for a person inside a department. */
const NEIGHBOURS = 40;
/** Weight (in cards) of the department's overall sharing of work against the neighbours' vote. */
const DEPARTMENT_PRIOR = 2;
/** Share of a sender's letters that must have gone to one person for the sender rule to apply. */
const SENDER_SHARE = 0.75;
const SENDER_MIN_CARDS = 3;
/** Factor for a person on recurring leave, or no longer receiving work. */
const AWAY = 0.02;

interface SenderStats {
  executor: string;
  share: number;
  total: number;
}

function textOf(c: { subject?: string | null; summary?: string | null }): string {
  return `${c.subject ?? ''} ${c.summary ?? ''}`;
}

function cardFeatures(c: { subject?: string | null; summary?: string | null; kind?: string | null; ctype?: string | null }): string[] {
  const f = featuresOf(textOf(c));
  if (c.kind) f.push(`kind:${c.kind}`);
  if (c.ctype) f.push(`ctype:${c.ctype}`);
  return f;
}

function senderKeys(c: { sender: string; inn: string | null }): string[] {
  const keys: string[] = [];
  if (c.inn) keys.push(`inn:${c.inn}`);
  if (c.sender) keys.push(`name:${c.sender}`);
  return keys;
}

function toStored(card: RoutedCard): StoredCard {
  return {
    id: card.id ?? null,
    day: /^\d{4}-\d{2}-\d{2}/.exec(card.registeredAt ?? '')?.[0] ?? null,
    kind: card.kind ?? null,
    ctype: card.correspondentType ?? null,
    sender: normName(card.correspondent),
    inn: card.inn?.replace(/\D/g, '') || null,
    subject: card.subject ?? '',
    summary: card.summary ?? '',
    department: card.department ?? null,
    executor: card.executor,
    resolution: card.resolution?.trim() || null,
  };
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

function increment<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** Everything suggest() needs, derived from the stored cards. */
class Derived {
  readonly features: string[][];
  readonly senders = new Map<string, Map<string, number>>();
  readonly home = new Map<string, string>();
  readonly inPool: boolean[];
  readonly group: string[];
  readonly departments = new NaiveBayes();
  readonly sharing = new Map<string, Map<string, number>>();
  readonly similar: SimilarCards;
  readonly absences: Map<string, DayRange>;
  readonly inactive = new Set<string>();

  constructor(readonly cards: StoredCard[]) {
    this.features = cards.map((c) => cardFeatures(c));
    const deptCounts = new Map<string, Map<string, number>>();
    for (const c of cards) {
      for (const k of senderKeys(c)) {
        let m = this.senders.get(k);
        if (!m) this.senders.set(k, (m = new Map()));
        increment(m, c.executor);
      }
      if (c.department) {
        let m = deptCounts.get(c.executor);
        if (!m) deptCounts.set(c.executor, (m = new Map()));
        increment(m, c.department);
      }
    }
    for (const [e, m] of deptCounts) this.home.set(e, [...m].sort((a, b) => b[1] - a[1])[0]![0]);
    // Letters explained by the sender rule say nothing about how topics are routed.
    this.inPool = cards.map((c) => !this.loyalSender(c));
    this.group = cards.map((c) => c.department ?? this.home.get(c.executor) ?? '');
    cards.forEach((c, i) => {
      if (!this.inPool[i]) return;
      this.departments.add(this.group[i]!, this.features[i]!);
      let m = this.sharing.get(this.group[i]!);
      if (!m) this.sharing.set(this.group[i]!, (m = new Map()));
      increment(m, c.executor);
    });
    this.similar = new SimilarCards(this.features);
    const dated = cards.flatMap((c, i) => {
      const day = dayOfYear(c.day);
      return this.inPool[i] && day !== null ? [{ day, executor: c.executor, group: this.group[i]! }] : [];
    });
    this.absences = learnAbsences(dated);
    this.findInactive();
  }

  loyalSender(c: { sender: string; inn: string | null }): SenderStats | null {
    for (const k of senderKeys(c)) {
      const m = this.senders.get(k);
      if (!m) continue;
      let total = 0;
      let best: [string, number] = ['', 0];
      for (const [e, n] of m) {
        total += n;
        if (n > best[1]) best = [e, n];
      }
      if (total >= SENDER_MIN_CARDS && best[1] / total >= SENDER_SHARE) return { executor: best[0], share: best[1] / total, total };
      if (total >= SENDER_MIN_CARDS) return null;
    }
    return null;
  }

  /** People whose work stopped: nothing for far longer than their usual interval (left, moved, long leave). */
  private findInactive(): void {
    const dated = this.cards.filter((c) => c.day !== null);
    if (dated.length === 0) return;
    const newest = dated.reduce((a, c) => (c.day! > a ? c.day! : a), dated[0]!.day!);
    const oldest = dated.reduce((a, c) => (c.day! < a ? c.day! : a), dated[0]!.day!);
    const span = Math.max(1, daysBetween(oldest, newest));
    const last = new Map<string, string>();
    const count = new Map<string, number>();
    for (const c of dated) {
      if ((last.get(c.executor) ?? '') < c.day!) last.set(c.executor, c.day!);
      increment(count, c.executor);
    }
    for (const [e, day] of last) {
      const interval = span / count.get(e)!;
      if (daysBetween(day, newest) > Math.max(90, 6 * interval)) this.inactive.add(e);
    }
  }

  availability(executor: string, day: number | null): number {
    if (this.inactive.has(executor)) return AWAY;
    const away = this.absences.get(executor);
    return away && day !== null && inRange(away, day) ? AWAY : 1;
  }
}

const NOBODY: ReadonlySet<string> = new Set();

export class ExecutorModel {
  private readonly state: ExecutorModelState;
  private derived: Derived | null = null;

  private constructor(state: ExecutorModelState) {
    this.state = state;
  }

  static empty(): ExecutorModel {
    return new ExecutorModel({ version: 2, cards: [], trained: 0 });
  }

  static train(history: RoutedCard[]): ExecutorModel {
    const m = ExecutorModel.empty();
    for (const c of history) m.update(c);
    return m;
  }

  /** Throws OCR_MODEL_INVALID for anything but a current state (an older state must be retrained). */
  static fromJSON(state: unknown): ExecutorModel {
    if (typeof state !== 'object' || state === null || (state as { version?: unknown }).version !== 2 || !Array.isArray((state as { cards?: unknown }).cards)) {
      throw new OcrError('OCR_MODEL_INVALID', 'not an executor model state of the current version');
    }
    return new ExecutorModel(structuredClone(state as ExecutorModelState));
  }

  toJSON(): ExecutorModelState {
    return this.state;
  }

  get trained(): number {
    return this.state.trained;
  }

  /** Adds one routed card: the incremental step a retraining job runs for each newly registered card. */
  update(card: RoutedCard): void {
    if (!card.executor) return;
    this.state.cards.push(toStored(card));
    if (this.state.cards.length > MAX_CARDS) this.state.cards.splice(0, this.state.cards.length - MAX_CARDS);
    this.state.trained++;
    this.derived = null;
  }

  private get index(): Derived {
    return (this.derived ??= new Derived(this.state.cards));
  }

  departmentOf(executor: string): string | null {
    return this.index.home.get(executor) ?? null;
  }

  /** The learned recurring yearly absence of a person, [first, last] day of the year (0-based). */
  absenceOf(executor: string): DayRange | null {
    return this.index.absences.get(executor) ?? null;
  }

  /**
   * `absent`: people known to be away on the card's day (the organisation's recorded absences), weighed down as a
   * learned yearly leave is; a loyal sender's usual person who is away does not take the card either.
   */
  suggest(card: CardToRoute, k = 3, minScore = 0.2, absent: ReadonlySet<string> = NOBODY): SuggestResult {
    const ix = this.index;
    if (ix.cards.length === 0) return { suggestions: [], abstain: true };
    const features = cardFeatures({ ...card, ctype: card.correspondentType ?? null });
    const day = dayOfYear(card.registeredAt);
    const scores = this.byDepartment(features, day, k);
    // After the departments' shares, not inside them: the only person of a department who is away gives way to
    // people elsewhere who have handled such cards.
    for (const e of absent) if (scores.has(e)) scores.set(e, scores.get(e)! * AWAY);
    const sender = ix.loyalSender({ sender: normName(card.correspondent), inn: card.inn?.replace(/\D/g, '') || null });
    if (sender && !absent.has(sender.executor)) {
      const w = Math.min(0.95, sender.share * (sender.total / (sender.total + 1)));
      for (const [e, p] of scores) scores.set(e, p * (1 - w));
      increment(scores, sender.executor, w);
    }
    const z = [...scores.values()].reduce((a, b) => a + b, 0) || 1;
    const suggestions = [...scores]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k)
      .map(([executor, p]) => ({ executor, department: this.departmentOf(executor), score: Math.round((p / z) * 1000) / 1000 }));
    return { suggestions, abstain: !suggestions[0] || suggestions[0].score < minScore };
  }

  /** P(person) = Σ over likely departments of P(department | words) · P(person | department, similar cards). */
  private byDepartment(features: string[], day: number | null, k: number): Map<string, number> {
    const ix = this.index;
    const scores = new Map<string, number>();
    const ranked = ix.similar.ranked(features, (i) => ix.inPool[i]!);
    let mass = 0;
    for (const { label: dept, p } of ix.departments.posterior(features)) {
      // Unlikely departments still fill the list up to k: a letter is sometimes sent somewhere unexpected.
      if (mass > 0.995 && scores.size >= k) break;
      mass += p;
      const votes = new Map<string, number>();
      let voted = 0;
      let n = 0;
      for (const nb of ranked) {
        if (ix.group[nb.index] !== dept) continue;
        increment(votes, ix.cards[nb.index]!.executor, nb.similarity);
        voted += nb.similarity;
        if (++n >= NEIGHBOURS) break;
      }
      const sharing = ix.sharing.get(dept);
      if (!sharing) continue;
      const total = [...sharing.values()].reduce((a, b) => a + b, 0);
      const dist = new Map<string, number>();
      let z = 0;
      for (const [e, cnt] of sharing) {
        const v = (((votes.get(e) ?? 0) + (DEPARTMENT_PRIOR * cnt) / total) / (voted + DEPARTMENT_PRIOR)) * ix.availability(e, day);
        dist.set(e, v);
        z += v;
      }
      for (const [e, v] of dist) increment(scores, e, (p * v) / (z || 1));
    }
    return scores;
  }

  /**
   * Resolution text for a new card from the most similar past cards: the text the nearest `k` cards agree on
   * most (similarity-weighted), or null when no past card with a resolution is at least `minScore` similar.
   */
  suggestResolution(card: CardToRoute, minScore = 0.35, k = 5): ResolutionSuggestion | null {
    const ix = this.index;
    const near = ix.similar.ranked(cardFeatures({ ...card, ctype: card.correspondentType ?? null }), (i) => ix.cards[i]!.resolution !== null).slice(0, k);
    const groups = new Map<string, { text: string; weight: number; best: number; fromId: string | null }>();
    for (const { index, similarity } of near) {
      if (similarity < minScore) break;
      const c = ix.cards[index]!;
      const key = normName(c.resolution);
      const g = groups.get(key);
      if (!g) groups.set(key, { text: c.resolution!, weight: similarity, best: similarity, fromId: c.id });
      else g.weight += similarity;
    }
    const best = [...groups.values()].sort((a, b) => b.weight - a.weight)[0];
    return best ? { text: best.text, score: Math.round(best.best * 1000) / 1000, fromId: best.fromId } : null;
  }
}
