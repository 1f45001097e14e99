import type { Page } from 'playwright-core';
import { dictionaries, type Locale } from '../src/i18n/format.ts';

// Field labels come from the dictionaries, so the tests find controls the way a user does: by their names.
export async function signIn(page: Page, login: string, password: string, locale: Locale = 'ru'): Promise<void> {
  const strings = dictionaries[locale];
  await page.getByLabel(strings['login.login'], { exact: true }).fill(login);
  const passwordField = page.getByLabel(strings['login.password'], { exact: true });
  await passwordField.fill(password);
  // Enter submits the form: part of what is being tested.
  await passwordField.press('Enter');
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-title').waitFor();
}
