import type { HttpClient } from './http.ts';

// Shapes of citizens' appeals under 59-FZ on a card (server/api/appeals): extension, forwarding, result.
export type AppealResultCode = 'supported' | 'not_supported' | 'explained' | 'left_unanswered' | 'forwarded';
export type RecordableResult = Exclude<AppealResultCode, 'forwarded'>;

export interface UnansweredGround {
  code: string;
  reference: string;
  ru: string;
  en: string;
}

export interface AppealResultEntry {
  result: AppealResultCode;
  ground: UnansweredGround | null;
  comment: string | null;
  decidedOn: string;
  decidedBy: string;
}

/** A result replaced by a correction, with who corrected it, when and why. */
export interface AppealResultCorrection {
  previous: AppealResultEntry;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}

export interface AppealRecord {
  cardId: string;
  regNumber: string | null;
  regDate: string | null;
  deadline: string | null;
  /** the last day of the 7 after registration within which forwarding needs no reason */
  forwardLastDay: string | null;
  extension: { oldDeadline: string; newDeadline: string; reason: string; extendedBy: string; extendedAt: string; noticeFileId: string | null } | null;
  forwarding: {
    correspondentId: string;
    correspondentName: string;
    forwardedOn: string;
    outNumber: string | null;
    lateReason: string | null;
    forwardedBy: string;
    noticeFileId: string | null;
  } | null;
  result: (AppealResultEntry & { corrected: boolean; corrections: AppealResultCorrection[] }) | null;
  actions: { extend: boolean; forward: boolean; forwardLate: boolean; decide: boolean; correct: boolean };
}

export interface AppealDictionary {
  results: { code: AppealResultCode; ru: string; en: string; recordable: boolean }[];
  grounds: UnansweredGround[];
}

export interface ForwardingInput {
  correspondentId: string;
  outNumber?: string;
  lateReason?: string;
}

export interface AppealsReport {
  from: string;
  to: string;
  registered: number;
  pending: number;
  byResult: Record<AppealResultCode, number>;
  overdue: number;
  extended: number;
  forwarded: number;
  forwardedLate: number;
}

/** The appeals report as an XLSX download (Russian headers), for a link. */
export function appealsReportXlsxUrl(from: string, to: string): string {
  return `/api/reports/appeals?${new URLSearchParams({ from, to, format: 'xlsx' }).toString()}`;
}

const resultBody = (result: RecordableResult, ground: string | null, comment: string) => ({ result, ...(ground ? { ground } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });

export function createAppealApi(http: HttpClient) {
  const base = (cardId: string) => `/api/cards/${encodeURIComponent(cardId)}/appeal`;
  // Every change names the card's version: the notice printed describes the card the server changes.
  const change = async (cardId: string, version: number, action: string, body: unknown) =>
    (await http.request<AppealRecord>('POST', `${base(cardId)}/${action}`, { body, ifMatch: `"v${version}"` })).data;
  return {
    get: (cardId: string) => http.get<AppealRecord>(base(cardId)),
    dictionary: () => http.get<AppealDictionary>('/api/appeals/dictionary'),
    report: (from: string, to: string) => http.get<AppealsReport>('/api/reports/appeals', { from, to }),
    extend: (cardId: string, version: number, newDeadline: string, reason: string) => change(cardId, version, 'extension', { newDeadline, reason }),
    forward: (cardId: string, version: number, input: ForwardingInput) => change(cardId, version, 'forwarding', input),
    recordResult: (cardId: string, version: number, result: RecordableResult, ground: string | null, comment: string) =>
      change(cardId, version, 'result', resultBody(result, ground, comment)),
    correctResult: (cardId: string, version: number, result: RecordableResult, ground: string | null, comment: string, reason: string) =>
      change(cardId, version, 'result/correction', { ...resultBody(result, ground, comment), reason: reason.trim() }),
  };
}

export type AppealApi = ReturnType<typeof createAppealApi>;
