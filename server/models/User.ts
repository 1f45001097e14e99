import { TenantModel } from './BaseModel.ts';

export const ROLES = ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export class User extends TenantModel {
  static override tableName = 'users';
  declare id: string;
  declare staffId: string | null;
  declare login: string;
  declare fullName: string;
  declare passwordHash: string;
  declare roles: Role[];
  declare disabled: boolean;
  declare failedLogins: number;
  declare lockedUntil: Date | null;
  declare passwordChangedAt: Date;
  declare version: number;
  declare createdAt: Date;
}
