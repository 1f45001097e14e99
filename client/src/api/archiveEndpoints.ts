import type { HttpClient } from './http.ts';

// Shapes of the records-management routes (issue 6): nomenclature, cases, inventories, destruction acts.
export type RetentionKind = 'years' | 'permanent' | 'until_superseded';
export type CaseStatus = 'open' | 'closed' | 'in_inventory' | 'destroyed' | 'transferred';
export type InventoryKind = 'permanent' | 'long_term' | 'personnel';
export const INVENTORY_KINDS: readonly InventoryKind[] = ['permanent', 'long_term', 'personnel'];
export const RETENTION_KINDS: readonly RetentionKind[] = ['years', 'permanent', 'until_superseded'];

export interface Label {
  ru: string;
  en: string;
}

export interface NomenclatureItem {
  id: string;
  year: number;
  caseIndex: string;
  title: string;
  departmentId: string | null;
  retentionKind: RetentionKind;
  retentionYears: number | null;
  retention: Label;
  personnel: boolean;
  listArticle: string | null;
  storageNote: string | null;
  version: number;
}

export interface NomenclatureInput {
  caseIndex: string;
  title: string;
  retentionKind: RetentionKind;
  retentionYears?: number | null;
  personnel?: boolean;
  listArticle?: string | null;
  storageNote?: string | null;
  departmentId?: string | null;
}

export interface ArchiveCase {
  id: string;
  nomenclatureItemId: string;
  caseIndex: string;
  title: string;
  year: number;
  status: CaseStatus;
  retentionKind: RetentionKind;
  retentionYears: number | null;
  retention: Label;
  personnel: boolean;
  listArticle: string | null;
  openedOn: string;
  closedOn: string | null;
  supersededOn: string | null;
  documentsCount: number;
  sheets: number;
  startDate: string | null;
  endDate: string | null;
  destructionDueOn: string | null;
  inventoryKind: InventoryKind | null;
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldAt: string | null;
  version: number;
}

export interface CaseCard {
  id: string;
  kind: string;
  status: string;
  regNumber: string | null;
  regDate: string | null;
  summary: string;
  sheets: number | null;
}

export interface CaseDetail extends ArchiveCase {
  cards: CaseCard[];
}

export interface FileableCard {
  id: string;
  regNumber: string | null;
  regDate: string | null;
  summary: string;
  version: number;
}

/** The expert commission's review (согласование с ЭПК) of a draft inventory or act; null until submitted. */
export interface ExpertReview {
  status: 'submitted' | 'agreed' | 'returned';
  submittedAt: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  protocolNumber: string | null;
  protocolDate: string | null;
  remarks: string | null;
}

/** The second agreement, by the archive's commission (ЭПК архивного учреждения): permanent and personnel inventories. */
export interface ArchiveReview extends ExpertReview {
  /** the archive's commission as named on the covering letter */
  commission: string;
}

export type ReviewStage = 'none' | 'submitted' | 'agreed' | 'returned' | 'archive_submitted' | 'archive_agreed' | 'archive_returned';

export interface ReviewDecision {
  decision: 'agreed' | 'returned';
  protocolNumber: string;
  protocolDate: string;
  remarks?: string;
}

export interface Inventory {
  id: string;
  kind: InventoryKind;
  year: number;
  number: number;
  title: string;
  fundNumber: string | null;
  status: 'draft' | 'approved';
  review: ExpertReview | null;
  archiveReviewRequired: boolean;
  archiveReview: ArchiveReview | null;
  reviewStage: ReviewStage;
  approvedByName: string | null;
  approvedAt: string | null;
  pdfSha256: string | null;
  transferredAt: string | null;
  transferredTo: string | null;
  casesCount: number;
  version: number;
}

export interface InventoryLine {
  caseId: string;
  /** the case's number by the inventory (№ п/п) */
  number: string;
  /** the number given by hand (lettered or leaving a gap); null: the next one */
  given: string | null;
}

export interface InventoryNumbering {
  first: string | null;
  last: string | null;
  lettered: string[];
  skipped: number[];
}

export interface InventoryDetail extends Inventory {
  cases: ArchiveCase[];
  lines: InventoryLine[];
  numbering: InventoryNumbering;
}

