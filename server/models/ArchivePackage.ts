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

/** What a card package keeps of its card once a destruction act purged it (server/archive/packages/destroyedPackage.ts). */
export interface PackageDestruction {
  actId: string;
  /** the act's number, '1/2026' */
  act: string;
  reason: string;
  executedAt: string;
  executedBy: string | null;
  caseId: string | null;
  caseIndex: string | null;
  regNumber: string | null;
  regDate: string | null;
  kind: string | null;
  /** the card's `card.purged` audit entry */
  auditSeq: number;
  auditHash: string;
  requisitesSha256: string | null;
}

export class ArchivePackage extends TenantModel {
  static override tableName = 'archive_packages';
  static override get jsonAttributes(): string[] {
    return ['versions', 'notes', 'destruction'];
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
  declare destroyedAt: Date | null;
  declare destruction: PackageDestruction | null;
  /** the OCFL version that records the destruction; null until the job has written it */
  declare destructionVersion: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
