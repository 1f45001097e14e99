import { api } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import type { CurrentUser } from '../api/types.ts';
import type { MessageKey } from '../i18n/ru.ts';

type Status = 'loading' | 'anonymous' | 'authenticated';

let status = $state<Status>('loading');
let user = $state<CurrentUser | null>(null);
let notice = $state<MessageKey | null>(null);
let startupError = $state<unknown>(null);

export const session = {
  get status(): Status {
    return status;
  },
  get user(): CurrentUser | null {
    return user;
  },
  /** A message for the login page, e.g. after the session expired elsewhere. */
  get notice(): MessageKey | null {
    return notice;
  },
  get startupError(): unknown {
    return startupError;
  },
};

// Any 401 on an ordinary request means the session was revoked or expired.
api.http.setUnauthorizedHandler((_error: ApiError) => {
  if (status !== 'authenticated') return;
  user = null;
  status = 'anonymous';
  notice = 'login.sessionEnded';
});

export async function restoreSession(): Promise<void> {
  try {
    const result = await api.auth.me();
    user = result.user;
    status = 'authenticated';
  } catch (error) {
    // 401 is the normal "not signed in"; anything else is shown on the login page.
    if (!(error instanceof ApiError && error.status === 401)) startupError = error;
    status = 'anonymous';
  }
}

/** A new sign-in attempt replaces whatever the login page was showing about the previous state. */
export function dismissNotices(): void {
  notice = null;
  startupError = null;
}

export async function signIn(login: string, password: string): Promise<CurrentUser> {
  const result = await api.auth.login(login, password);
  user = result.user;
  notice = null;
  startupError = null;
  status = 'authenticated';
  return result.user;
}

export async function signOut(): Promise<void> {
  try {
    await api.auth.logout();
  } finally {
    user = null;
    notice = null;
    status = 'anonymous';
  }
}
