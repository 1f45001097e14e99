import { TenantModel } from './BaseModel.ts';

export class Session extends TenantModel {
  static override tableName = 'sessions';
  declare id: string;
  declare userId: string;
  declare tokenHash: string;
  declare csrfToken: string;
  declare ip: string | null;
  declare userAgent: string | null;
  declare createdAt: Date;
  declare lastSeenAt: Date;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
}
