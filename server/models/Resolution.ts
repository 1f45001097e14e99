import { TenantModel } from './BaseModel.ts';

export class Resolution extends TenantModel {
  static override tableName = 'resolutions';
  declare id: string;
  declare cardId: string;
  declare parentAssignmentId: string | null;
  declare authorStaffId: string;
  declare enteredBy: string;
  declare onBehalf: boolean;
  declare text: string;
  declare createdAt: Date;
}