export interface DestructionAct {
  id: string;
  year: number;
  number: number;
  reason: string;
  fundNumber: string | null;
  status: 'draft' | 'approved' | 'executed';
  review: ExpertReview | null;
  approvedByName: string | null;
  approvedAt: string | null;
  executedAt: string | null;
  pdfSha256: string | null;
  casesCount: number;
  purgedCards: number | null;
  version: number;
}

export interface DestructionActDetail extends DestructionAct {
  cases: ArchiveCase[];
}

export interface DestructionProposal {
  asOf: string;
  items: ArchiveCase[];
  held: ArchiveCase[];
}

const id = (value: string) => encodeURIComponent(value);
const withVersion = (version: number) => `"v${version}"`;

export function nomenclaturePdfUrl(year: number): string {
  return `/api/nomenclature/pdf?year=${year}`;
}

export function inventoryPdfUrl(inventoryId: string): string {
  return `/api/inventories/${id(inventoryId)}/pdf`;
}

export function inventoryContentUrl(inventoryId: string): string {
  return `/api/inventories/${id(inventoryId)}/content`;
}

export function inventoryTransferUrl(inventoryId: string, archive?: string): string {
  const query = archive?.trim() ? `?${new URLSearchParams({ archive: archive.trim() }).toString()}` : '';
  return `/api/inventories/${id(inventoryId)}/transfer${query}`;
}

export function destructionActPdfUrl(actId: string): string {
  return `/api/destruction-acts/${id(actId)}/pdf`;
}

