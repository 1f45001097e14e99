import { TenantModel } from './BaseModel.ts';
import type { ExpertReviewColumns } from './Inventory.ts';

/** An act on selecting cases for destruction (акт о выделении к уничтожению). */
// Declaration merging adds the review columns to the model's type; Objection fills them from the row.
export interface DestructionAct extends ExpertReviewColumns {}
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
  declare createdBy: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
