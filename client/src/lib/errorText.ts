import { ApiError, CLIENT_ERROR_CODES } from '../api/problem.ts';
import { translate, type Locale } from '../i18n/format.ts';

/** The message to show for an error: the server's own text in the current language when it sent one. */
export function errorMessage(error: unknown, locale: Locale): string {
  if (error instanceof ApiError) {
    const localized = error.problem?.messages?.[locale];
    if (localized) return localized;
    if (error.code === CLIENT_ERROR_CODES.network) return translate(locale, 'error.network');
    // The server's detail is Russian; better than nothing when no translation came with it.
    if (error.problem?.detail) return error.problem.detail;
    if (error.problem?.title) return error.problem.title;
    return translate(locale, 'error.unexpected', { status: error.status });
  }
  const message = error instanceof Error ? error.message : String(error);
  return translate(locale, 'error.client', { message });
}
