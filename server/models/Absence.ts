import { TenantModel } from './BaseModel.ts';

export const ABSENCE_REASONS = ['vacation', 'business_trip', 'sick_leave', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** Отсутствие: a period (both days included) in which the deputy (заместитель) acts for the absent staff member. */
export class Absence extends TenantModel {
  static override tableName = 'absences';
  declare id: string;
  declare staffId: string;
  declare deputyStaffId: string;
  declare startsOn: string;
  declare endsOn: string;
  declare reason: AbsenceReason;
  declare note: string | null;
  declare createdBy: string | null;
  declare cancelledAt: Date | null;
  declare cancelledBy: string | null;
  declare version: number;
  declare createdAt: Date;
}
