import { TenantModel } from './BaseModel.ts';

export class Staff extends TenantModel {
  static override tableName = 'staff';
  declare id: string;
  declare departmentId: string | null;
  declare positionId: string | null;
  declare lastName: string;
  declare firstName: string;
  declare middleName: string | null;
  declare email: string | null;
  declare phone: string | null;
  declare active: boolean;
  declare version: number;
  declare createdAt: Date;

  get fullName(): string {
    return [this.lastName, this.firstName, this.middleName].filter(Boolean).join(' ');
  }
}
