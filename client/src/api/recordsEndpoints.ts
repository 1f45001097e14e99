import type { HttpClient } from './http.ts';
import type {
  Assignment,
  AssignmentEvent,
  AssignmentInput,
  AssignmentView,
  CardDetail,
  CardRequisites,
  CardSummary,
  Correspondent,
  DisciplineGroupBy,
  DisciplineItem,
  DisciplineMetric,
  DisciplineReport,
  HistoryEntry,
  InboxCounts,
  Journal,
  KindSchema,
  NewCard,
  NewCorrespondent,
  NewResolution,
  Resolution,
  SearchRequest,
  SearchResult,
  StaffMember,
  StoredFileInfo,
} from './records.ts';
import type { Page } from './pagination.ts';

const id = (value: string) => encodeURIComponent(value);

export function filePreviewUrl(fileId: string, page = 1): string {
  return `/api/files/${id(fileId)}/preview${page > 1 ? `?page=${page}` : ''}`;
}

export function fileContentUrl(fileId: string, download = false): string {
  return `/api/files/${id(fileId)}/content${download ? '?download=1' : ''}`;
}

export function disciplineExportUrl(from: string, to: string, groupBy: DisciplineGroupBy, format: 'xlsx' | 'pdf'): string {
  return `/api/reports/discipline?${new URLSearchParams({ from, to, groupBy, format }).toString()}`;
}

/** Query parameters of `GET /api/search`: lists go comma-separated, absent filters are left out. */
export function searchQuery(request: SearchRequest, facets: readonly string[]): Record<string, string | boolean | undefined> {
  return {
    q: request.q?.trim() || undefined,
    sort: request.sort && request.sort !== 'relevance' ? request.sort : undefined,
    journalId: request.journalId || undefined,
    departmentId: request.departmentId || undefined,
    executorId: request.executorId || undefined,
    correspondentId: request.correspondentId || undefined,
    accessMark: request.accessMark || undefined,
    kind: request.kind?.length ? request.kind.join(',') : undefined,
    status: request.status?.length ? request.status.join(',') : undefined,
    from: request.from || undefined,
    to: request.to || undefined,
    onControl: request.onControl,
    overdue: request.overdue,
    typing: request.typing,
    cursor: request.cursor,
    facets: facets.length ? facets.join(',') : undefined,
  };
}

