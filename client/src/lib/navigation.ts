import { isRole, type Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/ru.ts';

export const SESSIONS_PATH = '/sessions';
export const ABSENCES_PATH = '/absences';
export const INBOX_PATH = '/inbox';
export const APPROVALS_PATH = '/approvals';
export const SEARCH_PATH = '/search';
export const REPORTS_PATH = '/reports';
export const AUTOFILL_METRICS_PATH = '/autofill-metrics';
export const ARCHIVE_PATH = '/archive';
export const PACKAGES_PATH = '/archive/packages';
const CARD_PREFIX = '/cards/';

/** Which navigation badge an item carries (see `lib/badges.svelte.ts`). */
export type BadgeKind = 'assignments' | 'resolution' | 'registration' | 'approvals';

export interface NavItem {
  path: string;
  labelKey: MessageKey;
  role: Role | null;
  /** Stable name for tests (`data-testid="nav-<testid>"`). */
  testid: string;
  badge?: BadgeKind;
}

export type ResolvedRoute =
  | { kind: 'home'; role: Role }
  | { kind: 'sessions' }
  | { kind: 'absences' }
  | { kind: 'inbox' }
  | { kind: 'approvals' }
  | { kind: 'search' }
  | { kind: 'reports' }
  | { kind: 'autofillMetrics' }
  | { kind: 'archive' }
  | { kind: 'packages' }
  | { kind: 'package'; id: string }
  | { kind: 'card'; id: string }
  | { kind: 'forbidden' }
  | { kind: 'notFound' };

// Mirrors the server's permissions (server/policies) only to decide what to show; the server decides access.
const ASSIGNMENT_WORKERS: readonly Role[] = ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist'];
// Whoever may be an approver (server permission approvals.decide).
const APPROVERS: readonly Role[] = ['admin', 'clerk', 'manager', 'executor', 'lawyer', 'archivist'];
const REPORT_READERS: readonly Role[] = ['admin', 'clerk', 'manager', 'auditor'];
const JOURNAL_READERS: readonly Role[] = ['admin', 'clerk', 'manager', 'archivist', 'auditor'];
// The archivist's home is the archive; administrators and lawyers (legal holds) get it as a section.
const ARCHIVE_SECTION_ROLES: readonly Role[] = ['admin', 'lawyer'];
// Archival packages (server permission archive.manage).
const PACKAGE_ROLES: readonly Role[] = ['admin', 'archivist'];

/** Whether the journals list may be asked for (the search's journal filter). */
export function readsJournals(roles: readonly string[]): boolean {
  return knownRoles(roles).some((role) => JOURNAL_READERS.includes(role));
}

/** The user's roles that this client knows, in the order the server gave them (the first is the landing page). */
export function knownRoles(roles: readonly string[]): Role[] {
  const result: Role[] = [];
  for (const role of roles) if (isRole(role) && !result.includes(role)) result.push(role);
  return result;
}

export function rolePath(role: Role): string {
  return `/${role}`;
}

export function cardPath(cardId: string): string {
  return `${CARD_PREFIX}${cardId}`;
}

export function homePath(roles: readonly string[]): string {
  const first = knownRoles(roles)[0];
  return first ? rolePath(first) : SESSIONS_PATH;
}

const ROLE_BADGE: Partial<Record<Role, BadgeKind>> = {
  clerk: 'registration',
  manager: 'resolution',
  executor: 'assignments',
  lawyer: 'approvals',
};

/** The section whose page a role's home shows (resolveRoute). */
const SECTION_HOMES: Partial<Record<Role, string>> = {
  archivist: ARCHIVE_PATH,
  executor: INBOX_PATH,
  lawyer: APPROVALS_PATH,
};

/** The executor's home is the assignment inbox; other roles that work on assignments get it as a section. */
function hasInboxSection(roles: readonly Role[]): boolean {
  return !roles.includes('executor') && roles.some((role) => ASSIGNMENT_WORKERS.includes(role));
}

/** The lawyer's home is «На согласовании»; other roles that may be approvers get it as a section. */
function hasApprovalsSection(roles: readonly Role[]): boolean {
  return !roles.includes('lawyer') && roles.some((role) => APPROVERS.includes(role));
}

export function navItems(roles: readonly string[]): NavItem[] {
  const known = knownRoles(roles);
  const items: NavItem[] = known.map((role): NavItem => {
    const badge = ROLE_BADGE[role];
    return { path: rolePath(role), labelKey: `home.${role}`, role, testid: role, ...(badge ? { badge } : {}) };
  });
  if (hasInboxSection(known)) items.push({ path: INBOX_PATH, labelKey: 'nav.inbox', role: null, testid: 'inbox', badge: 'assignments' });
  if (hasApprovalsSection(known)) items.push({ path: APPROVALS_PATH, labelKey: 'nav.approvals', role: null, testid: 'approvals', badge: 'approvals' });
  if (known.length > 0) items.push({ path: SEARCH_PATH, labelKey: 'nav.search', role: null, testid: 'search' });
  if (known.some((role) => REPORT_READERS.includes(role))) items.push({ path: REPORTS_PATH, labelKey: 'nav.reports', role: null, testid: 'reports' });
  if (known.some((role) => REPORT_READERS.includes(role))) items.push({ path: AUTOFILL_METRICS_PATH, labelKey: 'nav.autofill', role: null, testid: 'autofill' });
  if (!known.includes('archivist') && known.some((role) => ARCHIVE_SECTION_ROLES.includes(role))) items.push({ path: ARCHIVE_PATH, labelKey: 'nav.archive', role: null, testid: 'archive' });
  if (known.some((role) => PACKAGE_ROLES.includes(role))) items.push({ path: PACKAGES_PATH, labelKey: 'nav.packages', role: null, testid: 'packages' });
  items.push({ path: SESSIONS_PATH, labelKey: 'nav.sessions', role: null, testid: 'sessions' });
  // Everyone who works in the organisation may be away and name a deputy; last, so the g-number shortcuts stay.
  if (known.length > 0) items.push({ path: ABSENCES_PATH, labelKey: 'nav.absences', role: null, testid: 'absences' });
  return items;
}

/** An address's page and its parameters: `/search?q=ремонт` → `/search` and `q=ремонт`. */
export function splitAddress(address: string): { path: string; params: URLSearchParams } {
  const index = address.indexOf('?');
  if (index < 0) return { path: address, params: new URLSearchParams() };
  return { path: address.slice(0, index), params: new URLSearchParams(address.slice(index + 1)) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resolveRoute(address: string, roles: readonly string[]): ResolvedRoute {
  const { path } = splitAddress(address);
  if (path === SESSIONS_PATH) return { kind: 'sessions' };
  const known = knownRoles(roles);
  if (path.startsWith(CARD_PREFIX)) {
    const id = path.slice(CARD_PREFIX.length);
    if (!UUID.test(id)) return { kind: 'notFound' };
    return known.length > 0 ? { kind: 'card', id } : { kind: 'forbidden' };
  }
  if (path.startsWith(`${PACKAGES_PATH}/`)) {
    const id = path.slice(PACKAGES_PATH.length + 1);
    if (!UUID.test(id)) return { kind: 'notFound' };
    return known.some((role) => PACKAGE_ROLES.includes(role)) ? { kind: 'package', id } : { kind: 'forbidden' };
  }
  const section = navItems(roles).find((item) => item.role === null && item.path === path);
  if (section?.testid === 'inbox') return { kind: 'inbox' };
  if (section?.testid === 'approvals') return { kind: 'approvals' };
  if (section?.testid === 'search') return { kind: 'search' };
  if (section?.testid === 'reports') return { kind: 'reports' };
  if (section?.testid === 'autofill') return { kind: 'autofillMetrics' };
  if (section?.testid === 'archive') return { kind: 'archive' };
  if (section?.testid === 'packages') return { kind: 'packages' };
  if (section?.testid === 'absences') return { kind: 'absences' };
  // A section address shared by a colleague (`#/archive`, `#/inbox`, `#/approvals`) whose page is this user's own
  // home opens the home: the archivist's archive is the same page under /archivist.
  const home = known.find((role) => SECTION_HOMES[role] === path);
  if (home) return { kind: 'home', role: home };
  if (path === PACKAGES_PATH) return { kind: 'forbidden' };
  if (path === INBOX_PATH || path === APPROVALS_PATH || path === ABSENCES_PATH || path === SEARCH_PATH || path === REPORTS_PATH || path === AUTOFILL_METRICS_PATH || path === ARCHIVE_PATH) return { kind: 'forbidden' };
  const name = path.replace(/^\//, '');
  if (isRole(name)) return known.includes(name) ? { kind: 'home', role: name } : { kind: 'forbidden' };
  return { kind: 'notFound' };
}
