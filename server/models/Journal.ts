import { TenantModel } from './BaseModel.ts';

export class Journal extends TenantModel {
  static override tableName = 'journals';
  declare id: string;
  declare kind: string;
  declare name: string;
  declare prefix: string;
  declare numberTemplate: string;
  declare resetYearly: boolean;
  declare departmentId: string | null;
  declare active: boolean;
  declare version: number;
  declare createdAt: Date;
}
