import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium, not a Playwright-downloaded build: the machines and CI reach no browser
 * download site, and the distribution browser is what court PCs of this kind run anyway.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  // Tests run as root in a container, where the setuid sandbox is unavailable.
  '--no-sandbox',
  '--disable-gpu',
  // Nothing but the app under test may use the network: no update checks, no sync, no first-run.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Hearing pages ask for camera and microphone: grant them and feed synthetic ones.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/**
 * Starts headless Chromium. Every launch gets a fresh, throw-away profile (Playwright's
 * `launch()` creates a temporary user-data dir and deletes it on close), so no cookie, storage
 * or permission leaks from one run into the next.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface LocalePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a test can assert this stayed empty. */
  pageErrors: string[];
  /**
   * Console errors. Kept apart because Chromium also logs every 4xx answer here ("Failed to load
   * resource"), which a test of a refused sign-in expects.
   */
  consoleErrors: string[];
}

/**
 * A page in its own context (own storage, as a separate person's browser would have) whose
 * browser language is `locale`: it sets navigator.language(s) and the Accept-Language header.
 */
export async function newPageWithLocale(
  browser: Browser,
  locale: string,
  /** `timezoneId`: the zone the page's clock is in, e.g. a reader far from the court. */
  options: { baseURL?: string; viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<LocalePage> {
  const context = await browser.newContext({
    locale,
    timezoneId: options.timezoneId,
    baseURL: options.baseURL,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return { context, page, pageErrors, consoleErrors };
}
