import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../src/i18n/en.ts';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { letterPdf } from './letterPdf.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

// The word of the PDF searched for later appears only in the file's text (not in the card), in another form.
const PDF_LINES = [
  'ООО «Водоканал Заречный»',
  'Главе городского округа Заречный',
  'Просим согласовать ремонт канализационных коллекторов',
  'на улице Лесной в третьем квартале.',
];
const SEARCH_FORM = 'канализационный';
const SUMMARY = 'О ремонте сетей на улице Лесной';
const DRAFT_SUMMARY = 'Служебная записка о графике отпусков';

describe.skipIf(!available)('records: registration → resolution → assignments → executed → found', () => {
  const harness = useBrowser();
  let page: Page;
  const second = { login: 'e2e.zaitsev', password: `z-${crypto.randomUUID()}`, lastName: 'Зайцев' };
  const password = () => harness.demoPassword;

  beforeAll(async () => {
    // A second executor: a staff member with a user of their own, made through the admin API.
    const admin = await apiSession(harness.baseUrl, 'admin', harness.demoPassword);
    const staff = await admin.post<{ id: string }>('/api/staff', { lastName: second.lastName, firstName: 'Пётр', middleName: 'Ильич' });
    await admin.post('/api/users', {
      login: second.login,
      fullName: 'Зайцев Пётр Ильич',
      password: second.password,
      roles: ['executor'],
      staffId: staff.id,
    });
    // A draft card (not registered) waits on the clerk's home.
    await admin.post('/api/cards', { kind: 'internal', summary: DRAFT_SUMMARY });
  });

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    // Nothing left the server, and no script error or CSP refusal was logged on any records screen.
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  async function pickOption(inputSelector: string, query: string, optionText: string | RegExp) {
    const input = page.locator(inputSelector);
    await input.fill(query);
    await page.locator(`${inputSelector}-list`).getByRole('option', { name: optionText }).first().click();
  }

  async function openInboxItem(summaryText: string) {
    return page.getByTestId('inbox-item').filter({ hasText: summaryText });
  }

  async function submitDialog(action: string, text: string) {
    const dialog = page.getByTestId(`dialog-${action}`);
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('#act-text').fill(text);
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('inbox-message').waitFor();
  }

  test('the whole way of an incoming letter', async () => {
    const pdf = Buffer.from(await letterPdf(PDF_LINES));

    // 1. The clerk registers the letter with its PDF (dropped on the form) and a new correspondent.
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'clerk', password());
    await page.getByTestId('home-clerk').waitFor();
    const form = page.getByTestId('register-form');
    // Tab walks the fields in the order of the paper card (a date field's day/month/year parts count once).
    await page.getByTestId('kind-fields').waitFor();
    await page.locator('#reg-kind').focus();
    const order: string[] = [];
    for (let step = 0; step < 24; step += 1) {
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      if (order.at(-1) !== id) order.push(id);
      await page.keyboard.press('Tab');
    }
    expect(order.slice(0, 18)).toEqual([
      'reg-kind',
      'reg-journal',
      'reg-correspondent',
      'reg-out-number',
      'reg-out-date',
      'reg-summary',
      'reg-signer',
      'reg-addressee',
      'reg-delivery',
      'reg-sheets',
      'reg-attachments',
      'reg-access',
      'reg-mode-none',
      'reg-on-control',
      'kind-field-responseRequired',
      'kind-field-incomingChannel',
      'reg-link-type',
      'reg-link',
    ]);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await form.getByLabel(ru['reg.kind'], { exact: true }).selectOption('incoming');
    const correspondent = page.locator('#reg-correspondent');
    await correspondent.fill('Водоканал Заречный');
    // No such correspondent yet: the last option creates one; the keyboard reaches it.
    const createOption = page.locator('#reg-correspondent-list').getByRole('option', { name: /Водоканал Заречный/ });
    await createOption.waitFor();
    await correspondent.press('ArrowUp');
    await correspondent.press('Enter');
    const creating = page.getByTestId('correspondent-create');
    await creating.waitFor();
    await creating.getByLabel(ru['corr.inn']).fill('7707083893');
    await creating.getByLabel(ru['corr.name']).press('Enter');
    await creating.waitFor({ state: 'detached' });
    await expect.poll(() => correspondent.inputValue()).toBe('Водоканал Заречный');

    await form.getByLabel(ru['reg.outNumber']).fill('01-12/345');
    await form.getByLabel(ru['reg.outDate']).fill('2026-11-20');
    await form.getByLabel(ru['reg.summary'], { exact: false }).fill(SUMMARY);
    await form.getByLabel(ru['reg.signer']).fill('Директор Петров А. А.');
    await pickOption('#reg-addressee', 'Сергеев', /Сергеев Алексей/);
    await form.getByLabel(ru['reg.delivery']).fill('почта');
    await form.getByLabel(ru['reg.sheets']).fill('1');

    // Drag and drop: a DataTransfer with the PDF is dropped on the zone.
    const drop = await page.evaluateHandle((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'письмо-водоканал.pdf', { type: 'application/pdf' }));
      return transfer;
    }, [...pdf]);
    await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer: drop });
    await page.getByTestId('file-list').getByText('письмо-водоканал.pdf').waitFor();
    // The first-page image appears beside the form once the background job has rendered it.
    await page.locator('[data-testid="file-preview"][data-state="ready"] img').waitFor({ timeout: 60_000 });
    await saveScreenshot(page, 'records-1-registration-form');

    await form.getByLabel(ru['reg.summary'], { exact: false }).press('Control+Enter');
    const number = await page.getByTestId('registered-number').textContent();
    expect(number).toMatch(/^Вх-\d+\/\d{4}$/);
    await saveScreenshot(page, 'records-2-registered');
    await page.getByTestId('registered-open').click();
    await page.getByTestId('card-page').waitFor();
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('registered');
    await page.locator('aside [data-testid="file-preview"][data-state="ready"] img').waitFor({ timeout: 60_000 });
    const cardUrl = page.url();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await signOut(page);

    // 2. The manager finds it among the documents awaiting a resolution and writes one with two assignments.
    await signIn(page, 'manager', password());
    await page.getByTestId('home-manager').waitFor();
    await page.getByTestId('resolution-list').getByRole('link', { name: number ?? '' }).click();
    await page.getByTestId('card-page').waitFor();
    await page.getByTestId('resolution-open').click();
    const editor = page.getByTestId('resolution-editor');
    await editor.getByLabel(ru['res.text'], { exact: false }).fill('Рассмотреть и подготовить ответ');
    await pickOption('#res-1-executor', 'Кузнец', /Кузнецова Ольга/);
    await page.getByTestId('res-1-deadline').getByLabel(ru['deadline.inDays']).check();
    await page.locator('#res-1-days').fill('10');
    await page.getByTestId('res-row-1').getByLabel(ru['res.onControl']).check();
    await editor.getByTestId('res-add').click();
    await pickOption('#res-2-executor', 'Зайц', /Зайцев Пётр/);
    await pickOption('#res-2-co', 'Павлов', /Павлов Игорь/);
    await page.getByTestId('res-row-2').getByRole('list', { name: ru['res.coExecutors'] }).getByText('Павлов Игорь Сергеевич').waitFor();
    await page.getByTestId('res-2-deadline').getByLabel(ru['deadline.date']).check();
    await page.locator('#res-2-date').fill('2026-12-25');
    await page.getByTestId('res-row-2').getByLabel(ru['res.onControl']).check();
    await saveScreenshot(page, 'records-3-resolution-editor');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await editor.getByTestId('resolution-submit').click();
    await page.getByText(ru['res.saved']).waitFor();
    await expect.poll(() => page.getByTestId('assignment-node').count()).toBe(2);
    await page.getByTestId('assignment-node').filter({ hasText: 'Зайцев' }).getByText('Павлов И.С.', { exact: false }).waitFor();
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('in_work');
    await signOut(page);

    // 3. The executor gives a sub-assignment to the second executor.
    await signIn(page, 'executor', password());
    await page.getByTestId('home-executor').waitFor();
    await page.getByTestId('badge-executor').waitFor();
    const mine = await openInboxItem(SUMMARY);
    await mine.getByTestId('act-sub').click();
    const subDialog = page.getByTestId('dialog-sub');
    await subDialog.waitFor({ state: 'visible' });
    await subDialog.locator('#act-text').fill('Подготовить смету ремонта');
    await pickOption('#sub-1-executor', 'Зайц', /Зайцев Пётр/);
    await saveScreenshot(page, 'records-4-subassignment');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await subDialog.getByTestId('dialog-submit').click();
    await subDialog.waitFor({ state: 'hidden' });
    await page.getByTestId('inbox-message').waitFor();
    await signOut(page);

    // 4. The second executor reports on the sub-assignment and on his own assignment.
    await signIn(page, second.login, second.password);
    await page.getByTestId('home-executor').waitFor();
    const his = page.getByTestId('inbox-item').filter({ hasText: SUMMARY });
    await expect.poll(() => his.count()).toBe(2);
    for (let left = 2; left > 0; left -= 1) {
      await his.first().getByTestId('act-report').click();
      await submitDialog('report', 'Смета подготовлена и согласована');
      await expect.poll(() => his.count()).toBe(left - 1);
    }
    await signOut(page);

    // 5. The executor reports.
    await signIn(page, 'executor', password());
    await page.getByTestId('home-executor').waitFor();
    await (await openInboxItem(SUMMARY)).getByTestId('act-report').click();
    await submitDialog('report', 'Ответ подготовлен, ремонт запланирован');
    await signOut(page);

    // 6. The manager, the controller, returns one report for rework and accepts the other.
    const openControl = async () => {
      await signIn(page, 'manager', password());
      await page.getByTestId('home-manager').waitFor();
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-page').waitFor();
      await page.getByTestId('inbox-view-control').click();
    };
    await openControl();
    const controlled = page.getByTestId('inbox-item').filter({ hasText: SUMMARY });
    await expect.poll(() => controlled.count()).toBe(2);
    await saveScreenshot(page, 'records-5-on-control');
    const fromZaitsev = controlled.filter({ hasText: second.lastName });
    await fromZaitsev.getByTestId('act-return').click();
    await submitDialog('return', 'Приложите смету к отчёту');
    await fromZaitsev.getByText(ru['inbox.waitingReport']).waitFor();
    await controlled.filter({ hasText: 'Кузнецова' }).getByTestId('act-accept').click();
    await submitDialog('accept', 'Принято');
    await expect.poll(() => controlled.count()).toBe(1);
    await signOut(page);

    // 7. The second executor reports again; the manager accepts; the card becomes executed.
    await signIn(page, second.login, second.password);
    await page.getByTestId('home-executor').waitFor();
    await expect.poll(() => his.count()).toBe(1);
    await his.getByTestId('act-report').click();
    await submitDialog('report', 'Смета приложена');
    await signOut(page);
    await openControl();
    await expect.poll(() => controlled.count()).toBe(1);
    await controlled.getByTestId('act-accept').click();
    await submitDialog('accept', 'Принято');
    await expect.poll(() => controlled.count()).toBe(0);
    await page.goto(cardUrl);
    await page.getByTestId('card-page').waitFor();
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('executed');
    expect(await page.getByTestId('card-status').textContent()).toBe(ru['status.executed']);
    expect(await page.locator('[data-testid="assignment-node"][data-status="accepted"]').count()).toBe(3);
    await saveScreenshot(page, 'records-6-card-executed');

    // 8. The card is found by another form of a word that only its PDF contains (indexed by a background job).
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-page').waitFor();
    const hit = page.getByTestId('search-hit').filter({ hasText: number ?? '' });
    const query = page.locator('#search-q');
    // The page lists every card before a query is typed; the word's mark in the file snippet proves the text match.
    await expect
      .poll(
        async () => {
          await query.fill(SEARCH_FORM);
          await query.press('Enter');
          await page.waitForTimeout(700);
          return hit.getByTestId('hit-file-snippet').locator('mark').count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await saveScreenshot(page, 'records-7-search');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    // The status facet counts the card among the executed ones; ticking it keeps the hit.
    await page.getByRole('checkbox', { name: new RegExp(`^${ru['status.executed']}`) }).check();
    await expect.poll(() => page.getByTestId('search-total').textContent()).toContain('1');
    await hit.waitFor();
    // The search lives in the address: a reload shows the same query, facet and hit.
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`q=${SEARCH_FORM}`);
    await page.reload();
    await page.getByTestId('search-page').waitFor();
    expect(await query.inputValue()).toBe(SEARCH_FORM);
    expect(await page.getByRole('checkbox', { name: new RegExp(`^${ru['status.executed']}`) }).isChecked()).toBe(true);
    await hit.waitFor();
    // Back returns to the search before the facet was ticked.
    await page.goBack();
    await expect.poll(() => page.getByRole('checkbox', { name: new RegExp(`^${ru['status.executed']}`) }).isChecked()).toBe(false);
    expect(await query.inputValue()).toBe(SEARCH_FORM);
    await hit.waitFor();
    await hit.getByRole('link', { name: number ?? '' }).click();
    await page.getByTestId('card-page').waitFor();
    expect(page.url()).toBe(cardUrl);

    // 9. The discipline report counts the three assignments as done, drills down to the card, exports.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('report-page').waitFor();
    await page.getByLabel(ru['report.from']).fill('2026-01-01');
    await page.getByLabel(ru['report.to'], { exact: true }).fill('2026-12-31');
    await page.getByLabel(ru['report.groupBy']).selectOption('executor');
    await page.getByRole('button', { name: ru['report.build'] }).click();
    const zaitsev = page.getByTestId('report-table').getByRole('row').filter({ hasText: 'Зайцев' });
    await zaitsev.waitFor();
    await page.getByTestId('report-chart').waitFor();
    await zaitsev.getByRole('button').first().click();
    const drill = page.getByTestId('report-drill');
    await drill.getByRole('link', { name: number ?? '' }).first().waitFor();
    await saveScreenshot(page, 'records-8-discipline');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    for (const format of ['xlsx', 'pdf']) {
      const href = await page.getByTestId(`report-${format}`).getAttribute('href');
      const status = await page.evaluate(async (url) => (await fetch(url ?? '', { credentials: 'same-origin' })).status, href);
      expect(status, format).toBe(200);
    }
    await signOut(page);
  });

  test('the clerk: register and next, a reply link, requisites, a resolution from paper, a deadline request, cancelling', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'clerk', password());
    await page.getByTestId('home-clerk').waitFor();
    // The draft from the setup is registered from its card.
    await page.getByTestId('drafts').getByRole('link', { name: DRAFT_SUMMARY }).click();
    await page.getByTestId('card-page').waitFor();
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('draft');
    await page.getByTestId('card-register').click();
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('registered');
    expect(await page.getByTestId('card-number').textContent()).toMatch(/^Вн-\d+\/\d{4}$/);
    await page.getByTestId('nav-clerk').click();
    await page.getByTestId('home-clerk').waitFor();

    const summary = page.locator('#reg-summary');
    const numbers: string[] = [];
    for (const text of ['Запрос статистических сведений', 'Повторный запрос статистических сведений']) {
      await summary.fill(text);
      if (numbers.length > 0) {
        // The second letter answers the first: linked through the search as the clerk types its number.
        const first = numbers[0] ?? '';
        await pickOption('#reg-link', first, new RegExp(first.replace(/[/-]/g, (c) => `\\${c}`)));
      }
      // «Зарегистрировать и следующий»: Ctrl+Shift+Enter.
      await summary.press('Control+Shift+Enter');
      await expect.poll(async () => page.getByTestId('registered-number').textContent()).not.toBe(numbers.at(-1) ?? null);
      numbers.push((await page.getByTestId('registered-number').textContent()) ?? '');
      // Ready for the next letter: the correspondent field has focus, the summary is empty.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reg-correspondent');
      expect(await summary.inputValue()).toBe('');
    }
    const seq = numbers.map((n) => Number(/^Вх-(\d+)\//.exec(n)?.[1]));
    expect(seq[1]).toBe((seq[0] ?? 0) + 1);
    await saveScreenshot(page, 'records-9-register-next');

    // The reply's card shows the link; the requisites are corrected (If-Match).
    await page.getByTestId('registered-open').click();
    await page.getByTestId('card-page').waitFor();
    await page.getByRole('region', { name: ru['card.links'] }).getByRole('link', { name: numbers[0] ?? '' }).waitFor();
    await page.getByTestId('card-edit').click();
    await page.locator('#edit-summary').fill('Повторный запрос статистических сведений за 2026 год');
    await page.locator('#edit-sheets').fill('3');
    // A field of the kind (from its JSON Schema), edited with the requisites.
    await page.getByTestId('requisites-editor').getByLabel('Требуется ответ').check();
    await page.getByTestId('requisites-editor').getByRole('button', { name: ru['card.save'] }).click();
    const requisites = page.getByTestId('card-requisites');
    await requisites.getByText('Повторный запрос статистических сведений за 2026 год').waitFor();
    await requisites.getByText('Требуется ответ').waitFor();

    // A manager's resolution from paper, entered by the clerk: the author is the manager, marked as such.
    await page.getByTestId('resolution-open').click();
    await pickOption('#res-author', 'Сергеев', /Сергеев Алексей/);
    await page.locator('#res-text').fill('Подготовить сведения');
    await pickOption('#res-1-executor', 'Иванова', /Иванова Мария/);
    await page.getByTestId('res-1-deadline').getByLabel(ru['deadline.date']).check();
    await page.locator('#res-1-date').fill('2026-12-30');
    await page.getByTestId('resolution-submit').click();
    await page.getByText(ru['res.onBehalfMark']).waitFor();
    const cardUrl = page.url();

    // The clerk, now the executor, asks for more time from «Поручения».
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('inbox-page').waitFor();
    const item = page.getByTestId('inbox-item').filter({ hasText: 'Подготовить сведения' });
    await item.getByTestId('act-extend').click();
    const dialog = page.getByTestId('dialog-extend');
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('#act-text').fill('Сведения поступят из статистического управления в январе');
    await dialog.locator('#act-date').fill('2027-01-20');
    await saveScreenshot(page, 'records-10-extension-request');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('inbox-message').getByText(ru['act.extendRequested']).waitFor();

    // The request waits for the author's decision in the assignment's progress on the card.
    await page.goto(cardUrl);
    await page.getByTestId('card-page').waitFor();
    await page.getByText(ru['ext.details']).first().click();
    await page.getByText('2027-01-20', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: ru['ext.approve'] }).waitFor();
    const reportCardUrl = page.url();

    // The first letter's registration is cancelled with a reason; its number stays.
    await page.getByRole('region', { name: ru['card.links'] }).getByRole('link', { name: numbers[0] ?? '' }).click();
    await expect.poll(() => page.getByTestId('card-number').textContent()).toBe(numbers[0]);
    await page.getByTestId('card-cancel').click();
    const cancel = page.getByTestId('dialog-cancel-registration');
    await cancel.locator('#cancel-reason').fill('Зарегистрирован ошибочно');
    await cancel.getByRole('button', { name: ru['card.cancelSubmit'] }).click();
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('cancelled');
    expect(await page.getByTestId('card-number').textContent()).toBe(numbers[0]);
    await saveScreenshot(page, 'records-11-cancelled');
    await signOut(page);

    // The manager, the author of the paper resolution, approves the new deadline.
    await signIn(page, 'manager', password());
    await page.getByTestId('home-manager').waitFor();
    await page.goto(reportCardUrl);
    await page.getByTestId('card-page').waitFor();
    await page.getByText(ru['ext.details']).first().click();
    await page.getByRole('button', { name: ru['ext.approve'] }).click();
    await page.getByText(ru['ext.decided']).waitFor();
    await page.getByTestId('assignment-tree').getByText(ru['res.until'].replace('{date}', '2027-01-20')).waitFor();
    await signOut(page);
  });

  test('the records screens in English: inbox, search, report', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'manager', password());
    await page.getByTestId('home-manager').waitFor();
    await page.getByTestId('lang-toggle').click();
    try {
      await expect.poll(() => page.getByTestId('home-manager').textContent()).toBe(en['home.manager']);
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-page').waitFor();
      await page.getByRole('button', { name: new RegExp(`^${en['inbox.control']}`) }).waitFor();
      await page.getByTestId('nav-search').click();
      await expect.poll(() => page.getByTestId('search-page').textContent()).toBe(en['search.title']);
      await page.getByRole('group', { name: en['search.facetKind'] }).getByText(en['kind.incoming']).waitFor();
      expect(await findAccessibilityViolations(page)).toEqual([]);
      await page.getByTestId('nav-reports').click();
      await expect.poll(() => page.getByTestId('report-page').textContent()).toBe(en['report.title']);
      await page.getByRole('link', { name: en['report.xlsx'] }).waitFor();
      await saveScreenshot(page, 'records-12-report-en');
    } finally {
      // The choice is kept in the browser profile; the next files start in Russian.
      await page.getByTestId('lang-toggle').click();
    }
    await signOut(page);
  });
});
