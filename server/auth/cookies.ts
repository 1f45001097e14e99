export const SESSION_COOKIE = 'kt_session';
export const CSRF_COOKIE = 'kt_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
