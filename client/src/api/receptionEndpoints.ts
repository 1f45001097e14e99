import type { HttpClient } from './http.ts';
import { versionTag } from './endpoints.ts';

// Shapes of the internet reception routes (server/api/reception): the public form, status and receipt (no session)
// and the administrator's settings.
export type AttachmentType = 'pdf' | 'jpeg' | 'png' | 'tiff' | 'docx' | 'odt';
export const ATTACHMENT_TYPES: readonly AttachmentType[] = ['pdf', 'jpeg', 'png', 'tiff', 'docx', 'odt'];

export interface ReceptionForm {
  slug: string;
  organisation: { name: string; shortName: string };
  enabled: boolean;
  limits: { maxFiles: number; maxFileBytes: number; allowedTypes: { type: AttachmentType; mime: string; extensions: string[] }[] };
  answerDays: number;
}

export type AppealType = 'заявление' | 'предложение' | 'жалоба';

export interface AppealInput {
  lastName: string;
  firstName: string;
  middleName?: string;
  email?: string;
  postalAddress?: string;
  phone?: string;
  appealType?: AppealType;
  text: string;
  consent: boolean;
  website: string;
}

export interface SubmittedAppeal {
  regNumber: string;
  regDate: string;
  deadline: string | null;
  statusCode: string;
  receipt: { name: string; size: number; sha256: string };
}

export type AppealStatus = 'registered' | 'in_work' | 'answered' | 'forwarded' | 'cancelled';

export interface AppealStatusView {
  regNumber: string;
  regDate: string;
  status: AppealStatus;
  deadline: string | null;
  /** the term was extended (59-FZ art. 12 part 2); `deadline` is the new one */
  extended: boolean;
  answeredOn: string | null;
  /** forwarded by competence: the body and the day */
  forwarding: { to: string; on: string } | null;
}

export interface ReceptionSettings {
  enabled: boolean;
  slug: string | null;
  journalId: string | null;
  addresseeStaffId: string | null;
  allowedTypes: AttachmentType[];
  maxFiles: number;
  maxFileBytes: number;
  version: number;
}

export type ReceptionSettingsInput = Omit<ReceptionSettings, 'version' | 'slug'> & { slug: string };

export function createReceptionApi(http: HttpClient) {
  const base = (slug: string) => `/api/public/reception/${encodeURIComponent(slug)}`;
  return {
    form: (slug: string) => http.get<ReceptionForm>(base(slug)),
    submit(slug: string, appeal: AppealInput, files: readonly File[]): Promise<SubmittedAppeal> {
      const form = new FormData();
      form.append('appeal', JSON.stringify(appeal));
      for (const file of files) form.append('files', file, file.name);
      return http.sendForm<SubmittedAppeal>(`${base(slug)}/appeals`, form);
    },
    status: (slug: string, number: string, code: string) => http.post<AppealStatusView>(`${base(slug)}/status`, { number, code }),
    receipt: (slug: string, number: string, code: string) => http.postForBlob(`${base(slug)}/receipt`, { number, code }),
    /** A new status code for an appeal card, printed on a new receipt (the PDF); the earlier code stops working. */
    issueCode: (cardId: string) => http.postForBlob(`/api/cards/${encodeURIComponent(cardId)}/status-code`, {}),
    settings: () => http.get<ReceptionSettings>('/api/org/reception'),
    saveSettings: async (current: Pick<ReceptionSettings, 'version'>, input: ReceptionSettingsInput) =>
      (await http.request<ReceptionSettings>('PUT', '/api/org/reception', { body: input, ifMatch: versionTag(current.version) })).data,
  };
}

/** The public address of an organisation's reception form in this client. */
export function receptionAddress(origin: string, slug: string): string {
  return `${origin}/#/reception/${slug}`;
}
