import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { letterPdf, letterPdfPages } from './letterPdf.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

// A born-digital letter laid out like a real one: letterhead, outgoing number, addressee block on the right.
const LETTER = [
  { text: 'Общество с ограниченной ответственностью «Северный ветер»', x: 60, y: 790 },
  { text: 'ИНН 5001107323  КПП 773601001', x: 60, y: 772 },
  { text: 'Исх. № 12-34/567 от 05.03.2026', x: 60, y: 720 },
  { text: 'Главе городского округа Заречный', x: 330, y: 700 },
  { text: 'А. Н. Сергееву', x: 330, y: 684 },
  { text: 'О ремонте кровли дома № 5 по ул. Ленина', x: 60, y: 640 },
  { text: 'Уважаемый Алексей Николаевич!', x: 120, y: 610 },
  { text: 'Просим рассмотреть вопрос о ремонте кровли многоквартирного дома.', x: 60, y: 590 },
  { text: 'Генеральный директор', x: 60, y: 520 },
  { text: 'И. И. Петров', x: 420, y: 520 },
];

// A scan is made from the same letter with poppler's pdftoppm (Debian poppler-utils); without it that test skips.
const PDFTOPPM = '/usr/bin/pdftoppm';
const canScan = existsSync(PDFTOPPM);
if (available && !canScan) console.warn(`[e2e] the scanned-letter autofill test is skipped: ${PDFTOPPM} not found (apt-get install poppler-utils)`);

