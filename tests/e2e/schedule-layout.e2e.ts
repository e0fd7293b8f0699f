/**
 * The day calendar at desk sizes, on a clinic of 8 suites: one time axis for the day (not one
 * per suite column), every suite column visible at 1440 px, and at 1024 px the columns scroll
 * together sideways under the one axis. Its own computer, so the 8 suites do not change the
 * shared e2e clinic.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { APIRequestContext } from '@playwright/test';
import { expect, rawInvoke, test } from './fixtures';
import { startComputer, stop, token, waitFor } from './sync-harness';

const SHOTS = '/tmp/shots/schedule-layout';
mkdirSync(SHOTS, { recursive: true });
const PORT = Number(process.env.E2E_PORT ?? 5199) + 201;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { displayName: 'Layout Admin', username: 'layout', password: 'wide-desk-passphrase-1' };

async function call<T>(request: APIRequestContext, session: string, method: string, input: unknown): Promise<T> {
  const out = await rawInvoke(request, BASE, method, input, session);
  if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
  return out.result as T;
}

test.describe('day calendar layout', () => {
  let proc: ChildProcess | undefined;
  let dir = '';
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'desk-layout-'));
    proc = startComputer(PORT, dir);
    await waitFor(`${BASE}/`);
  });
  test.afterAll(async () => {
    await stop(proc);
    rmSync(dir, { recursive: true, force: true });
  });

  test('8 suites: one time axis; all columns at 1440 px; columns scroll together at 1024 px', async ({ page, request }) => {
    test.setTimeout(120_000);
    const setup = await rawInvoke(request, BASE, 'auth.setup', ADMIN);
    if (!setup.ok) throw new Error(setup.error.message);
    const session = (setup.result as { session: string }).session;
    await call(request, session, 'setup.save', { step: 'done', finished: true });
    const suites: { id: string }[] = [];
    for (let i = 1; i <= 8; i++) suites.push(await call(request, session, 'suites.create', { name: `Suite ${i}`, active: true, openingHours: null }));
    const nurse = await call<{ id: string }>(request, session, 'staff.create', { name: 'Nora Quinn', role: 'rn', active: true });
    const settings = await call<{ openingHours: { day: number; open: string; close: string }[] }>(request, session, 'settings.get', {});
    await call(request, session, 'shifts.setWeekly', {
      staffId: nurse.id,
      shifts: settings.openingHours.map((h) => ({ weekday: h.day, startTime: h.open, endTime: h.close, maxConcurrent: 2 })),
    });
    const patient = await call<{ id: string }>(request, session, 'patients.create', {
      firstName: 'Iris',
      lastName: 'Calloway',
      dateOfBirth: '1981-04-11',
      sex: 'female',
      phone: '(303) 555-0188',
      preferredContact: 'phone',
    });
    const templates = await call<{ id: string; name: string }[]>(request, session, 'series.templates.list', {});
    const template = templates.find((t) => t.name.startsWith('Initial series'))!;
    const proposal = await call<{ proposals: { sessions: { startsAt: number; suiteId: string }[] }[] }>(request, session, 'series.propose', {
      patientId: patient.id,
      templateId: template.id,
      selfPay: true,
      preferences: { suiteId: suites[3]!.id },
    });
    const sessions = proposal.proposals[0]!.sessions;
    await call(request, session, 'series.book', { patientId: patient.id, templateId: template.id, selfPay: true, sessions });
    const zone = (await call<{ timeZone: string }>(request, session, 'settings.get', {})).timeZone;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(sessions[0]!.startsAt);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${BASE}/#token=${token()}`);
    await page.getByLabel('User name').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 15_000 });
    await page.goto(`${BASE}/#/schedule`);
    await page.getByLabel('Go to').fill(day);
    const columns = page.locator('.suite-columns');
    await expect(columns.locator('.suite-calendar')).toHaveCount(8);
    await expect(columns.locator('.session-event')).toHaveCount(1);

    // One time axis: the hour labels are shown once, in the first column.
    const visibleAxisLabels = async () =>
      columns.evaluate((el) =>
        [...el.querySelectorAll('.suite-axis-label')].filter((n) => {
          const words = n.firstElementChild as HTMLElement | null;
          return !!words && words.getBoundingClientRect().width > 0 && getComputedStyle(words).visibility !== 'hidden';
        }).length,
      );
    // Hour labels with words (half-hour cells have none) in the first column.
    const perColumn = await columns.locator('.suite-calendar').first().locator('.suite-axis-label > *').count();
    expect(perColumn).toBeGreaterThan(4);
    expect(await visibleAxisLabels()).toBe(perColumn);
    // The other columns keep no axis width, and their hour rows as tall as the first column's.
    const widths = await columns.locator('.suite-calendar').evaluateAll((cols) =>
      cols.map((c) => Math.max(0, ...[...c.querySelectorAll('.suite-axis-label')].map((n) => n.getBoundingClientRect().width))),
    );
    expect(widths[0]).toBeGreaterThan(30);
    for (const w of widths.slice(1)) expect(w).toBeLessThan(12);
    const rowTops = await columns.locator('.suite-calendar').evaluateAll((cols) =>
      cols.map((c) => [...c.querySelectorAll('.suite-axis-label')].slice(0, 6).map((n) => Math.round(n.getBoundingClientRect().top))),
    );
    for (const tops of rowTops.slice(1)) expect(tops).toEqual(rowTops[0]);

    // 1440 px: every suite column fits; nothing to scroll.
    const fit = await columns.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
    expect(fit.right).toBeLessThanOrEqual(1440);
    await page.screenshot({ path: `${SHOTS}/day-8-suites-1440x900.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${SHOTS}/day-8-suites-1920x1080.png` });

    // 1024 px: the columns scroll sideways together inside the calendar, the page itself does not.
    await page.setViewportSize({ width: 1024, height: 700 });
    const narrow = await columns.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(narrow.scroll).toBeGreaterThan(narrow.client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await page.screenshot({ path: `${SHOTS}/day-8-suites-1024x700.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/day-8-suites-1280x800.png` });
  });
});
