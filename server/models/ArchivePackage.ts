import { TenantModel } from './BaseModel.ts';

export const PACKAGE_OBJECT_TYPES = ['card', 'case', 'inventory', 'act'] as const;
export type PackageObjectType = (typeof PACKAGE_OBJECT_TYPES)[number];
export type PackageStatus = 'pending' | 'packaged' | 'failed';
export type FixityResult = 'ok' | 'mismatch' | 'missing';

export interface PackageDigests {
  sha512: string;
  sha256: string;
  'streebog-256': string;
}

export interface PackageVersionEntry {
  version: string;
  created: string;
  message: string;
  /** digests of that version's package.json */
  anchor: PackageDigests;
}

export interface PackageNote {
  file: string;
  kind: 'conversion' | 'no-rendition' | 'signature' | 'ocr';
  message: string;
}

export class ArchivePackage extends TenantModel {
  static override tableName = 'archive_packages';
  static override get jsonAttributes(): string[] {
    return ['versions', 'notes'];
  }
  declare id: string;
  declare objectType: PackageObjectType;
  declare objectId: string;
  declare ocflId: string;
  declare status: PackageStatus;
  declare currentVersion: number;
  declare storage: 'fs' | 's3';
  declare objectPath: string | null;
  declare anchorSha512: string | null;
  declare anchorSha256: string | null;
  declare anchorStreebog256: string | null;
  declare versions: PackageVersionEntry[];
  declare notes: PackageNote[];
  declare sizeBytes: number;
  declare error: string | null;
  declare evidenceBatchId: string | null;
  declare evidenceAnchorSha512: string | null;
  declare lastFixityAt: Date | null;
  declare lastFixityResult: FixityResult | null;
  declare fixityAlert: boolean;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
