import { TenantModel } from './BaseModel.ts';

export const APPROVAL_ROUTE_STATUSES = ['draft', 'in_progress', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalRouteStatus = (typeof APPROVAL_ROUTE_STATUSES)[number];

/** One round of a card's approval route (маршрут согласования). */
export class ApprovalRoute extends TenantModel {
  static override tableName = 'approval_routes';
  declare id: string;
  declare cardId: string;
  declare round: number;
  declare status: ApprovalRouteStatus;
  declare initiatorUserId: string;
  declare initiatorStaffId: string | null;
  declare currentStage: number | null;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;
  declare sheetFileId: string | null;
  declare withdrawReason: string | null;
  declare version: number;
  declare createdAt: Date;
}
