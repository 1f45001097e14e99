import { createApi } from './endpoints.ts';
import { HttpClient } from './http.ts';
import { createRecordsApi } from './recordsEndpoints.ts';

/** The browser's single API client (same origin; the dev server proxies /api). */
export const api = createApi(new HttpClient());
/** The records routes, over the same HTTP client (one CSRF token, one 401 hook). */
export const records = createRecordsApi(api.http);
