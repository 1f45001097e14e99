import { TenantModel } from './BaseModel.ts';

export class StoredFile extends TenantModel {
  static override tableName = 'files';
  declare id: string;
  declare sha256: string;
  declare size: number;
  declare mime: string;
  declare name: string;
  declare uploadedBy: string | null;
  declare createdAt: Date;
}
