import { TenantModel } from './BaseModel.ts';

export type ReviewStatus = 'submitted' | 'agreed' | 'returned';

/** The expert commission's review (ЭПК) before approval, on inventories and destruction acts (server/archive/expertReview.ts). */
export interface ExpertReviewColumns {
  reviewStatus: ReviewStatus | null;
  reviewSubmittedBy: string | null;
  reviewSubmittedAt: Date | null;
  reviewDecidedBy: string | null;
  reviewDecidedByName: string | null;
  reviewDecidedAt: Date | null;
  reviewProtocolNumber: string | null;
  reviewProtocolDate: string | null;
  reviewRemarks: string | null;
}

/** The second agreement, by the state (municipal) archive's commission (ЭПК архивного учреждения); inventories only. */
export interface ArchiveReviewColumns {
  archiveReviewStatus: ReviewStatus | null;
  archiveReviewCommission: string | null;
  archiveReviewSubmittedBy: string | null;
  archiveReviewSubmittedAt: Date | null;
  archiveReviewDecidedBy: string | null;
  archiveReviewDecidedByName: string | null;
  archiveReviewDecidedAt: Date | null;
  archiveReviewProtocolNumber: string | null;
  archiveReviewProtocolDate: string | null;
  archiveReviewRemarks: string | null;
  /** false when the organisation was not a source of acquisition of an archive as the round began */
  archiveReviewRequired: boolean;
}

export const INVENTORY_KINDS = ['permanent', 'long_term', 'personnel'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

/** An inventory (опись) of closed cases; approval freezes `content` and the PDF/A blob. */
// Declaration merging adds the review columns to the model's type; Objection fills them from the row.
export interface Inventory extends ExpertReviewColumns, ArchiveReviewColumns {}
export class Inventory extends TenantModel {
  static override tableName = 'inventories';
  declare id: string;
  declare kind: InventoryKind;
  declare year: number;
  declare number: number;
  declare title: string;
  declare fundNumber: string | null;
  declare status: 'draft' | 'approved';
  declare approvedBy: string | null;
  declare approvedByName: string | null;
  declare approvedAt: Date | null;
  declare content: Record<string, unknown> | null;
  declare pdfSha256: string | null;
  declare transferredAt: Date | null;
  declare transferredTo: string | null;
  declare createdBy: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
