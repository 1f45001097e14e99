import { TenantModel } from './BaseModel.ts';

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
