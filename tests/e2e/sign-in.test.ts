/**
 * Accounts in the browser (issue 11): the sign-in page, the server's message for a wrong
 * password, the forced password change, who is signed in, sign-out, and the idle logout.
 */
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfig } from '../../server/auth/config';
import { totpCode } from '../../server/auth/totp';
import { createUser } from '../../server/services/account-admin';
import { createTestUser, TEST_PASSWORD } from '../helpers/sign-in';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { launchChromium, openGuardedPage, screenshot, waitForMapReady } from './browser';

describe('signing in', () => {
  let server: TestServer;
  let quick: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    // A second server whose sessions end after 6 idle seconds.
    quick = await startTestServer({ auth: authConfig({ idleMs: 6_000 }) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await quick?.close();
  });

  it('asks for a sign-in, shows the server message for a wrong password, forces a change, then opens the map', async () => {
    const who = { actor: undefined, clientAddress: 'test', nowMs: Date.now() };
    await createUser(server.db, who, authConfig(), {
      username: 'xinan.leader',
      role: 'township',
      township: '411121104',
      password: 'Temp-passw0rd',
    });
    const { page, errors } = await openGuardedPage(browser, server.url);
    await page.goto(`${server.url}/?test`);
    const form = page.getByTestId('sign-in');
    await form.waitFor();
    expect(await page.locator('h2').textContent()).toBe('请登录');
    await page.fill('input[name=username]', 'xinan.leader');
    await page.fill('input[name=password]', 'Wrong-passw0rd');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await page.fill('input[name=password]', 'Temp-passw0rd');
    await page.click('button[type=submit]');
    await page.getByTestId('change-password').waitFor();
    await screenshot(page, 'sign-in-change-password');
    await page.fill('input[name=current]', 'Temp-passw0rd');
    await page.fill('input[name=next]', 'short');
    await page.fill('input[name=repeat]', 'short');
    await page.click('button[type=submit]');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('至少 8 个字符');
    await page.fill('input[name=next]', 'Xinan-2026-fire');
    await page.fill('input[name=repeat]', 'Xinan-2026-fire');
    await page.click('button[type=submit]');
    await waitForMapReady(page);
    const menu = page.getByTestId('user-menu');
    expect(await menu.textContent()).toContain('xinan.leader · 乡镇 (辛安镇)');
    await screenshot(page, 'signed-in-township');
    const row = await server.db.one<{ must: boolean }>(
      sql`SELECT must_change_password AS must FROM users WHERE username = 'xinan.leader'`,
    );
    expect(row.must).toBe(false);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('已退出。');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets up the second factor where the role requires it, then asks for the code at sign-in', async () => {
    await server.db.rows(sql`INSERT INTO role_policies (role, require_totp) VALUES ('viewer', true)`);
    const username = await createTestUser(server.db, 'viewer');
    const { page, errors } = await openGuardedPage(browser, server.url);
    const signInWith = async (otp?: string) => {
      await page.goto(`${server.url}/?test`);
      await page.fill('input[name=username]', username);
      await page.fill('input[name=password]', TEST_PASSWORD);
      await page.click('button[type=submit]');
      if (otp === undefined) return;
      await page.locator('input[name=otp]').waitFor();
      await page.fill('input[name=otp]', otp);
      await page.click('button[type=submit]');
    };
    await signInWith();
    await page.getByTestId('totp-setup').waitFor();
    await page.click('button[type=submit]');
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.fill('input[name=otp]', await totpCode(secret, Date.now()));
    await page.click('button[type=submit]');
    await waitForMapReady(page);
    await screenshot(page, 'signed-in-after-totp');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    // The next step's code (the one used is never accepted twice).
    await signInWith(await totpCode(secret, Date.now() + 30_000));
    await waitForMapReady(page);
    expect(errors).toEqual([]);
    await server.db.rows(sql`DELETE FROM role_policies`);
    await page.close();
  });

  it('warns before the idle timeout and signs out at it', async () => {
    const username = await createTestUser(quick.db, 'viewer');
    const { page } = await openGuardedPage(browser, quick.url);
    await page.goto(`${quick.url}/?test`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('idle-warning').waitFor({ timeout: 10_000 });
    await page.getByTestId('sign-in').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('status').textContent()).toContain('长时间未操作');
    await page.close();
  });
});
