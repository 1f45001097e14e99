// The expert commissions' review (согласование с ЭПК / ЭК) of inventories and destruction acts: the one place that
// says which review step may follow which. A draft is submitted to the organisation's commission; its secretary
// records the decision from the meeting's protocol (number and date): agreed, or returned with remarks — the draft
// may be edited and submitted again. An inventory of permanent cases or of personnel cases then goes to the
// expert-verification commission of the state (municipal) archive (ЭПК архивного учреждения, Правила 2020), whose
// protocol is recorded the same way; a return from it sends the draft back to editing and through both commissions
// again. Only then may the head approve. Long-term inventories and destruction acts need the organisation's
// commission alone. While under review or agreed, a draft is frozen for editing: what the commissions agreed is what
// the head approves.
import type { Actor } from '../http/actor.ts';
import { AppError } from '../http/problem.ts';
import type { ArchiveReviewColumns, ExpertReviewColumns, InventoryKind, ReviewStatus } from '../models/Inventory.ts';
import { today } from '../records/today.ts';

/** What is reviewed: an inventory (with its kind and the archive's columns) or a destruction act, in its draft state. */
export type Reviewable = { status: string; kind?: InventoryKind } & Pick<ExpertReviewColumns, 'reviewStatus' | 'reviewDecidedByName' | 'reviewDecidedAt' | 'reviewProtocolNumber' | 'reviewProtocolDate'> &
  Partial<Pick<ArchiveReviewColumns, 'archiveReviewRequired' | 'archiveReviewStatus' | 'archiveReviewCommission' | 'archiveReviewDecidedByName' | 'archiveReviewDecidedAt' | 'archiveReviewProtocolNumber' | 'archiveReviewProtocolDate'>>;

type StageOf = Pick<Reviewable, 'status' | 'kind' | 'reviewStatus' | 'archiveReviewStatus' | 'archiveReviewRequired'>;

export type ReviewStep = 'edit' | 'submit' | 'decide' | 'submitToArchive' | 'decideByArchive' | 'approve';

/** Where a draft stands: with the organisation's commission, then (some inventories) with the archive's. */
export type ReviewStage = 'none' | 'submitted' | 'agreed' | 'returned' | 'archive_submitted' | 'archive_agreed' | 'archive_returned';

export function reviewStage(doc: Pick<StageOf, 'reviewStatus' | 'archiveReviewStatus'>): ReviewStage {
  if (doc.archiveReviewStatus) return `archive_${doc.archiveReviewStatus}`;
  return doc.reviewStatus ?? 'none';
}

/**
 * Inventories of permanent and of personnel cases are agreed by the archive's commission too (long-term ones are
 * not) — when the organisation is a source of acquisition of that archive; otherwise its own commission suffices.
 */
export function needsArchiveReview(doc: Pick<StageOf, 'kind' | 'archiveReviewRequired'>): boolean {
  return (doc.kind === 'permanent' || doc.kind === 'personnel') && doc.archiveReviewRequired !== false;
}

/** The stages each step may start from (the document itself must still be a draft). */
function allowedFrom(doc: StageOf, step: ReviewStep): readonly ReviewStage[] {
  const archive = needsArchiveReview(doc);
  switch (step) {
    case 'edit':
    case 'submit':
      return ['none', 'returned', 'archive_returned'];
    case 'decide':
      return ['submitted'];
    case 'submitToArchive':
      return archive ? ['agreed'] : [];
    case 'decideByArchive':
      return archive ? ['archive_submitted'] : [];
    case 'approve':
      return archive ? ['archive_agreed'] : ['agreed'];
  }
}

export const reviewStageNames: Record<ReviewStage, { ru: string; en: string }> = {
  none: { ru: 'не представлен в ЭПК', en: 'not submitted to the expert commission' },
  submitted: { ru: 'на рассмотрении ЭПК', en: 'under the expert commission’s review' },
  agreed: { ru: 'согласован ЭПК организации', en: 'agreed by the organisation’s expert commission' },
  returned: { ru: 'возвращён ЭПК с замечаниями', en: 'returned by the expert commission with remarks' },
  archive_submitted: { ru: 'на рассмотрении ЭПК архивного учреждения', en: 'under the archive’s expert commission’s review' },
  archive_agreed: { ru: 'согласован ЭПК архивного учреждения', en: 'agreed by the archive’s expert commission' },
  archive_returned: { ru: 'возвращён ЭПК архивного учреждения с замечаниями', en: 'returned by the archive’s expert commission with remarks' },
};

