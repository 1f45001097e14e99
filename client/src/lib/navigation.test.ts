import { describe, expect, test } from 'vitest';
import { ABSENCES_PATH, cardPath, homePath, knownRoles, navItems, readsJournals, resolveRoute, SESSIONS_PATH, splitAddress } from './navigation.ts';

describe('navigation by role', () => {
  test('a user with several roles sees all of them and lands on the first', () => {
    const roles = ['manager', 'executor'];
    expect(homePath(roles)).toBe('/manager');
    expect(navItems(roles).map((item) => item.path)).toEqual(['/manager', '/executor', '/approvals', '/search', '/reports', '/autofill-metrics', SESSIONS_PATH, ABSENCES_PATH]);
    expect(navItems(roles).map((item) => item.labelKey)).toEqual([
      'home.manager',
      'home.executor',
      'nav.approvals',
      'nav.search',
      'nav.reports',
      'nav.autofill',
      'nav.sessions',
      'nav.absences',
    ]);
  });

  test('the assignment inbox is a section for roles whose home is something else', () => {
    expect(navItems(['clerk']).map((item) => item.testid)).toEqual(['clerk', 'inbox', 'approvals', 'search', 'reports', 'autofill', 'sessions', 'absences']);
    expect(navItems(['executor']).map((item) => item.testid)).toEqual(['executor', 'approvals', 'search', 'sessions', 'absences']);
    expect(navItems(['auditor']).map((item) => item.testid)).toEqual(['auditor', 'search', 'reports', 'autofill', 'sessions', 'absences']);
    expect(navItems(['manager']).find((item) => item.role === 'manager')?.badge).toBe('resolution');
    // «На согласовании» is the lawyer's home and a section for the other approvers; an auditor never approves.
    expect(navItems(['lawyer']).map((item) => item.testid)).toEqual(['lawyer', 'inbox', 'search', 'archive', 'sessions', 'absences']);
    expect(navItems(['lawyer'])[0]?.badge).toBe('approvals');
    expect(navItems(['clerk']).find((item) => item.testid === 'approvals')?.badge).toBe('approvals');
    expect(resolveRoute('/approvals', ['clerk'])).toEqual({ kind: 'approvals' });
    expect(resolveRoute('/approvals', ['auditor'])).toEqual({ kind: 'forbidden' });
  });

  test('unknown and repeated roles are ignored', () => {
    expect(knownRoles(['root', 'auditor', 'auditor', 'clerk'])).toEqual(['auditor', 'clerk']);
    expect(homePath(['root'])).toBe(SESSIONS_PATH);
    expect(navItems(['root']).map((item) => item.path)).toEqual([SESSIONS_PATH]);
  });

  test('a role page is open only to holders of the role', () => {
    expect(resolveRoute('/auditor', ['auditor'])).toEqual({ kind: 'home', role: 'auditor' });
    expect(resolveRoute('/admin', ['auditor'])).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/sessions', ['clerk'])).toEqual({ kind: 'sessions' });
    expect(resolveRoute('/absences', ['executor'])).toEqual({ kind: 'absences' });
    expect(resolveRoute('/absences', ['root'])).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/nowhere', ['clerk'])).toEqual({ kind: 'notFound' });
  });

  test('records sections and card pages', () => {
    const id = '5e0271ce-3a86-48c5-a973-5a8b5b06ecee';
    expect(resolveRoute(cardPath(id), ['executor'])).toEqual({ kind: 'card', id });
    expect(resolveRoute('/cards/not-an-id', ['executor'])).toEqual({ kind: 'notFound' });
    expect(resolveRoute('/search', ['lawyer'])).toEqual({ kind: 'search' });
    expect(resolveRoute('/reports', ['executor'])).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/reports', ['auditor'])).toEqual({ kind: 'reports' });
    expect(resolveRoute('/autofill-metrics', ['manager'])).toEqual({ kind: 'autofillMetrics' });
    expect(resolveRoute('/autofill-metrics', ['executor'])).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/inbox', ['manager'])).toEqual({ kind: 'inbox' });
    expect(resolveRoute('/inbox', ['auditor'])).toEqual({ kind: 'forbidden' });
    expect(readsJournals(['executor'])).toBe(false);
    expect(readsJournals(['executor', 'auditor'])).toBe(true);
  });

  test('the archive is the archivist’s home and a section for administrators and lawyers', () => {
    expect(navItems(['archivist']).some((item) => item.testid === 'archive')).toBe(false);
    expect(navItems(['admin']).some((item) => item.testid === 'archive')).toBe(true);
    expect(resolveRoute('/archive', ['lawyer'])).toEqual({ kind: 'archive' });
    expect(resolveRoute('/archive', ['executor'])).toEqual({ kind: 'forbidden' });
    // an address a colleague shares opens the archivist's own home, not «Раздел недоступен»
    expect(resolveRoute('/archive', ['archivist'])).toEqual({ kind: 'home', role: 'archivist' });
    expect(resolveRoute('/inbox', ['executor'])).toEqual({ kind: 'home', role: 'executor' });
    expect(resolveRoute('/approvals', ['lawyer'])).toEqual({ kind: 'home', role: 'lawyer' });
    expect(resolveRoute('/archivist', ['archivist'])).toEqual({ kind: 'home', role: 'archivist' });
  });

  test('an address may carry parameters after the page', () => {
    const { path, params } = splitAddress('/search?q=%D1%80%D0%B5%D0%BC%D0%BE%D0%BD%D1%82&kind=incoming');
    expect(path).toBe('/search');
    expect(params.get('q')).toBe('ремонт');
    expect(splitAddress('/search').params.toString()).toBe('');
    expect(resolveRoute('/search?q=x', ['clerk'])).toEqual({ kind: 'search' });
  });
});
