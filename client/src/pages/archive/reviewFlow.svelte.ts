import type { ExpertReview, ReviewDecision } from '../../api/archiveEndpoints.ts';
import { t } from '../../i18n/locale.svelte.ts';
import type { MessageKey } from '../../i18n/ru.ts';
import type { ArchiveAction } from './archiveAction.svelte.ts';

interface Reviewed {
  review: ExpertReview | null;
}

/** The messages of one commission's step: the organisation's ЭПК by default, the archive's ЭПК for inventories. */
export interface ReviewMessages {
  title: MessageKey;
  submitted: MessageKey;
  agreed: MessageKey;
  returned: MessageKey;
}

const ORGANISATION: ReviewMessages = {
  title: 'archive.review.decideTitle',
  submitted: 'archive.review.submitted',
  agreed: 'archive.review.recordedAgreed',
  returned: 'archive.review.recordedReturned',
};

export const ARCHIVE_COMMISSION: ReviewMessages = {
  title: 'archive.review.decideArchiveTitle',
  submitted: 'archive.review.submittedArchive',
  agreed: 'archive.review.recordedArchiveAgreed',
  returned: 'archive.review.recordedArchiveReturned',
};

/**
 * An expert commission's step (ЭПК) of a section's drafts: submitting one, and the dialog that records the
 * commission's decision on it. Inventories and destruction acts share it; each passes its own API and label, and the
 * archive's commission (inventories of permanent and personnel cases) its own messages.
 */
export class ReviewFlow<T extends Reviewed> {
  target = $state<T | null>(null);
  open = $state(false);

  constructor(
    private readonly action: ArchiveAction,
    private readonly api: { submitForReview: (doc: T) => Promise<unknown>; recordReview: (doc: T, decision: ReviewDecision) => Promise<unknown> },
    readonly label: (doc: T) => string,
    private readonly messages: ReviewMessages = ORGANISATION,
  ) {}

  get title(): string {
    return t(this.messages.title, { document: this.target ? this.label(this.target) : '' });
  }

  submit = (doc: T): Promise<boolean> =>
    this.action.perform(async () => {
      await this.api.submitForReview(doc);
      return t(this.messages.submitted, { document: this.label(doc) });
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
      return t(decision.decision === 'agreed' ? this.messages.agreed : this.messages.returned, { document: this.label(doc) });
    });
}
