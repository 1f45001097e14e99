import { TenantModel } from './BaseModel.ts';

export class ApiToken extends TenantModel {
  static override tableName = 'api_tokens';
  declare id: string;
  declare userId: string;
  declare name: string;
  declare tokenHash: string;
  declare prefix: string;
  declare createdAt: Date;
  declare lastUsedAt: Date | null;
  declare expiresAt: Date | null;
  declare revokedAt: Date | null;
}
