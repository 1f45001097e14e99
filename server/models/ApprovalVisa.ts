import { TenantModel } from './BaseModel.ts';

export const APPROVAL_DECISIONS = ['approved', 'approved_with_remarks', 'rejected'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** An approver of a stage and, once given, their visa (виза согласования). */
export class ApprovalVisa extends TenantModel {
  static override tableName = 'approval_visas';
  declare id: string;
  declare routeId: string;
  declare stageId: string;
  declare cardId: string;
  declare staffId: string;
  declare position: number;
  declare decision: ApprovalDecision | null;
  declare comment: string | null;
  declare decidedAt: Date | null;
  declare decidedBy: string | null;
  declare positionTitle: string | null;
  declare fullName: string | null;
  /** Who gave the visa for the absent approver (замещение), with their name and position of that time. */
  declare deputyStaffId: string | null;
  declare deputyFullName: string | null;
  declare deputyPositionTitle: string | null;
}
