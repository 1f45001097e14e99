import { TenantModel } from './BaseModel.ts';

export class Position extends TenantModel {
  static override tableName = 'positions';
  declare id: string;
  declare departmentId: string | null;
  declare title: string;
  declare createdAt: Date;
}
