import { TenantModel } from './BaseModel.ts';

export type ReviewStatus = 'submitted' | 'agreed' | 'returned';

export const INVENTORY_KINDS = ['permanent', 'long_term', 'personnel'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

/** An inventory (опись) of closed cases; approval freezes `content` and the PDF/A blob. */
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
  // The expert commission's review (ЭПК) before approval; see server/archive/expertReview.ts.
  declare reviewStatus: ReviewStatus | null;
  declare reviewSubmittedBy: string | null;
  declare reviewSubmittedAt: Date | null;
  declare reviewDecidedBy: string | null;
  declare reviewDecidedByName: string | null;
  declare reviewDecidedAt: Date | null;
  declare reviewProtocolNumber: string | null;
  declare reviewProtocolDate: string | null;
  declare reviewRemarks: string | null;
  declare transferredAt: Date | null;
  declare transferredTo: string | null;
  declare createdBy: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
