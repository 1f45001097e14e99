import type { HttpClient } from './http.ts';

// Absences and deputies (server/api/absences, presenters/absencePresenter.ts).
export type AbsenceReason = 'vacation' | 'business_trip' | 'sick_leave' | 'other';
export type AbsenceStatus = 'planned' | 'active' | 'over' | 'cancelled';

export interface AbsencePerson {
  staffId: string;
  name: string;
  position: string | null;
}

export interface Absence {
  id: string;
  staff: AbsencePerson;
  deputy: AbsencePerson;
  startsOn: string;
  endsOn: string;
  reason: AbsenceReason;
  note: string | null;
  status: AbsenceStatus;
  cancelledAt: string | null;
  version: number;
  createdAt: string;
}

/** The absent person a deputy acts for: the «за …» of the inboxes. */
export interface Principal {
  staffId: string;
  name: string;
}

export interface AbsenceInput {
  staffId?: string;
  deputyStaffId: string;
  startsOn: string;
  endsOn: string;
  reason: AbsenceReason;
  note?: string | null;
}

export const ABSENCE_REASONS: readonly AbsenceReason[] = ['vacation', 'business_trip', 'sick_leave', 'other'];

export function createAbsenceApi(http: HttpClient) {
  const one = (id: string) => `/api/absences/${encodeURIComponent(id)}`;
  const version = (a: Pick<Absence, 'version'>) => `"v${a.version}"`;
  return {
    /** Mine (or a staff member's, for administrators), or whom I stand in for (`as: 'deputy'`). */
    list: async (options: { staffId?: string; as?: 'absent' | 'deputy' } = {}) =>
      (await http.get<{ items: Absence[] }>('/api/absences', { ...(options.staffId ? { staffId: options.staffId } : {}), ...(options.as ? { as: options.as } : {}) })).items,
    record: (input: AbsenceInput) => http.post<Absence>('/api/absences', input),
    shorten: async (a: Pick<Absence, 'id' | 'version'>, endsOn: string) => (await http.request<Absence>('PATCH', one(a.id), { body: { endsOn }, ifMatch: version(a) })).data,
    cancel: async (a: Pick<Absence, 'id' | 'version'>) => (await http.request<Absence>('POST', `${one(a.id)}/cancel`, { body: {}, ifMatch: version(a) })).data,
  };
}

export type AbsenceApi = ReturnType<typeof createAbsenceApi>;
