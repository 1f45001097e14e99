import { BaseModel } from './BaseModel.ts';

export class Organisation extends BaseModel {
  static override tableName = 'organisations';
  declare id: string;
  declare name: string;
  declare shortName: string;
  declare inn: string | null;
  declare ogrn: string | null;
  declare address: string | null;
  /** a source of acquisition (источник комплектования) of a state or municipal archive */
  declare acquisitionSource: boolean;
  declare version: number;
  declare createdAt: Date;
}
