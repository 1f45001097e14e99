import { createApi } from './endpoints.ts';
import { HttpClient } from './http.ts';
import { createRecordsApi } from './recordsEndpoints.ts';
import { createSignatureApi } from './signatureEndpoints.ts';
import { createAutofillApi } from './autofillEndpoints.ts';
import { createReceptionApi } from './receptionEndpoints.ts';
import { createApprovalApi } from './approvalEndpoints.ts';
import { createAbsenceApi } from './absenceEndpoints.ts';
import { createAppealApi } from './appealEndpoints.ts';

/** The browser's single API client (same origin; the dev server proxies /api). */
export const api = createApi(new HttpClient());
/** The records routes, over the same HTTP client (one CSRF token, one 401 hook). */
export const records = createRecordsApi(api.http);
/** Signature checks of a card's files and the trust store (issue 4). */
export const signatures = createSignatureApi(api.http);
/** Proposals from scans, resolution suggestions, autofill accuracy (issue 5). */
export const autofill = createAutofillApi(api.http);
/** The internet reception: the public form and status check, and its settings (server/api/reception). */
export const reception = createReceptionApi(api.http);
/** Approval routes of cards and the inbox «на согласовании». */
export const approvals = createApprovalApi(api.http);
/** Absences and their deputies (замещение). */
export const absences = createAbsenceApi(api.http);
/** Citizens' appeals under 59-FZ: extension of the term, forwarding by competence, result of consideration. */
export const appeals = createAppealApi(api.http);
