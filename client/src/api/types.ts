// Shapes of the platform API (issue 2) as the client uses them.

export const ROLES = ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface NamedRef {
  id: string;
  name: string;
}

export interface CurrentUser {
  id: string;
  login: string;
  fullName: string;
  roles: string[];
  org: NamedRef & { shortName?: string };
  department: NamedRef | null;
  position: string | null;
}

export interface AuthResponse {
  user: CurrentUser;
  /** null when the caller authenticated with an API token rather than a cookie. */
  csrfToken: string | null;
}

export interface UserSummary {
  id: string;
  login: string;
  fullName: string;
  roles: string[];
  disabled: boolean;
  lockedUntil: string | null;
  staffId?: string | null;
  /** Optimistic-locking version; sent back as If-Match `"v<version>"`. */
  version: number;
}

export interface NewUser {
  login: string;
  fullName: string;
  password: string;
  roles: Role[];
}

export interface UserChange {
  fullName?: string;
  roles?: Role[];
  disabled?: boolean;
  unlock?: boolean;
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  inn: string | null;
  /** a source of acquisition of a state or municipal archive: permanent inventories go to the archive's ЭПК */
  acquisitionSource: boolean;
  version: number;
}


export interface Department {
  id: string;
  parentId: string | null;
  name: string;
  code: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string | null; login: string } | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  payload: unknown;
  requestId?: string | null;
  hash?: string;
}

export type AuditProblemKind = 'hash_mismatch' | 'prev_mismatch' | 'gap';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  problems: { seq: number; kind: AuditProblemKind | string; message: string }[];
}

export type JobState = 'dead' | 'queued' | 'running' | 'done';

export interface Job {
  id: number;
  kind: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: string;
  createdAt?: string;
  updatedAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, so the owner can tell tokens apart. */
  prefix?: string | null;
  createdAt?: string | null;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
}

export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface Session {
  id: string;
  createdAt?: string | null;
  lastSeenAt?: string | null;
  expiresAt?: string | null;
  userAgent?: string | null;
  ip?: string | null;
  current?: boolean;
}
