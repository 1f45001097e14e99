// The expert commission's review (согласование с ЭПК / ЭК) of inventories and destruction acts: the one place
// that says which review step may follow which. A draft is submitted to the commission; the commission's secretary
// records its decision from the meeting's protocol (number and date): agreed — the head may now approve — or
// returned with remarks — the draft may be edited and submitted again. While submitted or agreed, the draft is
// frozen for editing: what the commission agreed is what the head approves.
import type { Actor } from '../http/actor.ts';
import { AppError } from '../http/problem.ts';
import type { ExpertReviewColumns, ReviewStatus } from '../models/Inventory.ts';
import { today } from '../records/today.ts';

/** What is reviewed: an inventory or a destruction act, in its draft state. */
export type Reviewable = { status: string } & Pick<ExpertReviewColumns, 'reviewStatus' | 'reviewDecidedByName' | 'reviewDecidedAt' | 'reviewProtocolNumber' | 'reviewProtocolDate'>;

export type ReviewStep = 'edit' | 'submit' | 'decide' | 'approve';

/** The review states each step may start from (the document itself must still be a draft). */
const allowedFrom: Record<ReviewStep, readonly (ReviewStatus | null)[]> = {
  edit: [null, 'returned'],
  submit: [null, 'returned'],
  decide: ['submitted'],
  approve: ['agreed'],
};

export const reviewStatusNames: Record<ReviewStatus | 'none', { ru: string; en: string }> = {
  none: { ru: 'не представлен в ЭПК', en: 'not submitted to the expert commission' },
  submitted: { ru: 'на рассмотрении ЭПК', en: 'under the expert commission’s review' },
  agreed: { ru: 'согласован ЭПК', en: 'agreed by the expert commission' },
  returned: { ru: 'возвращён ЭПК с замечаниями', en: 'returned by the expert commission with remarks' },
};

const stepNames: Record<ReviewStep, { ru: string; en: string }> = {
  edit: { ru: 'изменить проект', en: 'edit the draft' },
  submit: { ru: 'представить на ЭПК', en: 'submit to the expert commission' },
  decide: { ru: 'записать решение ЭПК', en: 'record the expert commission’s decision' },
  approve: { ru: 'утвердить', en: 'approve' },
};

export function canTakeReviewStep(doc: Pick<Reviewable, 'status' | 'reviewStatus'>, step: ReviewStep): boolean {
  return doc.status === 'draft' && allowedFrom[step].includes(doc.reviewStatus);
}

/**
 * Refuses a step the review state does not allow. Approval without the commission's agreement is
 * `EXPERT_REVIEW_REQUIRED`; anything else out of turn is `EXPERT_REVIEW_STATE`. The caller has already refused
 * documents that are not drafts with its own code (INVENTORY_NOT_DRAFT, DESTRUCTION_ACT_STATE).
 */
export function assertReviewStep(doc: Pick<Reviewable, 'status' | 'reviewStatus'>, step: ReviewStep): void {
  if (canTakeReviewStep(doc, step)) return;
  const state = reviewStatusNames[doc.reviewStatus ?? 'none'];
  if (step === 'approve') {
    throw new AppError('EXPERT_REVIEW_REQUIRED', {
      ru: `Утвердить можно только после согласования с ЭПК; сейчас документ ${state.ru}`,
      en: `Approval needs the expert commission’s agreement first; the document is ${state.en}`,
      extensions: { reviewStatus: doc.reviewStatus },
    });
  }
  throw new AppError('EXPERT_REVIEW_STATE', {
    ru: `Нельзя ${stepNames[step].ru}: документ ${state.ru}`,
    en: `Cannot ${stepNames[step].en}: the document is ${state.en}`,
    extensions: { reviewStatus: doc.reviewStatus, step },
  });
}

/** The columns a submission sets: a new round, the previous decision cleared (the audit log keeps it). */
export function submissionPatch(actor: Actor) {
  return {
    reviewStatus: 'submitted' as const,
    reviewSubmittedBy: actor.userId,
    reviewSubmittedAt: new Date(),
    reviewDecidedBy: null,
    reviewDecidedByName: null,
    reviewDecidedAt: null,
    reviewProtocolNumber: null,
    reviewProtocolDate: null,
    reviewRemarks: null,
    updatedAt: new Date(),
  };
}

export interface ReviewDecision {
  decision: 'agreed' | 'returned';
  protocolNumber: string;
  /** YYYY-MM-DD: the day of the commission's meeting */
  protocolDate: string;
  remarks?: string | undefined;
}

/** Validates the decision and gives the columns it sets. */
export function decisionPatch(actor: Actor, input: ReviewDecision) {
  const protocolNumber = input.protocolNumber.trim();
  const remarks = input.remarks?.trim() || null;
  if (protocolNumber === '') throw new AppError('EXPERT_PROTOCOL_INVALID', { ru: 'Укажите номер протокола ЭПК', en: 'Give the number of the commission’s protocol' });
  if (input.protocolDate > today()) throw new AppError('EXPERT_PROTOCOL_INVALID', { ru: 'Дата протокола ЭПК не может быть позже сегодняшней', en: 'The protocol cannot be dated after today' });
  if (input.decision === 'returned' && !remarks) throw new AppError('EXPERT_REMARKS_REQUIRED');
  return {
    reviewStatus: input.decision,
    reviewDecidedBy: actor.userId,
    reviewDecidedByName: actor.fullName,
    reviewDecidedAt: new Date(),
    reviewProtocolNumber: protocolNumber,
    reviewProtocolDate: input.protocolDate,
    reviewRemarks: remarks,
    updatedAt: new Date(),
  };
}

/** What the frozen content and the printed form carry of the agreement (the «СОГЛАСОВАНО» block). */
export interface ReviewAgreement {
  protocolNumber: string;
  protocolDate: string;
  recordedBy: string;
  recordedAt: string;
}

export function agreementOf(doc: Reviewable): ReviewAgreement | null {
  if (doc.reviewStatus !== 'agreed' || !doc.reviewProtocolNumber || !doc.reviewProtocolDate || !doc.reviewDecidedAt) return null;
  return {
    protocolNumber: doc.reviewProtocolNumber,
    protocolDate: doc.reviewProtocolDate,
    recordedBy: doc.reviewDecidedByName ?? '',
    recordedAt: doc.reviewDecidedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The audit payload of a review step: which document, which round, what the commission said. */
export function reviewAuditPayload(label: string, after: { reviewStatus: ReviewStatus | null; reviewProtocolNumber: string | null; reviewProtocolDate: string | null; reviewRemarks: string | null }) {
  return { document: label, reviewStatus: after.reviewStatus, protocolNumber: after.reviewProtocolNumber, protocolDate: after.reviewProtocolDate, remarks: after.reviewRemarks };
}
