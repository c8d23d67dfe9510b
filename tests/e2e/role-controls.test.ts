/**
 * Controls a role may not use are not shown (issue 11; the server refuses them anyway): a
 * township user gets 采纳 only on proposals in its own township; a viewer gets no 采纳, no
 * scenario saving and no hazard records layer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { XINAN } from '../helpers/sign-in';
import { requirePart } from '../helpers/test-db';
import { type AppSession, closeAppSession, expectNothingFailed, openAppSession } from './app-session';
import { hasChromium, screenshot } from './browser';

const POLL = { timeout: 120_000 };

async function proposals(session: AppSession) {
  const { page } = session;
  await page.locator('[data-tab="hydrants"]').click();
  await page.locator('[data-testid="coverage-card"]').waitFor(POLL);
  await page.locator('[data-action="propose"]').click();
  await expect.poll(() => page.locator('[data-testid="proposals"] tr[data-rank]').count(), POLL).toBeGreaterThan(5);
  return page.locator('[data-testid="proposals"] tr[data-rank]');
}

describe.skipIf(!requirePart('Chromium (/usr/bin/chromium)', hasChromium))('controls by role (Chromium)', () => {
  const sessions: AppSession[] = [];
  afterAll(async () => {
    for (const s of sessions) await closeAppSession(s);
  });

  it('a township user sees 采纳 only for proposals in its own township', async () => {
    const session = await openAppSession(undefined, { role: 'township', township: XINAN });
    sessions.push(session);
    const rows = await proposals(session);
    const plan = (await (
      await session.server.fetch('/api/plan/hydrants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { proposals: { rank: number; township: string | null }[] };
    const own = plan.proposals.filter((p) => p.township === XINAN).map((p) => p.rank);
    const others = plan.proposals.filter((p) => p.township !== XINAN).map((p) => p.rank);
    expect(own.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    const withAccept = await rows.evaluateAll((trs) =>
      trs.filter((tr) => tr.querySelector('[data-action="accept"]')).map((tr) => Number(tr.getAttribute('data-rank'))),
    );
    expect(withAccept.sort((a, b) => a - b)).toEqual(own.sort((a, b) => a - b));
    await screenshot(session.page, 'role-township-proposals');
    expectNothingFailed(session.guarded);
  });

  it('a viewer sees no 采纳, no scenario saving and no hazard records layer', async () => {
    const session = await openAppSession(undefined, { role: 'viewer' });
    sessions.push(session);
    const { page } = session;
    expect(await page.locator('[data-layer="hazards"]').count()).toBe(0);
    expect(await page.locator('[data-layer="hydrants"]').count()).toBe(1);
    const rows = await proposals(session);
    expect(await rows.count()).toBeGreaterThan(5);
    expect(await page.locator('[data-action="accept"]').count()).toBe(0);
    expect(await page.locator('[data-action="reject"]').count()).toBeGreaterThan(0);
    await page.locator('[data-tab="stations"]').click();
    await page.locator('[data-testid="station-summary"], .stations').first().waitFor(POLL);
    expect(await page.locator('[data-action="save-scenario"]').count()).toBe(0);
    await page.locator('[data-tab="density"]').click();
    expect(await page.locator('[data-heat]').count()).toBe(0);
    expectNothingFailed(session.guarded);
  });
});