export function createArchiveApi(http: HttpClient) {
  return {
    nomenclature: {
      list: async (year: number) => (await http.get<{ items: NomenclatureItem[] }>('/api/nomenclature', { year })).items,
      create: (year: number, input: NomenclatureInput) => http.post<NomenclatureItem>('/api/nomenclature', { year, ...input }),
      update: async (item: NomenclatureItem, change: Partial<NomenclatureInput>) =>
        (await http.request<NomenclatureItem>('PATCH', `/api/nomenclature/${id(item.id)}`, { body: change, ifMatch: withVersion(item.version) })).data,
      remove: async (item: NomenclatureItem) => {
        await http.request<unknown>('DELETE', `/api/nomenclature/${id(item.id)}`, { ifMatch: withVersion(item.version) });
      },
      copy: (fromYear: number, toYear: number) => http.post<{ items: NomenclatureItem[]; skipped: string[] }>('/api/nomenclature/copy', { fromYear, toYear }),
    },
    cases: {
      list: async (query: { year?: number; status?: CaseStatus } = {}) => (await http.get<{ items: ArchiveCase[] }>('/api/cases', query)).items,
      get: (caseId: string) => http.get<CaseDetail>(`/api/cases/${id(caseId)}`),
      open: (nomenclatureItemId: string) => http.post<ArchiveCase>('/api/cases', { nomenclatureItemId }),
      openYear: async (year: number) => (await http.post<{ items: ArchiveCase[] }>('/api/cases/open-year', { year })).items,
      closeYear: async (year: number) => (await http.post<{ items: ArchiveCase[] }>('/api/cases/close-year', { year })).items,
      close: (c: ArchiveCase) => http.post<ArchiveCase>(`/api/cases/${id(c.id)}/close`, {}, { ifMatch: withVersion(c.version) }),
      reopen: (c: ArchiveCase) => http.post<ArchiveCase>(`/api/cases/${id(c.id)}/reopen`, {}, { ifMatch: withVersion(c.version) }),
      update: async (c: ArchiveCase, change: { title?: string; supersededOn?: string | null }) =>
        (await http.request<ArchiveCase>('PATCH', `/api/cases/${id(c.id)}`, { body: change, ifMatch: withVersion(c.version) })).data,
      placeHold: (caseId: string, reason: string) => http.post<ArchiveCase>(`/api/cases/${id(caseId)}/legal-hold`, { reason }),
      releaseHold: (caseId: string, reason: string) => http.post<ArchiveCase>(`/api/cases/${id(caseId)}/legal-hold/release`, { reason }),
      fileable: async (caseId: string, q: string) => (await http.get<{ items: FileableCard[] }>(`/api/cases/${id(caseId)}/fileable`, { q: q.trim() || undefined })).items,
      /** Files a registered card into the case (the card's own route, with its version). */
      file: (caseId: string, card: FileableCard) => http.post<unknown>(`/api/cards/${id(card.id)}/file-in-case`, { caseId }, { ifMatch: withVersion(card.version) }),
    },
    inventories: {
      list: async () => (await http.get<{ items: Inventory[] }>('/api/inventories')).items,
      candidates: async (kind: InventoryKind, year: number) => (await http.get<{ items: ArchiveCase[] }>('/api/inventories/candidates', { kind, year })).items,
      get: (inventoryId: string) => http.get<InventoryDetail>(`/api/inventories/${id(inventoryId)}`),
      create: (input: { kind: InventoryKind; year: number; caseIds: string[]; fundNumber?: string }) => http.post<InventoryDetail>('/api/inventories', input),
      update: async (inv: Inventory, change: { title?: string; fundNumber?: string | null; caseIds?: string[]; caseNumbers?: { caseId: string; number: string | null }[] }) =>
        (await http.request<InventoryDetail>('PATCH', `/api/inventories/${id(inv.id)}`, { body: change, ifMatch: withVersion(inv.version) })).data,
      submitToArchive: (inv: Inventory, commission: string) =>
        http.post<InventoryDetail>(`/api/inventories/${id(inv.id)}/archive-review`, commission.trim() ? { commission: commission.trim() } : {}, { ifMatch: withVersion(inv.version) }),
      recordArchiveReview: (inv: Inventory, decision: ReviewDecision) =>
        http.post<InventoryDetail>(`/api/inventories/${id(inv.id)}/archive-review/decision`, decision, { ifMatch: withVersion(inv.version) }),
      submitForReview: (inv: Inventory) => http.post<InventoryDetail>(`/api/inventories/${id(inv.id)}/expert-review`, {}, { ifMatch: withVersion(inv.version) }),
      recordReview: (inv: Inventory, decision: ReviewDecision) =>
        http.post<InventoryDetail>(`/api/inventories/${id(inv.id)}/expert-review/decision`, decision, { ifMatch: withVersion(inv.version) }),
      approve: (inv: Inventory) => http.post<InventoryDetail>(`/api/inventories/${id(inv.id)}/approve`, {}, { ifMatch: withVersion(inv.version) }),
      markTransferred: (inv: Inventory, archive: string) =>
        http.post<InventoryDetail>(`/api/inventories/${id(inv.id)}/transferred`, archive.trim() ? { archive: archive.trim() } : {}, { ifMatch: withVersion(inv.version) }),
      remove: async (inv: Inventory) => {
        await http.request<unknown>('DELETE', `/api/inventories/${id(inv.id)}`, { ifMatch: withVersion(inv.version) });
      },
    },
    destruction: {
      proposal: () => http.get<DestructionProposal>('/api/destruction-acts/proposal'),
      list: async () => (await http.get<{ items: DestructionAct[] }>('/api/destruction-acts')).items,
      get: (actId: string) => http.get<DestructionActDetail>(`/api/destruction-acts/${id(actId)}`),
      create: (input: { caseIds: string[]; reason?: string; fundNumber?: string }) => http.post<DestructionActDetail>('/api/destruction-acts', input),
      submitForReview: (act: DestructionAct) => http.post<DestructionActDetail>(`/api/destruction-acts/${id(act.id)}/expert-review`, {}, { ifMatch: withVersion(act.version) }),
      recordReview: (act: DestructionAct, decision: ReviewDecision) =>
        http.post<DestructionActDetail>(`/api/destruction-acts/${id(act.id)}/expert-review/decision`, decision, { ifMatch: withVersion(act.version) }),
      approve: (act: DestructionAct) => http.post<DestructionActDetail>(`/api/destruction-acts/${id(act.id)}/approve`, {}, { ifMatch: withVersion(act.version) }),
      execute: (act: DestructionAct) => http.post<DestructionActDetail>(`/api/destruction-acts/${id(act.id)}/execute`, {}, { ifMatch: withVersion(act.version) }),
      remove: async (act: DestructionAct) => {
        await http.request<unknown>('DELETE', `/api/destruction-acts/${id(act.id)}`, { ifMatch: withVersion(act.version) });
      },
    },
  };
}

export type ArchiveApi = ReturnType<typeof createArchiveApi>;
