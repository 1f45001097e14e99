import type { HttpClient } from './http.ts';
import type { Correspondent, StaffMember } from './records.ts';

// Shapes of the autofill routes (issue 5 item 7): proposals for a scan, metrics, resolution suggestions.
export type AutofillStatus = 'pending' | 'done' | 'error';

/** A box as fractions (0..1) of the page as supplied, from its top-left corner. */
export interface RelativeBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface FieldSource {
  /** 1-based */
  page: number;
  /** normalised page pixels; `rel` is what a preview can use (absent in proposals made before it existed) */
  box: RelativeBox;
  rel?: RelativeBox | null;
}

export interface AutofillProposal {
  status: AutofillStatus | string;
  langs: string;
  /** The extracted letter fields (null = abstained); absent until done. */
  fields: Record<string, unknown> | null;
  confidence: Record<string, number> | null;
  sources: Record<string, FieldSource | null> | null;
  correspondent: { id: string; name: string } | null;
  duplicateOf: { id: string; regNumber: string | null; score: number; textSimilarity: number } | null;
  error: string | null;
}

export interface AutofillFieldMetric {
  field: string;
  total: number;
  correct: number;
  proposed: number;
  accuracy: number | null;
}

export interface AutofillMetrics {
  cards: number;
  fields: AutofillFieldMetric[];
  overall: number | null;
  /** months of the range that have cards, in the organisation's time zone (YYYY-MM) */
  months: { month: string; cards: number; overall: number | null }[];
}

export interface CardSuggestions {
  abstain: boolean;
  executors: { staffId: string; name: string; departmentId: string | null; score: number }[];
  resolution: { text: string; score: number; fromCardId: string | null } | null;
}

const id = (value: string) => encodeURIComponent(value);

export function createAutofillApi(http: HttpClient) {
  return {
    /** Queues OCR and extraction (again, when a proposal exists) with the tesseract languages given. */
    request: (fileId: string, langs?: string) => http.post<{ status: string; langs: string }>(`/api/files/${id(fileId)}/autofill`, langs ? { langs } : {}),
    get: (fileId: string) => http.get<AutofillProposal>(`/api/files/${id(fileId)}/autofill`),
    metrics: (range: { from?: string; to?: string } = {}) => http.get<AutofillMetrics>('/api/autofill/metrics', { from: range.from || undefined, to: range.to || undefined }),
    suggestions: (cardId: string) => http.get<CardSuggestions>(`/api/cards/${id(cardId)}/suggestions`),
    /** The matched correspondent and a suggested executor come as ids; the form's pickers hold whole records. */
    correspondent: (correspondentId: string) => http.get<Correspondent>(`/api/correspondents/${id(correspondentId)}`),
    staffMember: (staffId: string) => http.get<StaffMember>(`/api/staff/${id(staffId)}`),
  };
}

export type AutofillApi = ReturnType<typeof createAutofillApi>;
