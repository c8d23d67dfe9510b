/**
 * The week's bulletin in the browser (issue 15): open 周通报, the last whole week's bulletin is
 * generated, both files download (the .docx holds the title and every township, the .xlsx its
 * sheets), a 督办通知 is drafted from a row and saved (a .docx downloads), and the print view shows
 * the legend, scale bar and north arrow. Screenshots at 1440×900 and 390×844.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot, screenshotDir, waitForIdle } from './browser';

const TIMEOUT = { timeout: 120_000 };

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('周通报 in the browser', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession();
    page = session.page;
    await page.setViewportSize({ width: 1440, height: 900 });
  }, 180_000);
  afterAll(async () => {
    await closeAppSession(session);
  });
  afterEach(() => expectNothingFailed(session.guarded));

  const download = async (selector: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
    return readFileSync((await file.path()) as string);
  };

  it('generates the week’s bulletin and downloads the .docx and the .xlsx', async () => {
    await page.locator('[data-tab="bulletin"]').click();
    await page.locator('[data-testid="bulletin-sheet"]').waitFor(TIMEOUT);
    expect(await page.locator('[data-testid="bulletin-title"]').textContent()).toMatch(/^消防工作周通报 第\d+期$/);
    expect(await page.locator('[data-testid="bulletin-townships"] tbody tr').count()).toBe(14);
    await waitForIdle(page);
    await screenshot(page, '70-bulletin-1440');
    const docx = unzipSync(new Uint8Array(await download('[data-testid="bulletin-docx"]')));
    const xml = strFromU8(docx['word/document.xml'] as Uint8Array);
    expect(xml).toContain('舞阳县消防安全委员会办公室');
    expect(xml).toContain('消防工作周通报');
    for (const name of await page.locator('[data-testid="bulletin-townships"] tbody th').allTextContents()) {
      expect(xml).toContain(name.trim());
    }
    const xlsx = unzipSync(new Uint8Array(await download('[data-testid="bulletin-xlsx"]')));
    expect(strFromU8(xlsx['xl/workbook.xml'] as Uint8Array)).toContain('乡镇排名');
  });

  it('drafts a 督办通知 from a township row, saves it and downloads it', async () => {
    await page.locator('[data-testid="supervise"]').first().click();
    await page.locator('[data-testid="notice-draft"]').waitFor(TIMEOUT);
    const file = unzipSync(new Uint8Array(await download('[data-testid="notice-save"]')));
    expect(strFromU8(file['word/document.xml'] as Uint8Array)).toContain('督办通知');
    expect(await page.locator('[data-testid="notice-saved"]').textContent()).toMatch(/已保存 舞消安办督〔2023〕\d+号/);
    await screenshot(page, '71-bulletin-notice-1440');
  });

  it('opens the print view with legend, scale bar and north arrow', async () => {
    await page.locator('[data-testid="bulletin-print"]').click();
    await page.locator('[data-testid="print-layout"] .map img').waitFor(TIMEOUT);
    for (const id of ['print-legend', 'scale-bar', 'north-arrow', 'print-demo']) {
      expect(await page.locator(`[data-testid="${id}"]`).isVisible(), id).toBe(true);
    }
    expect(Number(await page.locator('[data-testid="scale-bar"]').getAttribute('data-metres'))).toBeGreaterThan(0);
    await page.locator('select[name="paper"]').selectOption('A3');
    await page.locator('select[name="orientation"]').selectOption('portrait');
    expect(await page.locator('[data-testid="print-layout"]').getAttribute('data-paper')).toBe('A3');
    await screenshot(page, '72-print-1440');
    const png = await download('[data-action="print-png"]');
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // the page at about 150 dpi: A3 portrait is 297 × 420 mm at 6 px/mm (the PNG header's width and height)
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([297 * 6, 420 * 6]);
    writeFileSync(join(screenshotDir, '72-print.png'), png);
    await page.locator('[data-action="print-close"]').click();
  });

  it('fits a phone: 390×844', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('[data-tab="bulletin"]').click();
    await waitForIdle(page);
    await screenshot(page, '73-bulletin-390');
    await page.locator('[data-action="print"]').click({ timeout: 20_000 });
    await page.locator('[data-testid="print-layout"]').waitFor({ timeout: 20_000 });
    await screenshot(page, '74-print-390-opening');
    await page.locator('[data-testid="print-layout"] .map img').waitFor({ timeout: 40_000 });
    await screenshot(page, '74-print-390');
    await page.locator('[data-action="print-close"]').click();
  });
});
