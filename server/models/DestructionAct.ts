import { TenantModel } from './BaseModel.ts';
import type { ReviewStatus } from './Inventory.ts';

/** An act on selecting cases for destruction (акт о выделении к уничтожению). */
export class DestructionAct extends TenantModel {
  static override tableName = 'destruction_acts';
  declare id: string;
  declare year: number;
  declare number: number;
  declare reason: string;
  declare fundNumber: string | null;
  declare status: 'draft' | 'approved' | 'executed';
  declare approvedBy: string | null;
  declare approvedByName: string | null;
  declare approvedAt: Date | null;
  declare executedBy: string | null;
  declare executedAt: Date | null;
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
  declare createdBy: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
