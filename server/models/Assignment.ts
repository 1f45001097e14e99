import { TenantModel } from './BaseModel.ts';

export type AssignmentStatus = 'open' | 'reported' | 'accepted' | 'cancelled';

export class Assignment extends TenantModel {
  static override tableName = 'assignments';
  declare id: string;
  declare cardId: string;
  declare resolutionId: string;
  declare parentId: string | null;
  declare executorStaffId: string;
  declare coExecutorStaffIds: string[];
  declare executorDepartmentId: string | null;
  declare text: string;
  declare deadline: string | null;
  declare onControl: boolean;
  declare controllerStaffId: string | null;
  declare authorStaffId: string;
  declare status: AssignmentStatus;
  declare reportText: string | null;
  declare reportedAt: Date | null;
  declare reportedOn: string | null;
  declare acceptedAt: Date | null;
  declare version: number;
  declare createdAt: Date;
}
