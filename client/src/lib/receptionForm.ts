// The public reception pages' pure logic: their addresses, the checks made before sending (the server checks again
// and has the last word), and where a server's field error belongs on the form.
import type { MessageKey } from '../i18n/ru.ts';
import type { ReceptionForm } from '../api/receptionEndpoints.ts';

export type ReceptionRoute = { kind: 'form'; slug: string } | { kind: 'status'; slug: string };

const RECEPTION = /^\/reception\/([a-z0-9][a-z0-9-]*)(\/status)?\/?$/;

/** `/reception/<slug>` (the form) and `/reception/<slug>/status`; public, shown with or without a session. */
export function receptionRoute(path: string): ReceptionRoute | null {
  const match = RECEPTION.exec(path.split('?')[0] ?? '');
  if (!match?.[1]) return null;
  return { kind: match[2] ? 'status' : 'form', slug: match[1] };
}

export function receptionPath(route: ReceptionRoute): string {
  return route.kind === 'status' ? `/reception/${route.slug}/status` : `/reception/${route.slug}`;
}

export type AppealField = 'lastName' | 'firstName' | 'email' | 'postalAddress' | 'text' | 'consent' | 'files';

export interface AppealDraft {
  lastName: string;
  firstName: string;
  email: string;
  postalAddress: string;
  text: string;
  consent: boolean;
  files: readonly { name: string; size: number }[];
}

export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

// The shape browsers accept for type="email"; the server's format check decides.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "10 МБ" / "10 MB": limits are whole megabytes in practice. */
export function megabytes(bytes: number, locale: 'ru' | 'en'): string {
  const mb = Math.round((bytes / 1024 / 1024) * 10) / 10;
  return `${String(mb).replace('.', locale === 'ru' ? ',' : '.')} ${locale === 'ru' ? 'МБ' : 'MB'}`;
}

export function allowedExtensions(limits: ReceptionForm['limits']): string[] {
  return limits.allowedTypes.flatMap((t) => t.extensions);
}

/** The first problem of each field, in the order of the form. */
export function checkAppealDraft(draft: AppealDraft, limits: ReceptionForm['limits'], locale: 'ru' | 'en'): Partial<Record<AppealField, FieldProblem>> {
  const problems: Partial<Record<AppealField, FieldProblem>> = {};
  if (!draft.lastName.trim()) problems.lastName = { key: 'rcp.err.lastName' };
  if (!draft.firstName.trim()) problems.firstName = { key: 'rcp.err.firstName' };
  const email = draft.email.trim();
  if (email && !EMAIL.test(email)) problems.email = { key: 'rcp.err.email' };
  else if (!email && !draft.postalAddress.trim()) problems.email = { key: 'rcp.err.contact' };
  if (draft.text.trim().length < 10) problems.text = { key: 'rcp.err.text' };
  const extensions = allowedExtensions(limits);
  if (draft.files.length > limits.maxFiles) problems.files = { key: 'rcp.err.tooManyFiles', params: { count: limits.maxFiles } };
  else {
    for (const file of draft.files) {
      const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? '';
      if (!extensions.includes(extension)) {
        problems.files = { key: 'rcp.err.fileType', params: { name: file.name, types: extensions.join(', ') } };
        break;
      }
      if (file.size > limits.maxFileBytes) {
        problems.files = { key: 'rcp.err.fileTooLarge', params: { name: file.name, size: megabytes(limits.maxFileBytes, locale) } };
        break;
      }
    }
  }
  if (!draft.consent) problems.consent = { key: 'rcp.err.consent' };
  return problems;
}

const FIELDS: readonly AppealField[] = ['lastName', 'firstName', 'email', 'postalAddress', 'text', 'consent', 'files'];

/** The form field a server error path (`/body/lastName`) points at, if any. */
export function fieldOfPath(path: string): AppealField | null {
  const name = /^\/body\/([A-Za-z]+)/.exec(path)?.[1];
  return FIELDS.find((f) => f === name) ?? null;
}

/** A calendar date (YYYY-MM-DD) as people write it: 25.11.2026 in Russian, ISO in English. */
export function calendarDay(iso: string, locale: 'ru' | 'en'): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return locale === 'ru' && y && m && d ? `${d}.${m}.${y}` : iso.slice(0, 10);
}

/** The receipt's file name as the server gives it (a slash of the number would read as a folder). */
export function receiptFileName(regNumber: string): string {
  return `Уведомление о регистрации ${regNumber.replace(/[\\/]/g, '_')}.pdf`;
}
