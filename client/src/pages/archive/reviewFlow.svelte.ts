import type { ExpertReview, ReviewDecision } from '../../api/archiveEndpoints.ts';
import { t } from '../../i18n/locale.svelte.ts';
import type { ArchiveAction } from './archiveAction.svelte.ts';

interface Reviewed {
  review: ExpertReview | null;
}

/**
 * The expert commission's step (ЭПК) of a section's drafts: submitting one, and the dialog that records the
 * commission's decision on it. Inventories and destruction acts share it; each passes its own API and label.
 */
export class ReviewFlow<T extends Reviewed> {
  target = $state<T | null>(null);
  open = $state(false);

  constructor(
    private readonly action: ArchiveAction,
    private readonly api: { submitForReview: (doc: T) => Promise<unknown>; recordReview: (doc: T, decision: ReviewDecision) => Promise<unknown> },
    readonly label: (doc: T) => string,
  ) {}

  get title(): string {
    return t('archive.review.decideTitle', { document: this.target ? this.label(this.target) : '' });
  }

  submit = (doc: T): Promise<boolean> =>
    this.action.perform(async () => {
      await this.api.submitForReview(doc);
      return t('archive.review.submitted', { document: this.label(doc) });
    });

  ask = (doc: T): void => {
    this.target = doc;
    this.open = true;
  };

  record = (decision: ReviewDecision): Promise<boolean> =>
    this.action.perform(async () => {
      const doc = this.target;
      if (!doc) return '';
      await this.api.recordReview(doc, decision);
      this.open = false;
      return t(decision.decision === 'agreed' ? 'archive.review.recordedAgreed' : 'archive.review.recordedReturned', { document: this.label(doc) });
    });
}
