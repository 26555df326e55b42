import type { Page } from 'playwright-core';
import en from '../../../apps/web/src/i18n/locales/en.json';

/** Signs in on the login page (in English), as a person would, and waits for the home page. */
export async function signIn(page: Page, who: { readonly email: string; readonly password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(en.login.email).fill(who.email);
  await page.getByLabel(en.login.password).fill(who.password);
  await page.getByRole('button', { name: en.login.submit }).click();
  await page.waitForURL((url) => url.pathname === '/');
}