const stepNames: Record<ReviewStep, { ru: string; en: string }> = {
  edit: { ru: 'изменить проект', en: 'edit the draft' },
  submit: { ru: 'представить на ЭПК', en: 'submit to the expert commission' },
  decide: { ru: 'записать решение ЭПК', en: 'record the expert commission’s decision' },
  submitToArchive: { ru: 'представить на ЭПК архивного учреждения', en: 'submit to the archive’s expert commission' },
  decideByArchive: { ru: 'записать решение ЭПК архивного учреждения', en: 'record the archive’s expert commission’s decision' },
  approve: { ru: 'утвердить', en: 'approve' },
};

export function canTakeReviewStep(doc: StageOf, step: ReviewStep): boolean {
  return doc.status === 'draft' && allowedFrom(doc, step).includes(reviewStage(doc));
}

/**
 * Refuses a step the review state does not allow. Approval without the agreements it needs is
 * `EXPERT_REVIEW_REQUIRED`; the archive's step for a document that has none is `ARCHIVE_REVIEW_NOT_REQUIRED`; anything
 * else out of turn is `EXPERT_REVIEW_STATE`. The caller has already refused documents that are not drafts with its
 * own code (INVENTORY_NOT_DRAFT, DESTRUCTION_ACT_STATE).
 */
export function assertReviewStep(doc: StageOf, step: ReviewStep): void {
  if (canTakeReviewStep(doc, step)) return;
  const stage = reviewStage(doc);
  const state = reviewStageNames[stage];
  const archive = needsArchiveReview(doc);
  if (step === 'approve') {
    throw new AppError('EXPERT_REVIEW_REQUIRED', {
      ru: archive
        ? `Опись дел ${doc.kind === 'personnel' ? 'по личному составу' : 'постоянного хранения'} утверждается после согласования с ЭПК организации и с ЭПК архивного учреждения; сейчас документ ${state.ru}`
        : `Утвердить можно только после согласования с ЭПК; сейчас документ ${state.ru}`,
      en: archive
        ? `An inventory of ${doc.kind === 'personnel' ? 'personnel' : 'permanent'} cases is approved after both the organisation’s and the archive’s expert commissions agreed it; the document is ${state.en}`
        : `Approval needs the expert commission’s agreement first; the document is ${state.en}`,
      extensions: { reviewStatus: doc.reviewStatus, reviewStage: stage, archiveReviewRequired: archive },
    });
  }
  if ((step === 'submitToArchive' || step === 'decideByArchive') && !archive) {
    if (doc.kind === 'permanent' || doc.kind === 'personnel') {
      throw new AppError('ARCHIVE_REVIEW_NOT_REQUIRED', {
        ru: 'Организация не является источником комплектования архива: опись утверждается после согласования с ЭПК организации',
        en: 'The organisation is not a source of acquisition of an archive: the inventory is approved after its own expert commission agreed it',
        extensions: { kind: doc.kind, acquisitionSource: false },
      });
    }
    throw new AppError('ARCHIVE_REVIEW_NOT_REQUIRED', { extensions: { kind: doc.kind ?? null } });
  }
  throw new AppError('EXPERT_REVIEW_STATE', {
    ru: `Нельзя ${stepNames[step].ru}: документ ${state.ru}`,
    en: `Cannot ${stepNames[step].en}: the document is ${state.en}`,
    extensions: { reviewStatus: doc.reviewStatus, reviewStage: stage, step },
  });
}

/** The archive's columns as before any round (an inventory's new submission starts both rounds afresh). */
export const archiveReviewCleared = {
  archiveReviewStatus: null,
  archiveReviewCommission: null,
  archiveReviewSubmittedBy: null,
  archiveReviewSubmittedAt: null,
  archiveReviewDecidedBy: null,
  archiveReviewDecidedByName: null,
  archiveReviewDecidedAt: null,
  archiveReviewProtocolNumber: null,
  archiveReviewProtocolDate: null,
  archiveReviewRemarks: null,
} as const;

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

interface CheckedDecision {
  status: 'agreed' | 'returned';
  protocolNumber: string;
  protocolDate: string;
  remarks: string | null;
}

function checkDecision(input: ReviewDecision, notBefore: string | null): CheckedDecision {
  const protocolNumber = input.protocolNumber.trim();
  const remarks = input.remarks?.trim() || null;
  if (protocolNumber === '') throw new AppError('EXPERT_PROTOCOL_INVALID', { ru: 'Укажите номер протокола ЭПК', en: 'Give the number of the commission’s protocol' });
  if (input.protocolDate > today()) throw new AppError('EXPERT_PROTOCOL_INVALID', { ru: 'Дата протокола ЭПК не может быть позже сегодняшней', en: 'The protocol cannot be dated after today' });
  if (notBefore && input.protocolDate < notBefore) {
    throw new AppError('EXPERT_PROTOCOL_INVALID', {
      ru: `Протокол ЭПК архивного учреждения не может быть датирован раньше протокола ЭПК организации (${notBefore})`,
      en: `The archive commission’s protocol cannot be dated before the organisation commission’s (${notBefore})`,
    });
  }
  if (input.decision === 'returned' && !remarks) throw new AppError('EXPERT_REMARKS_REQUIRED');
  return { status: input.decision, protocolNumber, protocolDate: input.protocolDate, remarks };
}

