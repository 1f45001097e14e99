import { beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ROLES } from '../src/api/types.ts';
import { en } from '../src/i18n/en.ts';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { saveScreenshot, type Browser } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

// axe-core (WCAG 2.1 A/AA) audits what a screenshot does not show: control names, contrast, landmarks, ARIA.
describe.skipIf(!available)('client shell in Chromium', () => {
  const harness = useBrowser();
  const baseUrl = () => harness.baseUrl;
  const demoPassword = () => harness.demoPassword;
  let page: Page;
  let browser: Browser;

  beforeEach(() => {
    page = harness.page;
    browser = harness.browser;
  });

  test('the login page is Russian by default; focus order is skip link, language, login, password', async () => {
    await page.goto(`${baseUrl()}/`);
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe(ru['login.title']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());
    // The login field has focus on arrival; walking backwards reaches the language toggle, then the skip link.
    await expect.poll(focused).toBe('login');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(ru['lang.toggle']);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(ru['skip.toMain']);
    await saveScreenshot(page, 'login-skip-link');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('main');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('login');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await saveScreenshot(page, 'login-ru');
  });

  // One sign-in per role covers the home screen, «Мои сеансы» and the help dialog, including an axe-core
  // audit of each: the server allows 30 sign-ins per address in 5 minutes, and the whole suite stays under that.
  for (const role of ROLES) {
    test(`${role} signs in, lands on the role's home screen, every screen passes axe, signs out`, async () => {
      await page.goto(`${baseUrl()}/`);
      await signIn(page, role, demoPassword());
      const heading = page.getByTestId(`home-${role}`);
      await heading.waitFor();
      expect(await heading.textContent()).toBe(ru[`home.${role}`]);
      expect(new URL(page.url()).hash).toBe(`#/${role}`);
      // The navigation offers the role's section and «Мои сеансы».
      await page.getByTestId(`nav-${role}`).waitFor();
      await page.getByTestId('nav-sessions').waitFor();
      // Lists finish loading before the audit, so the tables are audited too.
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, `home-${role}`);
      expect(await findAccessibilityViolations(page)).toEqual([]);

      await page.getByTestId('nav-sessions').click();
      await page.getByTestId('sessions-table').waitFor();
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Shift+Slash');
      await page.getByTestId('help-dialog').waitFor({ state: 'visible' });
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await signOut(page);
    });
  }

  test('admin sees the demo users, the department tree, dead jobs and API tokens', async () => {
    await page.goto(`${baseUrl()}/`);
    await signIn(page, 'admin', demoPassword());
    await page.getByTestId('home-admin').waitFor();
    const users = page.getByTestId('admin-users');
    for (const role of ROLES) await users.getByRole('cell', { name: role, exact: true }).waitFor();
    await page.getByTestId('admin-departments').locator('li').first().waitFor();
    await page.getByTestId('admin-dead-jobs').getByText(ru['admin.jobs.none']).waitFor();

    // The organisation's setting is saved on the server at once (If-Match), and put back as it was.
    const settings = page.getByTestId('admin-org-settings');
    const source = settings.getByLabel(ru['admin.org.acquisitionSource']);
    expect(await source.isChecked()).toBe(true);
    for (const wanted of [false, true]) {
      await source.press('Space');
      const stored = async () => ((await (await page.request.get(`${baseUrl()}/api/org`)).json()) as { acquisitionSource: boolean }).acquisitionSource;
      await expect.poll(stored, { timeout: 10_000 }).toBe(wanted);
      await settings.getByText(ru['admin.org.saved']).waitFor();
      expect(await source.isChecked()).toBe(wanted);
    }

    const tokens = page.getByTestId('admin-tokens');
    await tokens.getByLabel(ru['admin.tokens.name'], { exact: true }).fill('e2e-script');
    await tokens.getByLabel(ru['admin.tokens.name'], { exact: true }).press('Enter');
    const created = page.getByTestId('token-created');
    await created.waitFor();
    const token = await created.locator('input').inputValue();
    expect(token.length).toBeGreaterThan(16);
    // The token just shown works for scripts, without cookies or CSRF.
    const me = await fetch(`${baseUrl()}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    await saveScreenshot(page, 'admin-token-created');
    await tokens.getByRole('button', { name: ru['admin.tokens.revokeLabel'].replace('{name}', 'e2e-script') }).click();
    await tokens.getByText(ru['admin.tokens.none']).waitFor();
    await signOut(page);
  });

  test('admin creates a user with two roles; that user sees both and lands on the first; admin disables them', async () => {
    await page.goto(`${baseUrl()}/`);
    await signIn(page, 'admin', demoPassword());
    await page.getByTestId('home-admin').waitFor();
    await page.getByRole('button', { name: ru['admin.users.add'] }).click();
    const form = page.getByTestId('user-create-form');
    await form.getByLabel(ru['admin.users.login'], { exact: true }).fill('e2e.multi');
    await form.getByLabel(ru['admin.users.fullName'], { exact: true }).fill('Многоролевой Пользователь');
    // Ticked in reverse order: the landing page follows the canonical role order, not the clicks.
    await form.getByLabel(ru['role.executor'], { exact: true }).check();
    await form.getByLabel(ru['role.manager'], { exact: true }).check();
    const password = `multi-${crypto.randomUUID()}`;
    await form.getByLabel(ru['admin.users.password'], { exact: true }).fill(password);
    await saveScreenshot(page, 'admin-create-user');
    await form.getByLabel(ru['admin.users.password'], { exact: true }).press('Enter');
    await page.getByText(ru['admin.users.created'].replace('{login}', 'e2e.multi')).waitFor();
    await page.getByTestId('admin-users').getByRole('cell', { name: 'e2e.multi', exact: true }).waitFor();
    await signOut(page);

    await signIn(page, 'e2e.multi', password);
    await page.getByTestId('home-manager').waitFor();
    expect(new URL(page.url()).hash).toBe('#/manager');
    const links = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(links.map((text) => text.replace(/^\s*\d+\s*/, '').trim())).toEqual([
      ru['home.manager'],
      ru['home.executor'],
      ru['nav.approvals'],
      ru['nav.search'],
      ru['nav.reports'],
      ru['nav.autofill'],
      ru['nav.sessions'],
      ru['nav.absences'],
    ]);
    await saveScreenshot(page, 'home-several-roles');
    await page.keyboard.press('g');
    await page.keyboard.press('2');
    await page.getByTestId('home-executor').waitFor();
    await signOut(page);

    await signIn(page, 'admin', demoPassword());
    await page.getByRole('button', { name: ru['admin.users.disableLabel'].replace('{login}', 'e2e.multi') }).click();
    await page.getByText(ru['admin.users.updated'].replace('{login}', 'e2e.multi')).waitFor();
    await page.getByRole('button', { name: ru['admin.users.enableLabel'].replace('{login}', 'e2e.multi') }).waitFor();
    await signOut(page);
    await signIn(page, 'e2e.multi', password);
    await page.getByTestId('login-error').waitFor();
  });

  test('auditor checks the integrity of the audit log', async () => {
    await page.goto(`${baseUrl()}/`);
    await signIn(page, 'auditor', demoPassword());
    await page.getByTestId('home-auditor').waitFor();
    const rows = page.getByTestId('audit-list').locator('tbody tr');
    await rows.first().waitFor();
    // By now the suite has written more than one page (50) of entries: the next page follows the cursor.
    expect(await rows.count()).toBe(50);
    await page.getByTestId('audit-list').getByRole('button', { name: ru['common.loadMore'] }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    const seqs = (await rows.locator('td:first-child').allTextContents()).map(Number);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    await page.getByRole('button', { name: ru['audit.verify'] }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    await saveScreenshot(page, 'auditor-verified');
    await signOut(page);
  });

  test('keyboard: ? opens the shortcut help, Esc closes it, g 4 opens «Мои сеансы» (after the inbox, «На согласовании» and search)', async () => {
    await page.goto(`${baseUrl()}/`);
    await signIn(page, 'executor', demoPassword());
    await page.getByTestId('home-executor').waitFor();
    await page.keyboard.press('Shift+Slash');
    const help = page.getByTestId('help-dialog');
    await help.waitFor({ state: 'visible' });
    await saveScreenshot(page, 'help-dialog');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.keyboard.press('g');
    await page.keyboard.press('4');
    await page.getByTestId('sessions-page').waitFor();
    await page.locator('[data-testid="sessions-table"] tr[data-current="true"]').waitFor();
    await saveScreenshot(page, 'sessions');
    await signOut(page);
  });

  test('«Мои сеансы» ends another session, and ending the current one signs out', async () => {
    // A second session of the same user, opened by a script.
    const other = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'archivist', password: demoPassword() }),
    });
    expect(other.status).toBe(200);

    await page.goto(`${baseUrl()}/#/sessions`);
    await signIn(page, 'archivist', demoPassword());
    await page.getByTestId('sessions-page').waitFor();
    const rows = page.locator('[data-testid="sessions-table"] tbody tr');
    // This browser's session and the script's, and any other test's that is still open.
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const before = await rows.count();
    await rows.and(page.locator(':not([data-current])')).first().getByRole('button').click();
    await page.getByText(ru['sessions.revoked']).waitFor();
    await expect.poll(() => rows.count()).toBe(before - 1);

    await rows.and(page.locator('[data-current="true"]')).getByRole('button').click();
    await page.getByTestId('login-title').waitFor();
  });

  test('a session ended elsewhere brings the user back to the login page with a notice', async () => {
    await page.goto(`${baseUrl()}/`);
    await signIn(page, 'lawyer', demoPassword());
    await page.getByTestId('home-lawyer').waitFor();
    const cookies = await browser.context.cookies(baseUrl());
    const value = (name: string) => cookies.find((cookie) => cookie.name === name)?.value ?? '';
    const logout = await fetch(`${baseUrl()}/api/auth/logout`, {
      method: 'POST',
      headers: { Cookie: `kt_session=${value('kt_session')}; kt_csrf=${value('kt_csrf')}`, 'X-CSRF-Token': value('kt_csrf') },
    });
    expect(logout.status).toBe(204);
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.getByText(ru['login.sessionEnded']).waitFor();
    await saveScreenshot(page, 'login-session-ended');
  });

  test('a wrong password shows the server’s Russian message, and English after the toggle', async () => {
    await page.goto(`${baseUrl()}/`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      signIn(page, 'clerk', 'definitely-not-the-password'),
    ]);
    expect(response.status()).toBe(401);
    const problem = (await response.json()) as { code: string; messages: { ru: string; en: string } };
    expect(problem.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(problem.messages.ru).toMatch(/[а-яё]/i);

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(problem.messages.ru);
    await saveScreenshot(page, 'login-wrong-password-ru');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => alert.textContent()).toContain(problem.messages.en);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => alert.textContent()).toContain(problem.messages.ru);
  });

  test('the language toggle switches to English and the choice survives a reload', async () => {
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe(en['login.title']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe(en['login.title']);
    await saveScreenshot(page, 'login-en');

    await signIn(page, 'lawyer', demoPassword(), 'en');
    const heading = page.getByTestId('home-lawyer');
    await heading.waitFor();
    expect(await heading.textContent()).toBe(en['home.lawyer']);
    await saveScreenshot(page, 'home-lawyer-en');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => heading.textContent()).toBe(ru['home.lawyer']);
    await signOut(page);
  });

  test('nothing was requested from outside the Kartoteka server, and no script error or CSP refusal occurred', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
