import type { HttpClient } from './http.ts';
import type { SearchHit } from './records.ts';

// Shapes of the archival package routes (issue 6): server/api/packages/schema.ts.
export type PackageStatus = 'pending' | 'packaged' | 'failed';
export type FixityResult = 'ok' | 'mismatch' | 'missing';

export interface Digests {
  sha512: string;
  sha256: string;
  'streebog-256': string;
}

export interface PackageSummary {
  id: string;
  objectType: string;
  objectId: string;
  ocflId: string;
  status: PackageStatus;
  currentVersion: number;
  storage: string;
  anchor: Digests | null;
  sizeBytes: number;
  error: string | null;
  lastFixityAt: string | null;
  lastFixityResult: FixityResult | null;
  fixityAlert: boolean;
  card: { regNumber: string | null; regDate: string | null; summary: string; kind: string } | null;
  /** set when the document was destroyed under a destruction act; `version` is the OCFL version recording it */
  destruction: { at: string; actId: string; act: string; reason: string; caseIndex: string | null; executedBy: string | null; auditSeq: number; version: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export interface FixityCheck {
  id: string;
  packageVersion: number;
  result: FixityResult;
  files: number;
  bytes: number;
  problems: { code: string; message: string }[];
  trigger: 'scheduled' | 'manual';
  checkedAt: string;
}

export interface PackageFile {
  path: string;
  size: number;
  mime: string;
  role: string;
  digests: Digests;
}

export interface EvidenceEntry {
  batchId: string;
  tsa: string;
  trusted: boolean;
  label: string;
  genTime: string;
  tsaNotAfter: string;
  algorithm: string;
  renewedBy: string | null;
  renews: string | null;
  current: boolean;
}

export interface PackageDetail extends PackageSummary {
  objectPath: string | null;
  versions: { version: string; created: string; message: string; anchor: Digests }[];
  notes: { file: string; kind: string; message: string }[];
  files: PackageFile[];
  otherFiles: string[];
  signatures: { signature: string; signs: string; validationTime: string; indications: string[] }[];
  pdfa: { file: string; report: string; conformant: boolean }[];
  fixity: FixityCheck[];
  evidence: EvidenceEntry[];
}

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  valid: boolean;
  checks: VerifyCheck[];
  version: string;
  anchor: string | null;
}

export interface PackageListQuery {
  status?: PackageStatus;
  destroyed?: boolean;
  fixityAlert?: boolean;
  objectId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface ArchiveSearchQuery {
  q?: string;
  inventoryId?: string;
  caseId?: string;
  caseIndex?: string;
  yearFrom?: number;
  yearTo?: number;
  kind?: string;
  correspondent?: string;
  archivedOnly?: boolean;
  limit?: number;
  cursor?: string;
}

/** A card search hit (records.ts), with the card's archival package. */
export interface ArchiveHit extends Omit<SearchHit, 'score' | 'exactNumber'> {
  package: { id: string; status: PackageStatus; currentVersion: number } | null;
}

export interface ArchiveSearchResult {
  items: ArchiveHit[];
  total: { value: number; capped: boolean };
  nextCursor: string | null;
}

const id = (value: string) => encodeURIComponent(value);

/** The package as a ZIP: a plain link, so the browser streams it to disk with the server's file name. */
export function packageDownloadUrl(packageId: string): string {
  return `/api/packages/${id(packageId)}/download`;
}

export function createPackageApi(http: HttpClient) {
  return {
    list: (query: PackageListQuery = {}) => http.get<{ items: PackageSummary[]; nextCursor: string | null }>('/api/packages', { ...query, q: query.q?.trim() || undefined }),
    get: (packageId: string) => http.get<PackageDetail>(`/api/packages/${id(packageId)}`),
    verify: (packageId: string) => http.get<VerifyResult>(`/api/packages/${id(packageId)}/verify`),
    checkFixity: (packageId: string) => http.post<FixityCheck>(`/api/packages/${id(packageId)}/fixity`, {}),
    repackage: (packageId: string) => http.post<PackageSummary>(`/api/packages/${id(packageId)}/repackage`, {}),
    clearAlert: (packageId: string, note: string) => http.post<PackageSummary>(`/api/packages/${id(packageId)}/fixity-alert/clear`, { note }),
    alerts: async () => (await http.get<{ items: { package: PackageSummary; lastCheck: FixityCheck | null }[] }>('/api/archive/fixity-alerts')).items,
    /** Archive search: fund (the organisation), inventory, case, years, kind, correspondent, text. */
    search: (query: ArchiveSearchQuery) => http.get<ArchiveSearchResult>('/api/archive/search', { ...query }),
    /** Sends the card to the archive (If-Match with the card's version); the package is built in the background. */
    archiveCard: (cardId: string, version: number) => http.post<PackageSummary>(`/api/cards/${id(cardId)}/archive`, {}, { ifMatch: `"v${version}"` }),
  };
}

export type PackageApi = ReturnType<typeof createPackageApi>;
