import { TenantModel } from './BaseModel.ts';

export type ApprovalStageStatus = 'waiting' | 'active' | 'approved' | 'rejected';

export class ApprovalStage extends TenantModel {
  static override tableName = 'approval_stages';
  declare id: string;
  declare routeId: string;
  declare position: number;
  declare deadlineDays: number | null;
  declare dueOn: string | null;
  declare status: ApprovalStageStatus;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;
}
