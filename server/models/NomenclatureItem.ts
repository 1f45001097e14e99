import { TenantModel } from './BaseModel.ts';

export const RETENTION_KINDS = ['years', 'permanent', 'until_superseded'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** A line of the nomenclature of cases (номенклатура дел) for one year. */
export class NomenclatureItem extends TenantModel {
  static override tableName = 'nomenclature_items';
  declare id: string;
  declare year: number;
  declare caseIndex: string;
  declare title: string;
  declare departmentId: string | null;
  declare retentionKind: RetentionKind;
  declare retentionYears: number | null;
  declare personnel: boolean;
  declare listArticle: string | null;
  declare storageNote: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
