// Shapes of the records API (issue 3) as the client uses them.
import type { Principal } from './absenceEndpoints.ts';

export const CARD_KINDS = ['incoming', 'outgoing', 'internal', 'appeal', 'draft', 'service_application'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
export const CARD_STATUSES = ['draft', 'registered', 'in_work', 'executed', 'filed', 'archived', 'cancelled'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export type AssignmentStatus = 'open' | 'reported' | 'accepted' | 'cancelled';
export type DeadlineDayType = 'calendar' | 'working';

export interface DeadlineIn {
  days: number;
  type: DeadlineDayType;
}

export interface StoredFileInfo {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
}

export interface Journal {
  id: string;
  kind: CardKind;
  name: string;
  prefix: string;
  numberTemplate: string;
  active: boolean;
}

/** The JSON Schema an administrator gives a kind's extra fields (a flat object of simple properties). */
export interface KindSchema {
  kind: CardKind;
  schema: JsonSchemaObject;
  version: number;
}

export interface JsonSchemaProperty {
  type?: string;
  title?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export interface JsonSchemaObject {
  type?: string;
  properties?: Record<string, JsonSchemaProperty>;
  required?: string[];
}

export type CorrespondentType = 'company' | 'government' | 'municipal' | 'entrepreneur' | 'citizen';

export interface Correspondent {
  id: string;
  type: CorrespondentType;
  name: string;
  fullName: string | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  version: number;
}

export interface NewCorrespondent {
  type: CorrespondentType;
  name: string;
  inn?: string;
}

export interface StaffMember {
  id: string;
  fullName: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  departmentId: string | null;
  active: boolean;
}

export interface CardRequisites {
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
  deadline?: string | null;
  deadlineIn?: DeadlineIn;
  onControl?: boolean;
  fields?: Record<string, unknown>;
}

export interface NewCard extends CardRequisites {
  kind: CardKind;
  journalId?: string;
  register?: boolean;
  fileIds?: string[];
  /** the scan whose proposal the form was filled from: the server records proposed vs kept values */
  autofillFileId?: string;
}

export interface CardLink {
  type: string;
  direction: 'outgoing' | 'incoming';
  cardId: string;
  regNumber: string | null;
  summary: string;
}

export interface CardSummary {
  id: string;
  kind: CardKind;
  status: CardStatus;
  journalId: string | null;
  regNumber: string | null;
  regDate: string | null;
  summary: string;
  outNumber: string | null;
  outDate: string | null;
  signer: string | null;
  addressee: string | null;
  deliveryMethod: string | null;
  sheets: number | null;
  attachmentsCount: number | null;
  accessMark: string | null;
  caseIndex: string | null;
  deadline: string | null;
  onControl: boolean;
  fields: Record<string, unknown>;
  cancelReason: string | null;
  version: number;
  createdAt: string;
}

export interface CardDetail extends CardSummary {
  correspondent: { id: string; name: string; type: string; inn: string | null } | null;
  files: (StoredFileInfo & { role: string })[];
  links: CardLink[];
}

export interface HistoryEntry {
  at: string;
  actor: string | null;
  action: string;
  payload: unknown;
}

export interface Person {
  id: string;
  name: string;
}

export interface Assignment {
  id: string;
  cardId: string;
  resolutionId: string;
  parentId: string | null;
  executor: Person;
  coExecutors: Person[];
  controller: Person | null;
  author: Person;
  text: string;
  deadline: string | null;
  onControl: boolean;
  status: AssignmentStatus;
  overdue: boolean;
  reportText: string | null;
  reportedOn: string | null;
  acceptedAt: string | null;
  version: number;
  /** In the inbox: the absent executor whose assignment this is, when I stand in for them today («за …»). */
  onBehalfOf?: Principal | null;
}

/** One entry of an assignment's own history (`GET /api/assignments/:id`). */
export interface AssignmentEvent {
  type: string;
  at: string;
  actor: string | null;
  text: string | null;
  payload: unknown;
}

export interface Resolution {
  id: string;
  parentAssignmentId: string | null;
  author: Person;
  onBehalf: boolean;
  text: string;
  createdAt: string;
  assignments: Assignment[];
}

export interface AssignmentInput {
  executorStaffId: string;
  coExecutorStaffIds?: string[];
  text?: string;
  deadline?: string | null;
  deadlineIn?: DeadlineIn;
  onControl?: boolean;
  controllerStaffId?: string | null;
}

export interface NewResolution {
  text: string;
  authorStaffId?: string;
  assignments: AssignmentInput[];
}

export interface InboxCounts {
  todo: number;
  overdue: number;
  dueSoon: number;
  onControl: number;
  awaitingRegistration: number;
  awaitingResolution: number;
  awaitingApproval: number;
}

export type AssignmentView = 'todo' | 'overdue' | 'due' | 'control';

export interface SearchHighlights {
  summary?: string;
  body?: string;
  extractedText?: string;
  correspondentName?: string;
}

export interface SearchHit {
  id: string;
  kind: CardKind;
  status: string;
  regNumber: string | null;
  regDate: string | null;
  correspondentName: string | null;
  summary: string;
  highlights: SearchHighlights;
  exactNumber: boolean;
}

export interface FacetBucket {
  value: string;
  count: number;
}

export const SEARCH_FACETS = ['kind', 'status', 'year'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export interface SearchResult {
  hits: SearchHit[];
  total: { value: number; capped: boolean };
  facets: Partial<Record<SearchFacet, FacetBucket[]>>;
  mode: string;
  nextCursor: string | null;
}

export type SearchSort = 'relevance' | 'regDate:desc' | 'regDate:asc';

export interface SearchRequest {
  q?: string;
  sort?: SearchSort;
  journalId?: string;
  departmentId?: string;
  executorId?: string;
  correspondentId?: string;
  accessMark?: string;
  kind?: string[];
  status?: string[];
  from?: string;
  to?: string;
  onControl?: boolean;
  overdue?: boolean;
  typing?: boolean;
  cursor?: string;
}

export type DisciplineGroupBy = 'department' | 'executor';
export const DISCIPLINE_METRICS = ['assigned', 'doneOnTime', 'doneLate', 'overdueOpen', 'inProgress'] as const;
export type DisciplineMetric = (typeof DISCIPLINE_METRICS)[number];

export interface DisciplineRow {
  key: string | null;
  name: string;
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  overdueOpen: number;
  inProgress: number;
  onTimePercent: number | null;
}

export interface DisciplineReport {
  from: string;
  to: string;
  groupBy: string;
  rows: DisciplineRow[];
  total: DisciplineRow;
}

export interface DisciplineItem {
  assignmentId: string;
  cardId: string;
  regNumber: string | null;
  summary: string;
  executor: string;
  deadline: string | null;
  status: string;
  reportedOn: string | null;
}

export function isCardKind(value: string): value is CardKind {
  return (CARD_KINDS as readonly string[]).includes(value);
}

export function isCardStatus(value: string): value is CardStatus {
  return (CARD_STATUSES as readonly string[]).includes(value);
}
