/** One e2e file's app: the real server, Debian Chromium and a guarded page on `/?test` with the map ready. */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestServer } from '../helpers/test-server';
import { type GuardedPage, launchChromium, openGuardedPage, waitForMapReady } from './browser';

export interface AppSession {
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  guarded: GuardedPage;
  page: Page;
}

/** `prepare` runs before the page loads (e.g. to answer tile requests locally). */
export async function openAppSession(
  prepare?: (page: Page) => Promise<unknown>,
  options?: Parameters<typeof startTestServer>[0],
): Promise<AppSession> {
  const server = await startTestServer(options);
  const browser = await launchChromium();
  const guarded = await openGuardedPage(browser, server.url);
  const page = guarded.page;
  // Signed in as the server's test user (brigade unless asked otherwise): the session cookie, as after the sign-in page.
  await page.context().addCookies([{ ...server.cookie, url: server.url }]);
  await prepare?.(page);
  await page.goto(`${server.url}/?test`);
  await waitForMapReady(page);
  return { server, browser, guarded, page };
}

export async function closeAppSession(session: AppSession | undefined): Promise<void> {
  await session?.browser.close();
  await session?.server.close();
}

/** After every step: no page error, no request to another host, no failed request to ours. */
export function expectNothingFailed(guarded: GuardedPage): void {
  expect(guarded.errors).toEqual([]);
  expect(guarded.foreign).toEqual([]);
  expect(guarded.failed).toEqual([]);
}
