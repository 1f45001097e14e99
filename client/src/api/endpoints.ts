import { HttpClient } from './http.ts';
import { pageQuery, type Page, type PageRequest } from './pagination.ts';
import type {
  ApiToken,
  AuditEntry,
  AuditVerifyResult,
  AuthResponse,
  CreatedApiToken,
  Department,
  Job,
  JobState,
  NewUser,
  Organisation,
  Session,
  UserChange,
  UserSummary,
} from './types.ts';

/** The server's ETag for version n is `"v<n>"`. */
export function versionTag(version: number): string {
  return `"v${version}"`;
}

/** One typed function per API route the client uses. */
export function createApi(http: HttpClient) {
  const page = async <T>(path: string, request?: PageRequest, extra: Record<string, string> = {}): Promise<Page<T>> => {
    const result = await http.get<Page<T>>(path, { ...extra, ...pageQuery(request) });
    return { items: result.items, nextCursor: result.nextCursor ?? null };
  };
  // Short lists (the department tree, one user's sessions and tokens) come whole, as `{ items }`.
  const whole = async <T>(path: string): Promise<Page<T>> => ({
    items: (await http.get<{ items: T[] }>(path)).items,
    nextCursor: null,
  });
  const id = (value: string | number) => encodeURIComponent(String(value));
  // Sections of one page that mount together (the admin page's settings and department tree) ask for the
  // organisation at the same moment: they share one request; the next ask after it settles goes to the server again.
  let organisation: Promise<Organisation> | null = null;

  return {
    http,
    auth: {
      async login(login: string, password: string): Promise<AuthResponse> {
        const result = await http.post<AuthResponse>('/api/auth/login', { login, password }, { expectUnauthorized: true });
        http.csrfToken = result.csrfToken;
        return result;
      },
      async me(): Promise<AuthResponse> {
        const result = (await http.request<AuthResponse>('GET', '/api/auth/me', { expectUnauthorized: true })).data;
        http.csrfToken = result.csrfToken;
        return result;
      },
      async logout(): Promise<void> {
        await http.request<unknown>('POST', '/api/auth/logout', { expectUnauthorized: true });
        http.csrfToken = null;
      },
    },
    users: {
      page: (request?: PageRequest) => page<UserSummary>('/api/users', request),
      create: (user: NewUser) => http.post<UserSummary>('/api/users', user),
      update: async (user: Pick<UserSummary, 'id' | 'version'>, change: UserChange) =>
        (await http.request<UserSummary>('PATCH', `/api/users/${id(user.id)}`, { body: change, ifMatch: versionTag(user.version) }))
          .data,
    },
    org: {
      get: (): Promise<Organisation> =>
        (organisation ??= http.get<Organisation>('/api/org').finally(() => {
          organisation = null;
        })),
      updateSettings: async (org: Pick<Organisation, 'version'>, change: { acquisitionSource: boolean }) =>
        (await http.request<Organisation>('PATCH', '/api/org', { body: change, ifMatch: versionTag(org.version) })).data,
      departments: async () => (await whole<Department>('/api/departments')).items,
    },
    audit: {
      page: (request?: PageRequest) => page<AuditEntry>('/api/audit', request),
      verify: () => http.get<AuditVerifyResult>('/api/audit/verify'),
    },
    jobs: {
      page: (state: JobState, request?: PageRequest) => page<Job>('/api/jobs', request, { state }),
      retry: (jobId: number | string) => http.post<Job>(`/api/jobs/${id(jobId)}/retry`),
    },
    tokens: {
      list: () => whole<ApiToken>('/api/tokens'),
      create: (name: string) => http.post<CreatedApiToken>('/api/tokens', { name }),
      revoke: (tokenId: string) => http.delete(`/api/tokens/${id(tokenId)}`),
    },
    sessions: {
      list: () => whole<Session>('/api/sessions'),
      revoke: (sessionId: string) => http.delete(`/api/sessions/${id(sessionId)}`),
    },
  };
}

export type Api = ReturnType<typeof createApi>;
