import type { HttpClient } from './http.ts';
import type { CardSummary } from './records.ts';
import type { Principal } from './absenceEndpoints.ts';

// Shapes of the approval routes (server/api/approvals, presenters/approvalPresenter.ts).
export type ApprovalDecision = 'approved' | 'approved_with_remarks' | 'rejected';
export type ApprovalRouteStatus = 'draft' | 'in_progress' | 'approved' | 'rejected' | 'withdrawn';

export interface ApprovalVisa {
  id: string;
  staffId: string;
  name: string;
  position: string | null;
  decision: ApprovalDecision | null;
  comment: string | null;
  decidedAt: string | null;
  /** Who gave the visa for the absent approver (замещение), as they were then. */
  deputy: { staffId: string; name: string; position: string | null } | null;
}

export interface ApprovalStage {
  id: string;
  position: number;
  deadlineDays: number | null;
  dueOn: string | null;
  status: 'waiting' | 'active' | 'approved' | 'rejected';
  startedAt: string | null;
  finishedAt: string | null;
  approvers: ApprovalVisa[];
}

export interface ApprovalRoute {
  id: string;
  cardId: string;
  round: number;
  status: ApprovalRouteStatus;
  withdrawReason: string | null;
  initiator: { userId: string; staffId: string | null; name: string; position: string | null };
  currentStage: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  sheetFileId: string | null;
  version: number;
  createdAt: string;
  stages: ApprovalStage[];
}

export interface StageInput {
  approverStaffIds: string[];
  deadlineDays?: number | null;
}

export interface WaitingApproval {
  routeId: string;
  round: number;
  stage: number;
  dueOn: string | null;
  overdue: boolean;
  stageStartedAt: string | null;
  card: CardSummary;
  /** The absent approver whose visa this is, when I stand in for them today («за …»). */
  onBehalfOf: Principal | null;
}

/** What the caller may do next on the card's route (server/policies/approvalAccess.ts). */
export interface ApprovalActions {
  build: boolean;
  edit: boolean;
  start: boolean;
  newRound: boolean;
  withdraw: boolean;
  decide: boolean;
  /** Absent approvers of the active stage whose visa I may give today as their deputy. */
  decideFor: Principal[];
}

export function approvalSheetUrl(cardId: string): string {
  return `/api/cards/${encodeURIComponent(cardId)}/approval-sheet.pdf`;
}

export function createApprovalApi(http: HttpClient) {
  const route = (routeId: string) => `/api/approval-routes/${encodeURIComponent(routeId)}`;
  const withVersion = (r: Pick<ApprovalRoute, 'version'>) => `"v${r.version}"`;
  return {
    ofCard: (cardId: string) => http.get<{ items: ApprovalRoute[]; actions: ApprovalActions }>(`/api/cards/${encodeURIComponent(cardId)}/approvals`),
    create: (cardId: string, stages: StageInput[]) => http.post<ApprovalRoute>(`/api/cards/${encodeURIComponent(cardId)}/approvals`, { stages }),
    update: async (r: Pick<ApprovalRoute, 'id' | 'version'>, stages: StageInput[]) =>
      (await http.request<ApprovalRoute>('PUT', route(r.id), { body: { stages }, ifMatch: withVersion(r) })).data,
    start: async (r: Pick<ApprovalRoute, 'id' | 'version'>) => (await http.request<ApprovalRoute>('POST', `${route(r.id)}/start`, { body: {}, ifMatch: withVersion(r) })).data,
    decide: (routeId: string, decision: ApprovalDecision, comment: string, onBehalfOf?: string) =>
      http.post<ApprovalRoute>(`${route(routeId)}/decision`, { decision, ...(comment.trim() ? { comment } : {}), ...(onBehalfOf ? { onBehalfOf } : {}) }),
    withdraw: async (r: Pick<ApprovalRoute, 'id' | 'version'>, reason: string) =>
      (await http.request<ApprovalRoute>('POST', `${route(r.id)}/withdraw`, { body: { reason }, ifMatch: withVersion(r) })).data,
    newRound: (routeId: string) => http.post<ApprovalRoute>(`${route(routeId)}/rounds`, {}),
    waiting: async () => (await http.get<{ items: WaitingApproval[] }>('/api/inbox/approvals')).items,
  };
}

export type ApprovalApi = ReturnType<typeof createApprovalApi>;
