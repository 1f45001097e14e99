import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const INDEX = '01-15';
const TITLE = 'Постановления главы городского округа по основной деятельности';
const SUMMARY = 'Постановление об утверждении номенклатуры дел';
const OLD_INDEX = '04-02';
const OLD_YEAR = 2015;
const HELD_INDEX = '04-03';
const HELD_YEAR = 2016;
const HOLD_REASON = 'Судебный спор, дело № А40-12345/2026';
const REMARKS = 'Уточнить крайние даты дела';
const PROTOCOL = '12';
const ARCHIVE_PROTOCOL = 'А-3';
const COMMISSION = 'ЭПК Архивного отдела администрации';
// A case kept until superseded (ДМН) with an archived document: superseded today, it is due for destruction now.
const DMN_INDEX = '05-11';
// A second permanent case of the year, closed empty, so that the inventory has a number to leave out.
const SECOND_INDEX = '01-16';
const DMN_SUMMARY = 'Заявка на канцелярские товары';
// A permanent case of the old year, closed while the act waits for approval: its inventory must be agreed first.
const PERMANENT_OLD_INDEX = '01-01';
const ifMatch = (version: number) => ({ 'If-Match': `"v${version}"` });
describe.skipIf(!available)('archive: nomenclature → case → filing → closing → inventory; destruction of an expired case', () => {
  const harness = useBrowser();
  let page: Page;
  let regNumber = '';
  let dmnRegNumber = '';

  beforeAll(async () => {
    // The clerk has registered a document this year; an old case (kept 1 year) was closed long ago.
    const clerk = await apiSession(harness.baseUrl, 'clerk', harness.demoPassword);
    regNumber = (await clerk.post<{ regNumber: string }>('/api/cards', { kind: 'internal', register: true, summary: SUMMARY, sheets: 3 })).regNumber;
    const archivist = await apiSession(harness.baseUrl, 'archivist', harness.demoPassword);
    const item = await archivist.post<{ id: string }>('/api/nomenclature', { year: OLD_YEAR, caseIndex: OLD_INDEX, title: 'Журнал учёта посетителей', retentionKind: 'years', retentionYears: 1 });
    await archivist.post('/api/cases', { nomenclatureItemId: item.id });
    await archivist.post('/api/cases/close-year', { year: OLD_YEAR });
    const held = await archivist.post<{ id: string }>('/api/nomenclature', { year: HELD_YEAR, caseIndex: HELD_INDEX, title: 'Договоры аренды', retentionKind: 'years', retentionYears: 5 });
    await archivist.post('/api/cases', { nomenclatureItemId: held.id });
    await archivist.post('/api/cases/close-year', { year: HELD_YEAR });

    const year = new Date().getFullYear();
    const secondItem = await archivist.post<{ id: string }>('/api/nomenclature', { year, caseIndex: SECOND_INDEX, title: 'Распоряжения главы городского округа', retentionKind: 'permanent' });
    const secondCase = await archivist.post<{ id: string; version: number }>('/api/cases', { nomenclatureItemId: secondItem.id });
    await archivist.request('POST', `/api/cases/${secondCase.id}/close`, {}, ifMatch(secondCase.version));

    // This year's ДМН case with an archived document (its package built), closed and superseded today.
    const dmnItem = await archivist.post<{ id: string }>('/api/nomenclature', { year, caseIndex: DMN_INDEX, title: 'Заявки структурных подразделений', retentionKind: 'until_superseded' });
    const dmnCase = await archivist.post<{ id: string }>('/api/cases', { nomenclatureItemId: dmnItem.id });
    const card = await clerk.post<{ id: string; regNumber: string; version: number }>('/api/cards', { kind: 'internal', register: true, summary: DMN_SUMMARY, sheets: 1 });
    dmnRegNumber = card.regNumber;
    await clerk.request('POST', `/api/cards/${card.id}/file-in-case`, { caseId: dmnCase.id }, ifMatch((await clerk.get<{ version: number }>(`/api/cards/${card.id}`)).version));
    const archived = await archivist.request<{ packageId?: string }>('POST', `/api/cards/${card.id}/archive`, {}, ifMatch((await archivist.get<{ version: number }>(`/api/cards/${card.id}`)).version));
    expect(archived).toBeTruthy();
    // expect.poll is for tests only: the setup waits for the package job by itself.
    const packaged = async () => (await archivist.get<{ items: { status: string }[] }>(`/api/packages?objectType=card&objectId=${card.id}`)).items[0]?.status === 'packaged';
    for (const until = Date.now() + 90_000; !(await packaged()); ) {
      if (Date.now() > until) throw new Error(`the package of ${dmnRegNumber} was not built in 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const opened = await archivist.get<{ version: number }>(`/api/cases/${dmnCase.id}`);
    const closed = await archivist.request<{ version: number }>('POST', `/api/cases/${dmnCase.id}/close`, {}, ifMatch(opened.version));
    const today = new Date().toISOString().slice(0, 10);
    await archivist.request('PATCH', `/api/cases/${dmnCase.id}`, { supersededOn: today }, ifMatch(closed.version));
  });

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  async function tab(name: 'nomenclature' | 'cases' | 'inventories' | 'destruction') {
    await page.getByTestId(`archive-tab-${name}`).click();
  }

  async function fetchInPage(href: string): Promise<{ status: number; type: string; bytes: number[] }> {
    return page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return { status: response.status, type: response.headers.get('content-type') ?? '', bytes: [...new Uint8Array(await response.arrayBuffer())] };
    }, href);
  }

  test('the archivist keeps a case from the nomenclature to an approved inventory', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'archivist', harness.demoPassword);
    await page.getByTestId('home-archivist').waitFor();

    // 1. A nomenclature line, typed into the form and submitted with Enter.
    const form = page.getByTestId('nomenclature-form');
    await form.getByLabel(ru['archive.caseIndex'], { exact: true }).fill(INDEX);
    await form.getByLabel(ru['archive.caseTitle'], { exact: true }).fill(TITLE);
    await form.getByLabel(ru['archive.retention'], { exact: true }).selectOption('permanent');
    await form.getByLabel(ru['archive.listArticle'], { exact: true }).fill('ст. 4а');
    await form.getByLabel(ru['archive.listArticle'], { exact: true }).press('Enter');
    const row = page.locator(`[data-testid="nomenclature-row"][data-index="${INDEX}"]`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('постоянно');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-1-nomenclature');

    const printed = await fetchInPage((await page.getByTestId('nomenclature-pdf').getAttribute('href')) ?? '');
    expect(printed.type).toBe('application/pdf');

    // 2. The case is opened from the line.
    await row.getByTestId('case-open').click();
    await row.getByTestId('case-opened').waitFor();

    // 3. The registered document is found by its number and filed; keyboard: arrows move between tabs.
    await page.getByTestId('archive-tab-nomenclature').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('archive-tab-cases').getAttribute('aria-selected')).toBe('true');
    const caseRow = page.locator(`[data-testid="case-row"][data-index="${INDEX}"]`);
    await caseRow.getByTestId('case-select').click();
    const detail = page.getByTestId('case-detail');
    await detail.waitFor();
    await detail.getByLabel(ru['archive.file.label'], { exact: true }).fill(regNumber);
    await detail.getByLabel(ru['archive.file.label'], { exact: true }).press('Enter');
    await detail.getByTestId('fileable-list').getByText(SUMMARY).waitFor();
    await detail.getByTestId('file-card').first().click();
    await detail.getByTestId('case-cards').getByText(regNumber).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-2-case-filed');

    // 4. Closing counts documents and sheets and fixes the date range.
    await detail.getByTestId('case-close').click();
    await expect.poll(() => detail.getByTestId('case-status').textContent()).toBe(ru['archive.caseStatus.closed']);
    expect(await detail.getByTestId('case-documents').textContent()).toBe('1');
    await expect.poll(() => caseRow.getAttribute('data-status')).toBe('closed');

    // 5. Inventory: pick closed permanent cases, draft, preview the PDF/A, approve.
    await tab('inventories');
    await page.getByTestId('inventory-kind').selectOption('permanent');
    await page.getByTestId('inventory-pick').click();
    const candidates = page.getByTestId('inventory-candidates');
    await candidates.getByText(TITLE).waitFor();
    await page.getByTestId('inventory-create').click();
    const draft = page.locator('[data-testid="inventory-row"][data-status="draft"]').first();
    await draft.waitFor();
    // The new draft opens below the list: its cases numbered 1 and 2, and the certification entry they make. The
    // second case is given number 3 (typed, saved with Enter): number 2 is then listed as skipped.
    const panel = page.getByTestId('inventory-detail');
    await panel.waitFor();
    await panel.locator(`[data-testid="inventory-line"][data-index="${INDEX}"]`).waitFor();
    await expect.poll(() => panel.getByTestId('inventory-certification').textContent()).toContain('с № 1 по № 2');
    const secondNumber = panel.locator(`[data-testid="inventory-line"][data-index="${SECOND_INDEX}"]`).getByTestId('inventory-line-number');
    await secondNumber.fill('3');
    await secondNumber.press('Enter');
    await expect.poll(() => panel.getByTestId('inventory-certification').textContent()).toContain('с № 1 по № 3');
    expect(await panel.getByTestId('inventory-certification').textContent()).toContain('литерные номера: —; пропущенные номера: 2.');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    const pdfHref = await draft.getByTestId('inventory-pdf').getAttribute('href');
    const preview = await fetchInPage(pdfHref ?? '');
    expect(preview.status).toBe(200);
    expect(preview.type).toBe('application/pdf');
    expect(String.fromCharCode(...preview.bytes.slice(0, 5))).toBe('%PDF-');
    await saveScreenshot(page, 'archive-3-inventory-draft');
    // The head cannot approve before the expert commission (ЭПК) has agreed the draft.
    expect(await draft.getByTestId('inventory-approve').count()).toBe(0);
    expect(await draft.getByTestId('review-status').getAttribute('data-review')).toBe('none');

    // 5a. ЭПК: submitted, returned with remarks, submitted again, agreed by protocol.
    await draft.getByTestId('inventory-submit-review').click();
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('submitted');
    expect(await draft.getByTestId('inventory-submit-review').count()).toBe(0);
    await draft.getByTestId('inventory-decide-review').click();
    const review = page.getByTestId('dialog-review');
    await review.waitFor({ state: 'visible' });
    await review.getByTestId('review-returned').check();
    await review.getByLabel(ru['archive.review.protocolNumber'], { exact: true }).fill('3');
    // Returning without remarks is not possible.
    expect(await review.getByTestId('dialog-submit').isDisabled()).toBe(true);
    await review.getByLabel(ru['archive.review.remarksRequired'], { exact: true }).fill(REMARKS);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-3a-review-returned');
    await review.getByTestId('dialog-submit').click();
    await review.waitFor({ state: 'hidden' });
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('returned');
    expect(await draft.getByTestId('review-remarks').textContent()).toBe(REMARKS);
    await draft.getByTestId('inventory-submit-review').click();
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('submitted');
    await draft.getByTestId('inventory-decide-review').click();
    await review.waitFor({ state: 'visible' });
    await review.getByLabel(ru['archive.review.protocolNumber'], { exact: true }).fill(PROTOCOL);
    await review.getByLabel(ru['archive.review.protocolNumber'], { exact: true }).press('Enter');
    await review.waitFor({ state: 'hidden' });
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('agreed');
    expect(await draft.getByTestId('review-protocol').textContent()).toContain(`№ ${PROTOCOL}`);
    await saveScreenshot(page, 'archive-3b-review-agreed');
    const printedDraft = await fetchInPage(pdfHref ?? '');
    expect(printedDraft.status).toBe(200);

    // 5b. A permanent inventory goes to the archive's commission (ЭПК архивного учреждения) next; only then approval.
    expect(await draft.getByTestId('inventory-approve').count()).toBe(0);
    await page.getByTestId('archive-commission').fill(COMMISSION);
    await draft.getByTestId('inventory-submit-archive-review').click();
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('archive_submitted');
    await draft.getByTestId('inventory-decide-archive-review').click();
    const archiveReview = page.getByTestId('dialog-archive-review');
    await archiveReview.waitFor({ state: 'visible' });
    await archiveReview.getByLabel(ru['archive.review.protocolNumber'], { exact: true }).fill(ARCHIVE_PROTOCOL);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await archiveReview.getByLabel(ru['archive.review.protocolNumber'], { exact: true }).press('Enter');
    await archiveReview.waitFor({ state: 'hidden' });
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('archive_agreed');
    expect(await draft.getByTestId('archive-review-protocol').textContent()).toContain(`№ ${ARCHIVE_PROTOCOL}`);
    await saveScreenshot(page, 'archive-3c-archive-review-agreed');

    await draft.getByTestId('inventory-approve').click();
    const dialog = page.getByTestId('dialog-approve-inventory');
    await dialog.waitFor({ state: 'visible' });
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const approved = page.locator('[data-testid="inventory-row"][data-status="approved"]').first();
    await approved.waitFor();
    await expect.poll(() => approved.textContent()).toContain('Белова Наталья Андреевна');

    // 6. The transfer package: a BagIt ZIP with the E-ARK SIP, the same bytes twice.
    const transferHref = (await approved.getByTestId('inventory-transfer').getAttribute('href')) ?? '';
    const first = await fetchInPage(transferHref);
    const second = await fetchInPage(transferHref);
    expect(first.status).toBe(200);
    expect(first.bytes).toEqual(second.bytes);
    const entries = Object.keys(unzipSync(new Uint8Array(first.bytes)));
    expect(entries.some((e) => e.endsWith('/bagit.txt'))).toBe(true);
    expect(entries.some((e) => e.endsWith('/METS.xml'))).toBe(true);
    // The handover is recorded with the receiving archive's name.
    await page.getByLabel(ru['archive.inventories.archiveName'], { exact: true }).fill('Архивный отдел администрации');
    await approved.getByTestId('inventory-mark-transferred').click();
    await approved.getByTestId('inventory-transferred').waitFor();
    expect(await approved.getByTestId('inventory-transferred').textContent()).toContain('Архивный отдел администрации');
    await saveScreenshot(page, 'archive-4-inventory-approved');
    await signOut(page);
  });

  test('a lawyer places a legal hold on an expired case from the «Архив» section', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'lawyer', harness.demoPassword);
    await page.getByTestId('home-lawyer').waitFor();
    await page.getByTestId('nav-archive').click();
    await page.getByTestId('archive-page').waitFor();
    // A lawyer sees the nomenclature but gets no controls to change it.
    expect(await page.getByTestId('nomenclature-form').count()).toBe(0);
    await tab('cases');
    await page.getByTestId('archive-year').fill(String(HELD_YEAR));
    const row = page.locator(`[data-testid="case-row"][data-index="${HELD_INDEX}"]`);
    await row.getByTestId('case-select').click();
    const detail = page.getByTestId('case-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('case-close').count()).toBe(0);
    await detail.getByTestId('hold-reason').fill(HOLD_REASON);
    await detail.getByTestId('hold-place').click();
    await expect.poll(() => detail.getByTestId('case-hold').textContent()).toBe(HOLD_REASON);
    await row.getByTestId('case-hold-chip').waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-5-legal-hold');
    await signOut(page);
  });

  test('an expired case is selected for destruction, the act approved and executed after confirmation', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'archivist', harness.demoPassword);
    await page.getByTestId('home-archivist').waitFor();
    const archivist = await apiSession(harness.baseUrl, 'archivist', harness.demoPassword);
    await tab('destruction');
    const candidates = page.getByTestId('destruction-candidates');
    await candidates.getByText(OLD_INDEX).waitFor();
    await candidates.getByText(DMN_INDEX).waitFor();
    // The held case is shown apart, with its reason, and cannot be chosen.
    await page.getByTestId('destruction-held').getByText(HOLD_REASON).waitFor();
    expect(await candidates.getByText(HELD_INDEX).count()).toBe(0);
    await page.getByLabel(ru['archive.destruction.reason'], { exact: true }).fill('Истечение сроков хранения');
    await page.getByTestId('destruction-create').click();
    const draft = page.locator('[data-testid="destruction-act-row"][data-status="draft"]').first();
    await draft.waitFor();
    // The act opens with its cases (retention, due day); closing it returns the focus to the row.
    await draft.getByTestId('destruction-open').click();
    const actDetail = page.getByTestId('destruction-act-detail');
    await actDetail.locator(`[data-testid="destruction-act-case"][data-index="${OLD_INDEX}"]`).waitFor();
    await actDetail.locator(`[data-testid="destruction-act-case"][data-index="${DMN_INDEX}"]`).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await actDetail.getByTestId('destruction-act-detail-close').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('destruction-open');
    // The expert commission agrees the act before the head approves it.
    expect(await draft.getByTestId('destruction-approve').count()).toBe(0);
    await draft.getByTestId('destruction-submit-review').click();
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('submitted');
    await draft.getByTestId('destruction-decide-review').click();
    const review = page.getByTestId('dialog-review');
    await review.waitFor({ state: 'visible' });
    await review.getByLabel(ru['archive.review.protocolNumber'], { exact: true }).fill('4');
    await review.getByTestId('dialog-submit').click();
    await review.waitFor({ state: 'hidden' });
    await expect.poll(() => draft.getByTestId('review-status').getAttribute('data-review')).toBe('agreed');
    // A permanent case of the act's year is not yet in an inventory agreed by the archive: the head cannot approve,
    // and the section says why (the years and how many cases).
    const permanentCase = await archivist.post<{ id: string; version: number }>('/api/cases', {
      nomenclatureItemId: (await archivist.post<{ id: string }>('/api/nomenclature', { year: OLD_YEAR, caseIndex: PERMANENT_OLD_INDEX, title: 'Приказы по основной деятельности', retentionKind: 'permanent' })).id,
    });
    await archivist.request('POST', `/api/cases/${permanentCase.id}/close`, { closedOn: `${OLD_YEAR}-12-31` }, ifMatch(permanentCase.version));
    await draft.getByTestId('destruction-approve').click();
    const refusal = page.getByTestId('archive-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('описей дел постоянного хранения');
    expect(await refusal.textContent()).toContain(`за ${OLD_YEAR} год — 1 дело из 1`);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-6a-destruction-needs-inventory');
    // The year's permanent inventory goes through both commissions and is approved; then the act is.
    let inventory = await archivist.post<{ id: string; version: number }>('/api/inventories', { kind: 'permanent', year: OLD_YEAR, caseIds: [permanentCase.id] });
    const today = new Date().toISOString().slice(0, 10);
    for (const [path, body] of [
      ['expert-review', {}],
      ['expert-review/decision', { decision: 'agreed', protocolNumber: PROTOCOL, protocolDate: today }],
      ['archive-review', { commission: COMMISSION }],
      ['archive-review/decision', { decision: 'agreed', protocolNumber: ARCHIVE_PROTOCOL, protocolDate: today }],
      ['approve', {}],
    ] as const) {
      inventory = await archivist.request<{ id: string; version: number }>('POST', `/api/inventories/${inventory.id}/${path}`, body, ifMatch(inventory.version));
    }
    await draft.getByTestId('destruction-approve').click();
    const approved = page.locator('[data-testid="destruction-act-row"][data-status="approved"]').first();
    await approved.waitFor();
    const number = ((await approved.locator('td').first().textContent()) ?? '').trim();
    const actPdf = await fetchInPage((await approved.getByTestId('destruction-pdf').getAttribute('href')) ?? '');
    expect(actPdf.type).toBe('application/pdf');
    expect(number).toMatch(/^\d+\/\d{4}$/);
    await approved.getByTestId('destruction-execute').click();
    const dialog = page.getByTestId('dialog-execute-destruction');
    await dialog.waitFor({ state: 'visible' });
    // The button stays disabled until the act's number is typed.
    expect(await dialog.getByTestId('dialog-submit').isDisabled()).toBe(true);
    await dialog.getByTestId('destruction-confirm').fill(number);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-6-destruction-confirm');
    await dialog.getByTestId('dialog-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const executed = page.locator('[data-testid="destruction-act-row"][data-status="executed"]').first();
    await executed.waitFor();
    await page.getByTestId('archive-message').waitFor();

    // The case is destroyed and no longer proposed.
    await tab('cases');
    await page.getByTestId('archive-year').fill(String(OLD_YEAR));
    await expect.poll(() => page.locator(`[data-testid="case-row"][data-index="${OLD_INDEX}"]`).getAttribute('data-status')).toBe('destroyed');
    await saveScreenshot(page, 'archive-7-destroyed');

    // The archived document's package is marked destroyed: a new version without content, verified in the viewer.
    await expect
      .poll(async () => (await archivist.get<{ items: { destruction: { version: string | null } | null }[] }>('/api/packages?objectType=card&destroyed=true')).items[0]?.destruction?.version ?? null, {
        timeout: 90_000,
        interval: 500,
      })
      .toMatch(/^v\d+$/);
    await tab('destruction');
    await executed.getByTestId('destruction-packages').click();
    await page.getByTestId('packages-page').waitFor();
    await page.getByTestId('packages-filter-destroyed').check();
    const destroyedRow = page.locator('[data-testid="package-row"][data-destroyed="true"]').filter({ hasText: dmnRegNumber });
    await destroyedRow.waitFor();
    expect(await destroyedRow.getByTestId('package-destroyed').textContent()).toContain(number);
    expect(await destroyedRow.textContent()).not.toContain(DMN_SUMMARY);
    await destroyedRow.getByTestId('package-link').click();
    const destruction = page.getByTestId('package-destruction');
    await destruction.waitFor();
    expect(await destruction.textContent()).toContain(`№ ${number}`);
    await page.getByTestId('package-verify').click();
    const verification = page.getByTestId('package-verification');
    await verification.waitFor();
    expect(await verification.textContent()).toContain(ru['pkg.check.destruction']);
    expect(await verification.locator('li.danger').allTextContents()).toEqual([]);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'archive-8-package-destroyed');
    await signOut(page);
  });
});
