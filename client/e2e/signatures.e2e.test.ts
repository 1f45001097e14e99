import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../src/i18n/en.ts';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, REPO_ROOT, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn, signOut } from './loginPage.ts';

// Frozen fixtures of signature/fixtures (generated with OpenSSL 3 + the GOST engine, see generate.sh):
// a PAdES-LT PDF signed with GOST R 34.10-2012 256 (its CRL is in the document security store, so the server
// can decide without supplied revocation data), a detached signature over a changed document, and a CAdES-T
// signature without revocation data.
const FIXTURES = join(REPO_ROOT, 'signature/fixtures/out');
const fixture = (path: string) => readFileSync(join(FIXTURES, path));
const haveFixtures = existsSync(join(FIXTURES, 'manifest.json'));
if (!haveFixtures) console.warn('[e2e] signatures skipped: signature/fixtures/out is missing');

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const SUMMARY = 'Письмо с квалифицированной электронной подписью';
const fill = (template: string, params: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');

describe.skipIf(!available || !haveFixtures)('signatures on the card: verdict, reason, certificate, protocol, re-verification', () => {
  const harness = useBrowser();
  let page: Page;

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  test('admin trusts the root; the clerk sees valid, invalid and undetermined signatures with their reasons', async () => {
    // 1. The administrator imports the GOST root from a PEM file through the trust store section.
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'admin', harness.demoPassword);
    await page.getByTestId('home-admin').waitFor();
    const trust = page.getByTestId('admin-trust');
    await trust.getByText(ru['admin.trust.none']).waitFor();
    await trust.getByLabel(ru['admin.trust.file']).setInputFiles({ name: 'gost256A-root.pem', mimeType: 'application/x-pem-file', buffer: fixture('trust/gost256A-root.pem') });
    await trust.getByTestId('trust-import').click();
    await trust.getByText(fill(ru['admin.trust.imported'], { count: '1' })).waitFor();
    const anchors = trust.getByTestId('trust-anchors');
    await anchors.getByRole('cell', { name: 'C=RU, O=Kartoteka Test, CN=Kartoteka Root gost256A', exact: true }).waitFor();
    // A second root, pasted as PEM text, is removed again after a confirmation.
    await trust.getByLabel(ru['admin.trust.paste']).fill(fixture('trust/other-root.pem').toString('utf8'));
    await trust.getByTestId('trust-import').click();
    await expect.poll(() => anchors.locator('tbody tr').count()).toBe(2);
    const otherSubject = (await anchors.locator('tbody tr').filter({ hasNotText: 'gost256A' }).locator('td').first().textContent()) ?? '';
    await trust.getByRole('button', { name: fill(ru['admin.trust.removeLabel'], { subject: otherSubject }) }).click();
    await trust.getByTestId('trust-confirm').getByRole('button', { name: ru['admin.trust.confirmYes'] }).click();
    await trust.getByText(fill(ru['admin.trust.removed'], { subject: otherSubject })).waitFor();
    await expect.poll(() => anchors.locator('tbody tr').count()).toBe(1);
    await saveScreenshot(page, 'signatures-1-trust-store');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await signOut(page);

    // 2. The clerk registers a letter that arrived as a signed PDF.
    await signIn(page, 'clerk', harness.demoPassword);
    await page.getByTestId('home-clerk').waitFor();
    await page.locator('#reg-files').setInputFiles({ name: 'письмо-подписанное.pdf', mimeType: 'application/pdf', buffer: fixture('cases/gost256A-dss.pdf') });
    await page.getByTestId('file-list').getByText('письмо-подписанное.pdf').waitFor();
    await page.getByTestId('register-form').getByLabel(ru['reg.summary'], { exact: false }).fill(SUMMARY);
    await page.getByTestId('register-form').getByLabel(ru['reg.summary'], { exact: false }).press('Control+Enter');
    await page.getByTestId('registered-open').click();
    await page.getByTestId('card-page').waitFor();

    // The verification job runs after registration; the card shows its verdict when it is done.
    const checks = page.getByTestId('signature-checks');
    const pdfCheck = checks.getByTestId('signature-check').filter({ hasText: 'письмо-подписанное.pdf' });
    await pdfCheck.waitFor({ timeout: 60_000 });
    expect(await pdfCheck.getAttribute('data-status')).toBe('passed');
    const badge = pdfCheck.getByTestId('signature-badge');
    expect(await badge.getAttribute('data-verdict')).toBe('valid');
    expect((await badge.textContent())?.trim()).toBe(fill(ru['sig.badgeLabel'], { verdict: ru['sig.verdict.valid'] }));
    expect(await pdfCheck.getByTestId('signature-reason').textContent()).toContain(ru['sig.sub.PASSED']);

    // Certificate details open with the keyboard (a native disclosure).
    const details = pdfCheck.getByTestId('signature-details');
    await details.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => details.getAttribute('open')).not.toBeNull();
    const text = (await details.textContent()) ?? '';
    for (const expected of [
      'Иванов Иван Иванович',
      'Начальник отдела',
      'ГКУ Тестовое учреждение',
      '007712345678',
      '7712345678',
      '1027700132195',
      '12345678901',
      'Kartoteka Issuing CA gost256A',
      'КС1, КС2',
      'PAdES',
      ru['sig.bestTime'],
      ru['sig.signingTime'],
      ru['sig.timestamps'],
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The PDF was signed, then its validation data appended: the report says so.
    expect(text).toContain(fill(ru['sig.pdfAppended'], { bytes: '485' }));

    // The printable protocol is a PDF.
    const href = await pdfCheck.getByTestId('signature-protocol').getAttribute('href');
    const protocol = await page.context().request.get(`${harness.baseUrl}${href ?? ''}`);
    expect(protocol.status()).toBe(200);
    expect(protocol.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await protocol.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await saveScreenshot(page, 'signatures-2-valid');

    // 3. Two detached signatures are attached: one over a document changed after signing, one CAdES-T
    //    without revocation data (undetermined, with its time-stamp listed).
    await page.locator('#card-files-add').setInputFiles([
      { name: 'приложение.txt', mimeType: 'text/plain', buffer: fixture('doc-tampered.txt') },
      { name: 'приложение.txt.sig', mimeType: 'application/octet-stream', buffer: fixture('gost256A/detached.p7s') },
      { name: 'справка.txt', mimeType: 'text/plain', buffer: fixture('doc.txt') },
      { name: 'справка.txt.p7s', mimeType: 'application/octet-stream', buffer: fixture('gost256A/cades-t.p7s') },
    ]);
    await page.getByTestId('card-attach').click();
    const tampered = checks.getByTestId('signature-check').filter({ hasText: 'приложение.txt.sig' });
    const stamped = checks.getByTestId('signature-check').filter({ hasText: 'справка.txt.p7s' });
    await tampered.waitFor({ timeout: 60_000 });
    await stamped.waitFor({ timeout: 60_000 });
    expect(await tampered.getAttribute('data-status')).toBe('failed');
    expect(await tampered.getByTestId('signature-badge').getAttribute('data-verdict')).toBe('invalid');
    expect(await tampered.getByTestId('signature-reason').textContent()).toContain(ru['sig.sub.HASH_FAILURE']);
    expect(await stamped.getAttribute('data-status')).toBe('indeterminate');
    expect((await stamped.getByTestId('signature-badge').textContent())?.trim()).toBe(fill(ru['sig.badgeLabel'], { verdict: ru['sig.verdict.unknown'] }));
    expect(await stamped.getByTestId('signature-reason').textContent()).toContain(ru['sig.sub.TRY_LATER']);
    await stamped.getByTestId('signature-details').locator('summary').click();
    expect(await stamped.getByTestId('signature-details').textContent()).toContain('signature-time-stamp');
    // The card's file list carries the same verdicts beside the files.
    const listed = (name: string) => page.getByTestId('card-file').filter({ hasText: name }).getByTestId('signature-badge');
    expect(await listed('письмо-подписанное.pdf').getAttribute('data-verdict')).toBe('valid');
    expect(await listed('приложение.txt.sig').getAttribute('data-verdict')).toBe('invalid');
    expect(await listed('справка.txt.p7s').getAttribute('data-verdict')).toBe('unknown');
    await saveScreenshot(page, 'signatures-3-three-verdicts');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // 4. «Проверить заново»: pending while the jobs run, then the same verdicts again.
    await checks.getByTestId('signature-reverify').click();
    await checks.getByTestId('signature-status').getByText(ru['sig.reverifyDone']).waitFor({ timeout: 60_000 });
    expect(await checks.getByTestId('signature-check').count()).toBe(3);
    expect(await checks.locator('[data-testid="signature-badge"][data-pending="true"]').count()).toBe(0);
    expect(await pdfCheck.getAttribute('data-status')).toBe('passed');
    // The history names the verifications in words.
    await page.getByTestId('card-history').getByText(ru['history.signatureReverify']).waitFor();

    // In English the same verdicts and reasons, from the English dictionary.
    await page.getByTestId('lang-toggle').click();
    expect((await tampered.getByTestId('signature-badge').textContent())?.trim()).toBe(fill(en['sig.badgeLabel'], { verdict: en['sig.verdict.invalid'] }));
    expect(await tampered.getByTestId('signature-reason').textContent()).toContain(en['sig.sub.HASH_FAILURE']);
    await checks.getByRole('button', { name: en['sig.reverify'] }).waitFor();
    await page.getByTestId('lang-toggle').click();
    await checks.getByRole('button', { name: ru['sig.reverify'] }).waitFor();
    await signOut(page);
  });
});
