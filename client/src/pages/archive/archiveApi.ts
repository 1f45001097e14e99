import { api } from '../../api/client.ts';
import { createArchiveApi } from '../../api/archiveEndpoints.ts';

/** The records-management routes, over the browser's single HTTP client (one CSRF token, one 401 hook). */
export const archive = createArchiveApi(api.http);
