import { TenantModel } from './BaseModel.ts';

export class Department extends TenantModel {
  static override tableName = 'departments';
  declare id: string;
  declare parentId: string | null;
  declare name: string;
  declare code: string;
  declare version: number;
  declare createdAt: Date;
}
