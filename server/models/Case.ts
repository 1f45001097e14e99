import { TenantModel } from './BaseModel.ts';
import type { RetentionKind } from './NomenclatureItem.ts';

export const CASE_STATUSES = ['open', 'closed', 'in_inventory', 'destroyed', 'transferred'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case (дело) opened from a nomenclature item; its retention term is a copy taken at opening. */
export class Case extends TenantModel {
  static override tableName = 'cases';
  declare id: string;
  declare nomenclatureItemId: string;
  declare caseIndex: string;
  declare title: string;
  declare year: number;
  declare status: CaseStatus;
  declare retentionKind: RetentionKind;
  declare retentionYears: number | null;
  declare personnel: boolean;
  declare listArticle: string | null;
  declare openedOn: string;
  declare closedOn: string | null;
  declare supersededOn: string | null;
  declare documentsCount: number;
  declare sheets: number;
  declare startDate: string | null;
  declare endDate: string | null;
  declare legalHold: boolean;
  declare legalHoldReason: string | null;
  declare legalHoldAt: Date | null;
  declare legalHoldBy: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
