import { TenantModel } from './BaseModel.ts';

export const CORRESPONDENT_TYPES = ['company', 'government', 'municipal', 'entrepreneur', 'citizen'] as const;
export type CorrespondentType = (typeof CORRESPONDENT_TYPES)[number];

export class Correspondent extends TenantModel {
  static override tableName = 'correspondents';
  declare id: string;
  declare type: CorrespondentType;
  declare name: string;
  declare fullName: string | null;
  declare inn: string | null;
  declare kpp: string | null;
  declare ogrn: string | null;
  declare address: string | null;
  declare email: string | null;
  declare phone: string | null;
  declare version: number;
  declare createdAt: Date;
}
