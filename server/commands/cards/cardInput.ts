import type { CardKind } from '../../models/Card.ts';

export interface DeadlineIn {
  days: number;
  type: 'calendar' | 'working';
}

export interface CardLinkInput {
  type: 'in_reply_to' | 'repeated' | 'related';
  cardId: string;
}

export interface CardInput {
  kind: CardKind;
  journalId?: string;
  summary?: string;
  correspondentId?: string | null;
  outNumber?: string | null;
  outDate?: string | null;
  signer?: string | null;
  addressee?: string | null;
  addresseeStaffId?: string | null;
  deliveryMethod?: string | null;
  sheets?: number | null;
  attachmentsCount?: number | null;
  accessMark?: string | null;
  caseIndex?: string | null;
  departmentId?: string | null;
  deadline?: string | null;
  deadlineIn?: DeadlineIn;
  onControl?: boolean;
  fields?: Record<string, unknown>;
  links?: CardLinkInput[];
  fileIds?: string[];
}

/** Core columns a client may set directly, in the order of a paper card. */
export const CORE_FIELDS = [
  'summary',
  'correspondentId',
  'outNumber',
  'outDate',
  'signer',
  'addressee',
  'addresseeStaffId',
  'deliveryMethod',
  'sheets',
  'attachmentsCount',
  'accessMark',
  'caseIndex',
  'departmentId',
  'deadline',
  'onControl',
] as const;

/** A card's first file is the document itself; the others are its attachments. */
export function fileRole(position: number): 'main' | 'attachment' {
  return position === 0 ? 'main' : 'attachment';
}