async function letterScan(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-scan-'));
  try {
    writeFileSync(join(dir, 'letter.pdf'), await letterPdf(LETTER));
    execFileSync(PDFTOPPM, ['-r', '200', '-gray', '-png', '-singlefile', join(dir, 'letter.pdf'), join(dir, 'scan')]);
    return readFileSync(join(dir, 'scan.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Metrics {
  cards: number;
  fields: { field: string; total: number; correct: number; proposed: number }[];
}

describe.skipIf(!available)('autofill: a dropped letter proposes the card, the clerk accepts, the accuracy is counted', () => {
  const harness = useBrowser();
  let page: Page;

  // The organisation's own history: roof letters from the same sender went to Кузнецова with the same words.
  const PAST_RESOLUTION = 'Обследовать кровлю и доложить о сроках ремонта';
  beforeAll(async () => {
    const admin = await apiSession(harness.baseUrl, 'admin', harness.demoPassword);
    const staff = async (q: string) => (await admin.get<{ items: { id: string }[] }>(`/api/staff?q=${encodeURIComponent(q)}`)).items[0]?.id ?? '';
    const executor = await staff('Кузнецова');
    const head = await staff('Сергеев');
    const sender = await admin.post<{ id: string }>('/api/correspondents', { type: 'company', name: 'ООО «Северный ветер»', inn: '5001107323' });
    let last = '';
    for (const summary of ['О ремонте кровли дома № 7 по ул. Мира', 'О протечке кровли дома № 3 по ул. Ленина', 'О ремонте кровли и водостоков дома № 9', 'О замене кровли дома № 12 по ул. Садовой']) {
      const card = await admin.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary, correspondentId: sender.id });
      await admin.post(`/api/cards/${card.id}/resolutions`, { text: PAST_RESOLUTION, authorStaffId: head, assignments: [{ executorStaffId: executor, deadlineIn: { days: 5, type: 'working' } }] });
      last = card.id;
    }
    // The model learns in a background job after each resolution: wait until it has.
    const learned = async () => (await admin.get<{ executors: { staffId: string }[] }>(`/api/cards/${last}/suggestions`)).executors.some((e) => e.staffId === executor);
    for (let attempt = 0; !(await learned()); attempt += 1) {
      if (attempt > 120) throw new Error('the executor model did not learn the resolutions in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  const metrics = async (): Promise<Metrics> => (await (await page.context().request.get(`${harness.baseUrl}/api/autofill/metrics`)).json()) as Metrics;
  const fieldRow = (name: string) => page.getByTestId('autofill-field').and(page.locator(`[data-field="${name}"]`));

  async function dropLetter(name: string, bytes?: Buffer, type = 'application/pdf') {
    const file = bytes ?? Buffer.from(await letterPdf(LETTER));
    const drop = await page.evaluateHandle(
      ([data, fileName, mime]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], fileName, { type: mime }));
        return transfer;
      },
      [[...file], name, type] as const,
    );
    await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer: drop });
    await page.getByTestId('file-list').getByText(name).waitFor();
  }

  test('proposals beside the preview, source boxes, accept and correct, register, metrics, duplicate, re-OCR', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'clerk', harness.demoPassword);
    await page.getByTestId('home-clerk').waitFor();
    const before = await metrics();

    // 1. The letter is dropped: the proposal appears beside its first-page preview.
    await dropLetter('письмо-северный-ветер.pdf');
    const panel = page.getByTestId('autofill-panel');
    await panel.and(page.locator('[data-status="done"]')).waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="file-preview"][data-state="ready"] img').waitFor({ timeout: 60_000 });
    expect(await fieldRow('outNumber').getByTestId('autofill-value').textContent()).toBe('12-34/567');
    expect(await fieldRow('subject').getByTestId('autofill-value').textContent()).toBe('О ремонте кровли дома № 5 по ул. Ленина');
    expect(await fieldRow('correspondent').getByTestId('autofill-value').textContent()).toMatch(/Северный ветер/);
    // Found in the directory by its INN: accepting takes the existing correspondent.
    expect(await fieldRow('correspondent').textContent()).toContain(ru['af.correspondentKnown'].replace('{name}', 'ООО «Северный ветер»'));
    // Nothing is filled before the clerk accepts it.
    expect(await page.locator('#reg-out-number').inputValue()).toBe('');
    expect(await page.locator('#reg-summary').inputValue()).toBe('');
    // Every field says how sure it is; abstentions have nothing to accept.
    for (const row of await page.getByTestId('autofill-field').all()) {
      const certainty = await row.getAttribute('data-certainty');
      expect(['confident', 'unsure', 'abstained']).toContain(certainty);
      expect(await row.getByTestId('autofill-accept').count()).toBe(certainty === 'abstained' ? 0 : 1);
      if (certainty === 'unsure') expect(await row.textContent()).toContain(ru['af.certainty.unsure']);
    }

    // 2. Hovering a proposal, or focusing its control in the card, lights its place on the page image.
    const image = page.locator('[data-testid="file-preview"] img');
    const box = page.getByTestId('autofill-box');
    await fieldRow('outNumber').hover();
    await box.waitFor();
    const imageBox = await image.boundingBox();
    const litBox = await box.boundingBox();
    if (!imageBox || !litBox) throw new Error('no geometry');
    // «Исх. № 12-34/567 …» is printed 720 pt above the bottom of an 842 pt page, from x = 60 pt of 595.
    const top = (litBox.y - imageBox.y) / imageBox.height;
    expect(top).toBeGreaterThan((842 - 720 - 16) / 842);
    expect(top).toBeLessThan((842 - 720) / 842);
    expect((litBox.x - imageBox.x) / imageBox.width).toBeLessThan(0.15);
    await page.mouse.move(0, 0);
    await box.waitFor({ state: 'detached' });
    await page.locator('#reg-summary').focus();
    await box.waitFor();
    const summaryBox = await box.boundingBox();
    expect(((summaryBox?.y ?? 0) - imageBox.y) / imageBox.height).toBeGreaterThan((842 - 640 - 16) / 842);
    // A control with no proposal behind it puts the light out.
    await page.locator('#reg-delivery').focus();
    await box.waitFor({ state: 'detached' });
    await saveScreenshot(page, 'autofill-1-proposal');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 3. «Принять все уверенные», then each remaining proposal with one key on its button.
    await panel.getByTestId('autofill-accept-all').click();
    await panel.getByText(/^Внесено полей: \d+\.$/).waitFor();
    for (const row of await page.locator('[data-testid="autofill-field"][data-outcome="open"]').all()) {
      const accept = row.getByTestId('autofill-accept');
      if ((await accept.count()) === 0) continue;
      await accept.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => row.getAttribute('data-outcome')).not.toBe('open');
    }
    expect(await page.locator('#reg-out-number').inputValue()).toBe('12-34/567');
    expect(await page.locator('#reg-summary').inputValue()).toBe('О ремонте кровли дома № 5 по ул. Ленина');
    expect(await page.locator('#reg-correspondent').inputValue()).toMatch(/Северный ветер/);
    expect(await fieldRow('outNumber').getAttribute('data-outcome')).toBe('accepted');
    // The clerk corrects the summary: the proposal shows as corrected, and the server will count it so.
    await page.locator('#reg-summary').fill('О ремонте кровли дома 5 на ул. Ленина');
    await expect.poll(() => fieldRow('subject').getAttribute('data-outcome')).toBe('corrected');
    await saveScreenshot(page, 'autofill-2-accepted');

    // 4. Registered: the proposal, and what the card kept, reach the accuracy metrics.
    await page.locator('#reg-summary').press('Control+Enter');
    const number = (await page.getByTestId('registered-number').textContent()) ?? '';
    expect(number).toMatch(/^Вх-\d+\/\d{4}$/);
    const after = await metrics();
    expect(after.cards).toBe(before.cards + 1);
    const count = (m: Metrics, field: string, key: 'correct' | 'total' | 'proposed') => m.fields.find((f) => f.field === field)?.[key] ?? 0;
    expect(count(after, 'outNumber', 'correct')).toBe(count(before, 'outNumber', 'correct') + 1);
    // The addressee accepted as the staff member «А. Н. Сергееву» names counts as kept.
    expect(count(after, 'addressee', 'correct')).toBe(count(before, 'addressee', 'correct') + 1);
    expect(count(after, 'subject', 'proposed')).toBe(count(before, 'subject', 'proposed') + 1);
    expect(count(after, 'subject', 'correct')).toBe(count(before, 'subject', 'correct'));

    // The accuracy page (menu «Точность автозаполнения») shows the same counts.
    await page.getByTestId('nav-autofill').click();
    const table = page.getByTestId('autofill-metrics');
    await table.waitFor();
    expect(Number(await table.getAttribute('data-cards'))).toBe(after.cards);
    const outNumberRow = table.getByTestId('autofill-metric').and(page.locator('[data-field="outNumber"]'));
    expect(await outNumberRow.locator('[data-col="accepted"]').textContent()).toBe(String(count(after, 'outNumber', 'correct')));
    const subjectRow = table.getByTestId('autofill-metric').and(page.locator('[data-field="subject"]'));
    expect(Number(await subjectRow.locator('[data-col="corrected"]').textContent())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('autofill-trend').waitFor();
    // The trend comes from the server grouped by month: this month holds every card counted above.
    expect(await page.getByTestId('autofill-trend').locator('tbody tr').last().locator('td').first().textContent()).toBe(String(after.cards));
    await saveScreenshot(page, 'autofill-3-metrics');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 5. The same letter scanned again is flagged as a possible duplicate of the registered card.
    await page.getByTestId('nav-clerk').click();
    await page.getByTestId('home-clerk').waitFor();
    await dropLetter('письмо-повторно.pdf');
    await panel.and(page.locator('[data-status="done"]')).waitFor({ timeout: 90_000 });
    const duplicate = page.getByTestId('autofill-duplicate');
    await duplicate.waitFor();
    expect(await duplicate.textContent()).toContain(number);
    const cardHref = (await page.getByTestId('autofill-duplicate-open').getAttribute('href')) ?? '';
    expect(cardHref).toMatch(/^#\/cards\/[0-9a-f-]{36}$/);

    // 6. Recognised again with another language on demand.
    await panel.getByLabel(ru['af.rerunLangs']).selectOption('rus');
    await panel.getByTestId('autofill-rerun').click();
    await panel.and(page.locator('[data-status="done"]')).waitFor({ timeout: 90_000 });
    await panel.getByText(ru['af.langs'].replace('{langs}', 'rus')).waitFor();
    await saveScreenshot(page, 'autofill-4-duplicate');

    // 7. In the registered card's resolution editor, past resolutions suggest the executor and the words.
    // (the duplicate's link opens in a new tab, so the form in progress stays; here the same tab goes there)
    await page.goto(`${harness.baseUrl}/${cardHref}`);
    await page.getByTestId('card-page').waitFor();
    expect(await page.getByTestId('card-number').textContent()).toBe(number);
    await page.getByTestId('resolution-open').click();
    const suggestions = page.getByTestId('resolution-suggestions');
    const suggested = suggestions.getByTestId('suggested-executor').filter({ hasText: 'Кузнецова' });
    await suggested.waitFor();
    expect(await suggestions.getByTestId('suggested-executor').count()).toBeLessThanOrEqual(3);
    await suggested.getByRole('button').click();
    await expect.poll(() => page.locator('#res-1-executor').inputValue()).toMatch(/^Кузнецова Ольга/);
    await suggestions.getByTestId('suggestion-use-text').click();
    expect(await page.locator('#res-text').inputValue()).toBe(PAST_RESOLUTION);
    await saveScreenshot(page, 'autofill-6-suggestions');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByTestId('resolution-editor').getByTestId('resolution-submit').click();
    await page.getByText(ru['res.saved']).waitFor();
    await signOut(page);
  });

  test('a two-page letter: the preview turns to the page a field was read from, and can be leafed through', async () => {
    // The signature block sits on the second page, as in a long letter.
    const pages = [LETTER.slice(0, 8), [{ text: 'Продолжение письма: сроки и объёмы работ согласованы с жильцами.', x: 60, y: 780 }, { text: 'Генеральный директор', x: 60, y: 700 }, { text: 'И. И. Петров', x: 420, y: 700 }]];
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'clerk', harness.demoPassword);
    await page.getByTestId('home-clerk').waitFor();
    await dropLetter('письмо-на-двух-листах.pdf', Buffer.from(await letterPdfPages(pages)));
    await page.getByTestId('autofill-panel').and(page.locator('[data-status="done"]')).waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="file-preview"][data-state="ready"] img').waitFor({ timeout: 60_000 });
    const pageLabel = page.getByTestId('preview-page');
    expect(await pageLabel.textContent()).toBe(ru['preview.pageOf'].replace('{page}', '1').replace('{pages}', '2'));
    const image = page.locator('[data-testid="file-preview"] img');
    // The signer was read on page 2: hovering it turns the preview there and lights its box.
    expect(await fieldRow('signer').getByTestId('autofill-value').textContent()).toMatch(/Петров/);
    await fieldRow('signer').hover();
    await page.getByTestId('autofill-box').waitFor();
    expect(await pageLabel.textContent()).toBe(ru['preview.pageOf'].replace('{page}', '2').replace('{pages}', '2'));
    expect(await image.getAttribute('src')).toMatch(/\/preview\?page=2$/);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="file-preview"] img');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    await saveScreenshot(page, 'autofill-6-second-page');
    // Back to page 1 with the pager: the box of a page-2 field is not drawn there.
    await page.getByRole('button', { name: ru['preview.prev'] }).click();
    expect(await pageLabel.textContent()).toBe(ru['preview.pageOf'].replace('{page}', '1').replace('{pages}', '2'));
    expect(await page.getByTestId('autofill-box').count()).toBe(0);
    await signOut(page);
  });

  test.skipIf(!canScan)('a scanned page (PNG, OCR): the source box of the summary lies where the line is printed', async () => {
    const scan = await letterScan();
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'clerk', harness.demoPassword);
    await page.getByTestId('home-clerk').waitFor();
    await dropLetter('скан-письма.png', scan, 'image/png');
    const panel = page.getByTestId('autofill-panel');
    // tesseract reads the page in a worker thread of the server: slower than a text layer.
    await panel.and(page.locator('[data-status="done"]')).waitFor({ timeout: 240_000 });
    await page.locator('[data-testid="file-preview"][data-state="ready"] img').waitFor({ timeout: 60_000 });
    expect(await fieldRow('subject').getByTestId('autofill-value').textContent()).toMatch(/ремонте кровли/);
    await fieldRow('subject').hover();
    const box = page.getByTestId('autofill-box');
    await box.waitFor();
    const imageBox = await page.locator('[data-testid="file-preview"] img').boundingBox();
    const litBox = await box.boundingBox();
    if (!imageBox || !litBox) throw new Error('no geometry');
    // «О ремонте кровли…» has its baseline 640 pt above the bottom of the 842 pt page, from x = 60 pt of 595.
    const top = (litBox.y - imageBox.y) / imageBox.height;
    const bottom = (litBox.y + litBox.height - imageBox.y) / imageBox.height;
    expect(top).toBeGreaterThan((842 - 640 - 18) / 842);
    expect(bottom).toBeLessThan((842 - 640 + 10) / 842);
    expect((litBox.x - imageBox.x) / imageBox.width).toBeGreaterThan(40 / 595);
    expect((litBox.x - imageBox.x) / imageBox.width).toBeLessThan(80 / 595);
    await saveScreenshot(page, 'autofill-5-scan');
    await signOut(page);
  });
});