/** The records routes of issue 3: cards, files, correspondents, resolutions, inboxes, search, reports. */
export function createRecordsApi(http: HttpClient) {
  const withVersion = (version: number) => `"v${version}"`;
  return {
    files: {
      upload: (file: File) => http.upload<StoredFileInfo>('/api/files', file, file.name),
      /**
       * Whether the background job has rendered the first page yet (404 until then), and how many pages the document
       * has when that is known.
       */
      previewReady: async (fileId: string): Promise<{ ready: boolean; pages: number | null }> => {
        const response = await fetch(filePreviewUrl(fileId), { method: 'GET', credentials: 'same-origin' });
        const pages = Number(response.headers.get('X-Page-Count'));
        return { ready: response.ok, pages: Number.isInteger(pages) && pages > 0 ? pages : null };
      },
    },
    journals: async () => (await http.get<{ items: Journal[] }>('/api/journals')).items,
    cardKinds: async () => (await http.get<{ items: KindSchema[] }>('/api/card-kinds')).items,
    correspondents: {
      search: async (q: string) => (await http.get<{ items: Correspondent[] }>('/api/correspondents', { q, limit: 10 })).items,
      create: (value: NewCorrespondent) => http.post<Correspondent>('/api/correspondents', value),
    },
    staff: {
      search: async (q: string) => (await http.get<Page<StaffMember>>('/api/staff', { q, limit: 10 })).items,
    },
    cards: {
      create: (card: NewCard) => http.post<CardDetail>('/api/cards', card),
      get: (cardId: string) => http.get<CardDetail>(`/api/cards/${id(cardId)}`),
      update: async (card: Pick<CardDetail, 'id' | 'version'>, change: CardRequisites) =>
        (await http.request<CardDetail>('PATCH', `/api/cards/${id(card.id)}`, { body: change, ifMatch: withVersion(card.version) })).data,
      register: async (card: Pick<CardDetail, 'id' | 'version'>) =>
        (await http.request<CardDetail>('POST', `/api/cards/${id(card.id)}/register`, { body: {}, ifMatch: withVersion(card.version) })).data,
      cancel: async (card: Pick<CardDetail, 'id' | 'version'>, reason: string) =>
        (await http.request<CardDetail>('POST', `/api/cards/${id(card.id)}/cancel`, { body: { reason }, ifMatch: withVersion(card.version) })).data,
      attachFiles: (cardId: string, fileIds: string[]) => http.post<CardDetail>(`/api/cards/${id(cardId)}/files`, { fileIds }),
      history: async (cardId: string) => (await http.get<{ items: HistoryEntry[] }>(`/api/cards/${id(cardId)}/history`)).items,
      resolutions: async (cardId: string) => (await http.get<{ items: Resolution[] }>(`/api/cards/${id(cardId)}/assignments`)).items,
      issueResolution: (cardId: string, resolution: NewResolution) => http.post<Resolution>(`/api/cards/${id(cardId)}/resolutions`, resolution),
    },
    assignments: {
      get: (assignmentId: string) => http.get<Assignment & { events: AssignmentEvent[] }>(`/api/assignments/${id(assignmentId)}`),
      subassign: (assignmentId: string, text: string, assignments: AssignmentInput[]) =>
        http.post<{ items: Assignment[] }>(`/api/assignments/${id(assignmentId)}/subassignments`, { text, assignments }),
      report: (assignmentId: string, text: string, fileIds: string[]) =>
        http.post<Assignment>(`/api/assignments/${id(assignmentId)}/report`, { text, fileIds }),
      accept: (assignmentId: string, comment?: string) =>
        http.post<Assignment>(`/api/assignments/${id(assignmentId)}/accept`, comment ? { comment } : {}),
      return: (assignmentId: string, reason: string) => http.post<Assignment>(`/api/assignments/${id(assignmentId)}/return`, { reason }),
      extend: (assignmentId: string, newDeadline: string, reason: string) =>
        http.post<{ requestId: string }>(`/api/assignments/${id(assignmentId)}/extend`, { newDeadline, reason }),
      decideExtension: (assignmentId: string, approve: boolean, comment?: string) =>
        http.post<Assignment>(`/api/assignments/${id(assignmentId)}/extend/decision`, comment ? { approve, comment } : { approve }),
    },
    inbox: {
      counts: () => http.get<InboxCounts>('/api/inbox/counts'),
      assignments: (view: AssignmentView, cursor?: string, days?: number) =>
        http.get<Page<Assignment>>('/api/inbox/assignments', { view, cursor, limit: 50, ...(view === 'due' && days ? { days } : {}) }),
      cards: async (view: 'registration' | 'resolution') => (await http.get<{ items: CardSummary[] }>('/api/inbox/cards', { view })).items,
    },
    /** Cards to link to while registering («в ответ на»): the search as the user types a number or words. */
    findCards: async (q: string) => (await http.get<SearchResult>('/api/search', { q, typing: true, limit: 8 })).hits,
    search: (request: SearchRequest, facets: readonly string[]) => http.get<SearchResult>('/api/search', searchQuery(request, facets)),
    reports: {
      discipline: (from: string, to: string, groupBy: DisciplineGroupBy) =>
        http.get<DisciplineReport>('/api/reports/discipline', { from, to, groupBy }),
      items: async (from: string, to: string, groupBy: DisciplineGroupBy, key: string | null, metric: DisciplineMetric) =>
        (await http.get<{ items: DisciplineItem[] }>('/api/reports/discipline/items', { from, to, groupBy, key: key ?? undefined, metric })).items,
    },
  };
}

export type RecordsApi = ReturnType<typeof createRecordsApi>;
