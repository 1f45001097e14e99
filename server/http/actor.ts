import type { Role } from '../models/User.ts';

/** The authenticated caller of a request. */
export interface Actor {
  userId: string;
  orgId: string;
  login: string;
  fullName: string;
  /** The person behind the account (executor, author, controller); null for technical accounts. */
  staffId: string | null;
  roles: Role[];
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  csrfToken: string | null;
}
