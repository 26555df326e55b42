import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { startApiServer, type RunningApi } from '../api-server';
import { ROOT_DIR } from '../test-env';
import { launchChromium, newPageWithLocale, type LocalePage } from './chromium';
import type { HearingStackOptions } from './hearing-stack';

/* The browser global set in the pages' init script (type-checked with Node's libs). */
declare const window: { __EJ_TEST_HOOKS__?: boolean };

/** The built web app the api serves; a run may point at another build. */
const WEB_DIST_DIR = process.env.WEB_DIST_DIR ?? path.resolve(ROOT_DIR, 'apps/web/dist');

/** How a suite's pages are opened; a page may ask otherwise (e.g. a reader in another time zone). */
export interface WebPageOptions {
  /** newPageWithLocale's 1280×800 unless given. */
  readonly viewport?: { width: number; height: number };
  readonly timezoneId?: string;
  /** How long the page waits for an element or a navigation, in ms; Playwright's 30 s unless given. */
  readonly timeout?: number;
  /**
   * Sets `window.__EJ_TEST_HOOKS__` before the page loads, for a hearing page to expose its
   * session to the test (see hearing-media.ts).
   */
  readonly testHooks?: boolean;
}

export interface WebAppOptions {
  /** Environment variables for the api (e.g. a Redis database of the suite's own). */
  readonly env?: Record<string, string>;
  /** A real media node too (startHearingStack), for pages that join a hearing. */
  readonly media?: Omit<HearingStackOptions, 'env'>;
  readonly pages?: WebPageOptions;
}

/**
 * The web app as a browser suite drives it: the real api serving the built app (with a media node
 * if asked), headless Chromium and the pages the suite opened. close() closes the pages, then the
 * browser, then the api: the reverse of how they started.
 */
export interface WebApp {
  readonly api: RunningApi;
  /** A page in a context of its own, as a separate person's browser; closed with the app. */
  newPage(locale: string, options?: WebPageOptions): Promise<LocalePage>;
  /** Closes the pages opened so far, for a test that leaves nothing open to the next. */
  closePages(): Promise<void>;
  /**
   * Swallows nothing: Playwright closes a context without complaint when its page crashed or was
   * closed, or Chromium died, so a failure here is a real one. The browser and the server are
   * still closed after a page or the browser failed to, so that no Chromium, worker or port is left
   * to the next suite. A second call closes nothing more: a suite may close the app in a test, to
   * check what it leaves behind.
   */
  close(): Promise<void>;
}

/** The web app started with `media`. */
export interface HearingWebApp extends WebApp {
  /** The media node, for a test that looks into its rooms or kills one of its mediasoup workers. */
  readonly media: INestApplication;
}

/**
 * Starts the web app for a browser suite. Refuses to start without a built app: the api would
 * answer every page "not built" (503), and each test would fail far from the reason.
 */
export function startWebApp(options: WebAppOptions & Required<Pick<WebAppOptions, 'media'>>): Promise<HearingWebApp>;
export function startWebApp(options?: WebAppOptions): Promise<WebApp>;
export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp | HearingWebApp> {
  if (!existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIST_DIR}/index.html is missing: build the web app first (npx vite build --config apps/web/vite.config.ts)`);
  }
  const env = { WEB_DIST_DIR, ...options.env };
  // Loaded only when asked for, so a suite without hearings never loads the media app.
  const server: { readonly api: RunningApi; readonly media?: INestApplication; close(): Promise<void> } = options.media
    ? await (await import('./hearing-stack')).startHearingStack({ ...options.media, env })
    : await startApiServer({ env }).then((api) => ({ api, close: () => api.close() }));
  const { api, media } = server;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  const open: LocalePage[] = [];
  const closePages = async () => {
    for (const { context } of open.splice(0)) await context.close();
  };
  let closing: Promise<void> | undefined;
  return {
    api,
    media,
    async newPage(locale, pageOptions) {
      const viewport = pageOptions?.viewport ?? options.pages?.viewport;
      const timezoneId = pageOptions?.timezoneId ?? options.pages?.timezoneId;
      const timeout = pageOptions?.timeout ?? options.pages?.timeout;
      const testHooks = pageOptions?.testHooks ?? options.pages?.testHooks;
      const localePage = await newPageWithLocale(browser, locale, { baseURL: api.baseUrl, viewport, timezoneId });
      open.push(localePage);
      if (timeout !== undefined) localePage.context.setDefaultTimeout(timeout);
      if (testHooks) {
        await localePage.context.addInitScript(() => {
          window.__EJ_TEST_HOOKS__ = true;
        });
      }
      return localePage;
    },
    closePages,
    close() {
      closing ??= (async () => {
        try {
          await closePages();
        } finally {
          try {
            await browser.close();
          } finally {
            await server.close();
          }
        }
      })();
      return closing;
    },
  };
}
