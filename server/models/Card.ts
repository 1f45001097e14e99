import { TenantModel } from './BaseModel.ts';

export const CARD_KINDS = ['incoming', 'outgoing', 'internal', 'appeal', 'draft', 'service_application'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
export const CARD_STATUSES = ['draft', 'registered', 'in_work', 'executed', 'filed', 'archived', 'cancelled'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export class Card extends TenantModel {
  static override tableName = 'cards';
  declare id: string;
  declare kind: CardKind;
  declare journalId: string | null;
  declare status: CardStatus;
  declare regNumber: string | null;
  declare regSeq: number | null;
  declare regYear: number | null;
  declare regDate: string | null;
  declare registeredAt: Date | null;
  declare summary: string;
  declare correspondentId: string | null;
  declare outNumber: string | null;
  declare outDate: string | null;
  declare signer: string | null;
  declare addressee: string | null;
  declare addresseeStaffId: string | null;
  declare deliveryMethod: string | null;
  declare sheets: number | null;
  declare attachmentsCount: number | null;
  declare accessMark: string | null;
  declare caseIndex: string | null;
  /** The case (дело) the card is filed in, when the organisation keeps cases. */
  declare caseId: string | null;
  declare departmentId: string | null;
  declare deadline: string | null;
  declare onControl: boolean;
  declare fields: Record<string, unknown>;
  declare cancelReason: string | null;
  declare executedAt: Date | null;
  declare createdBy: string | null;
  declare version: number;
  declare createdAt: Date;
  declare updatedAt: Date;
}