/** Validates the organisation commission's decision and gives the columns it sets. */
export function decisionPatch(actor: Actor, input: ReviewDecision) {
  const d = checkDecision(input, null);
  return {
    reviewStatus: d.status,
    reviewDecidedBy: actor.userId,
    reviewDecidedByName: actor.fullName,
    reviewDecidedAt: new Date(),
    reviewProtocolNumber: d.protocolNumber,
    reviewProtocolDate: d.protocolDate,
    reviewRemarks: d.remarks,
    updatedAt: new Date(),
  };
}

export const DEFAULT_ARCHIVE_COMMISSION = 'ЭПК архивного учреждения';

/** The columns sending an agreed inventory to the archive's commission sets (named as on the covering letter). */
export function archiveSubmissionPatch(actor: Actor, commission: string | undefined) {
  return {
    archiveReviewStatus: 'submitted' as const,
    archiveReviewCommission: commission?.trim() || DEFAULT_ARCHIVE_COMMISSION,
    archiveReviewSubmittedBy: actor.userId,
    archiveReviewSubmittedAt: new Date(),
    updatedAt: new Date(),
  };
}

/** Validates the archive commission's decision (not dated before the organisation's) and gives the columns it sets. */
export function archiveDecisionPatch(actor: Actor, doc: Pick<Reviewable, 'reviewProtocolDate'>, input: ReviewDecision) {
  const d = checkDecision(input, doc.reviewProtocolDate);
  return {
    archiveReviewStatus: d.status,
    archiveReviewDecidedBy: actor.userId,
    archiveReviewDecidedByName: actor.fullName,
    archiveReviewDecidedAt: new Date(),
    archiveReviewProtocolNumber: d.protocolNumber,
    archiveReviewProtocolDate: d.protocolDate,
    archiveReviewRemarks: d.remarks,
    updatedAt: new Date(),
  };
}

/** What the frozen content and the printed form carry of an agreement (a «СОГЛАСОВАНО» block). */
export interface ReviewAgreement {
  protocolNumber: string;
  protocolDate: string;
  recordedBy: string;
  recordedAt: string;
}

const seconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function agreementOf(doc: Reviewable): ReviewAgreement | null {
  // Once the archive's commission is involved, the organisation's decision stays 'agreed' underneath.
  if (doc.reviewStatus !== 'agreed' || !doc.reviewProtocolNumber || !doc.reviewProtocolDate || !doc.reviewDecidedAt) return null;
  return { protocolNumber: doc.reviewProtocolNumber, protocolDate: doc.reviewProtocolDate, recordedBy: doc.reviewDecidedByName ?? '', recordedAt: seconds(doc.reviewDecidedAt) };
}

/** The archive commission's agreement, with the commission's name as it is printed. */
export function archiveAgreementOf(doc: Reviewable): (ReviewAgreement & { commission: string }) | null {
  if (doc.archiveReviewStatus !== 'agreed' || !doc.archiveReviewProtocolNumber || !doc.archiveReviewProtocolDate || !doc.archiveReviewDecidedAt) return null;
  return {
    commission: doc.archiveReviewCommission ?? DEFAULT_ARCHIVE_COMMISSION,
    protocolNumber: doc.archiveReviewProtocolNumber,
    protocolDate: doc.archiveReviewProtocolDate,
    recordedBy: doc.archiveReviewDecidedByName ?? '',
    recordedAt: seconds(doc.archiveReviewDecidedAt),
  };
}

/** The audit payload of a review step: which document, which round, what the commission said. */
export function reviewAuditPayload(label: string, after: { reviewStatus: ReviewStatus | null; reviewProtocolNumber: string | null; reviewProtocolDate: string | null; reviewRemarks: string | null }) {
  return { document: label, reviewStatus: after.reviewStatus, protocolNumber: after.reviewProtocolNumber, protocolDate: after.reviewProtocolDate, remarks: after.reviewRemarks };
}

/** The audit payload of the archive commission's step. */
export function archiveReviewAuditPayload(label: string, after: Pick<ArchiveReviewColumns, 'archiveReviewStatus' | 'archiveReviewCommission' | 'archiveReviewProtocolNumber' | 'archiveReviewProtocolDate' | 'archiveReviewRemarks'>) {
  return {
    document: label,
    commission: after.archiveReviewCommission,
    archiveReviewStatus: after.archiveReviewStatus,
    protocolNumber: after.archiveReviewProtocolNumber,
    protocolDate: after.archiveReviewProtocolDate,
    remarks: after.archiveReviewRemarks,
  };
}
