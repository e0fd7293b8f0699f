/**
 * A new clinic from an empty data folder: the administrator is created, the first-run setup
 * walks through the clinic's name and time zone (this computer's zone suggested), suites and
 * hours, staff and shifts (2 patients at once by default, said on screen), payers, resumes where
 * it was after the window reloads, and ends on "Book your first patient"; the patient booked
 * there gets a whole infusion series on what the setup saved. Its own computer (web server and
 * data folder), so the shared e2e clinic's state does not matter.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startComputer, stop, token, waitFor } from './sync-harness';

const SHOTS = '/tmp/shots/first-run';
mkdirSync(SHOTS, { recursive: true });
const PORT = Number(process.env.E2E_PORT ?? 5199) + 200;
const BASE = `http://127.0.0.1:${PORT}`;

/** One call with the page's own session, as the renderer makes it. */
async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-desk-token': sessionStorage.getItem('desk.token') ?? '',
          'x-desk-session': sessionStorage.getItem('desk.session') ?? '',
        },
        body: JSON.stringify({ method: m, input: i }),
      });
      const out = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
      if (!out.ok) throw new Error(`${m}: ${out.error?.message ?? 'refused'}`);
      return out.result;
    },
    [method, input] as const,
  ) as Promise<T>;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1024, 700],
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.describe('first-run setup of a new clinic', () => {
  let proc: ChildProcess | undefined;
  let dir = '';
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'desk-first-run-'));
    proc = startComputer(PORT, dir);
    await waitFor(`${BASE}/`);
  });
  test.afterAll(async () => {
    await stop(proc);
    rmSync(dir, { recursive: true, force: true });
  });

  test('from an empty data folder through setup to a booked series', async ({ browser }) => {
    test.setTimeout(180_000);
    // The computer is set to Denver time; the clinic starts in the server's zone.
    const context = await browser.newContext({ timezoneId: 'America/Denver', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/#token=${token()}`);
    await page.getByLabel('Your name').fill('Lena Ortiz');
    await page.getByLabel('User name').fill('lena.ortiz');
    await page.getByLabel('Password', { exact: true }).fill('first-clinic-passphrase');
    await page.getByLabel('Password again').fill('first-clinic-passphrase');
    await page.getByRole('button', { name: 'Create the administrator' }).click();

    // --- Step 1: name and zone ---------------------------------------------------------------
    await expect(page.getByRole('heading', { name: 'Set up your clinic', level: 1 })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Step 1 of 5: Clinic and time zone' })).toBeVisible();
    const zone = page.getByLabel('Time zone', { exact: true });
    await expect(zone).toHaveValue('America/Denver');
    await expect(zone).toHaveAccessibleDescription(/This computer’s time zone \(America\/Denver\) is suggested\./);
    // No name: refused beside the field, and the walk stays on this page.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    const name = page.getByLabel('Clinic name');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { name: /^Step 1 of 5/ })).toBeVisible();
    await shoot(page, 'clinic-refused');
    await name.fill('Lakeview Infusion Center');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('heading', { name: 'Step 2 of 5: Suites and hours' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Lakeview Infusion Center');

    // --- The window closes mid-walk: it resumes at step 2, step 1 kept --------------------------
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Step 2 of 5: Suites and hours' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('list', { name: 'Setup steps' })).toContainText('Clinic and time zone (saved)');

    // --- Step 2: suites and hours -----------------------------------------------------------------
    await expect(page.getByLabel('How many infusion suites (rooms or chairs)?')).toHaveValue('3');
    await page.getByLabel('Opens at').fill('08:00');
    await page.getByLabel('Closes at').fill('17:00');
    await shoot(page, 'suites');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // --- Step 3: staff and shifts, with the capacity default said in words --------------------
    await expect(page.getByRole('heading', { name: 'Step 3 of 5: Staff and shifts' })).toBeVisible();
    await expect(page.getByText('Each nurse or anesthetist on shift watches up to 2 patients at once')).toBeVisible();
    await page.getByLabel('Name, person 1').fill('Nora Quinn');
    await expect(page.getByLabel('Role, person 1')).toHaveValue('rn');
    await expect(page.getByLabel('Patients at once, person 1')).toHaveValue('2');
    await expect(page.getByTestId('setup-capacity-now')).toHaveText('With 3 suites and the people below, up to 2 infusions can run at the same time.');
    await page.getByRole('button', { name: 'Add another person' }).click();
    await page.getByLabel('Name, person 2').fill('Dr. Ravi Shah');
    await page.getByLabel('Role, person 2').selectOption('physician');
    await expect(page.getByLabel('Patients at once, person 2')).toHaveCount(0);
    await shoot(page, 'staff');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // --- Step 4: payers --------------------------------------------------------------------------
    await expect(page.getByRole('heading', { name: 'Step 4 of 5: Payers' })).toBeVisible();
    await page.getByLabel('Payer 1').fill('Blue Lake Health');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // --- The end: book the first patient --------------------------------------------------------
    await expect(page.getByRole('heading', { name: 'Step 5 of 5: Your first patient' })).toBeVisible();
    await expect(page.locator('.setup-summary')).toContainText('Lakeview Infusion Center, in America/Denver');
    await expect(page.locator('.setup-summary')).toContainText('3 suites');
    await shoot(page, 'done');
    await page.getByRole('button', { name: 'Book your first patient' }).click();
    await expect(page).toHaveURL(/#\/patients\/new$/);
    await expect(page.getByRole('heading', { name: 'New patient', level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    // What the setup saved is what the clinic now has.
    const settings = await call<{ name: string; timeZone: string; openingHours: { day: number; open: string; close: string }[] }>(page, 'settings.get', {});
    expect(settings).toMatchObject({ name: 'Lakeview Infusion Center', timeZone: 'America/Denver' });
    expect(settings.openingHours.map((h) => `${h.day} ${h.open}-${h.close}`)).toEqual(['1 08:00-17:00', '2 08:00-17:00', '3 08:00-17:00', '4 08:00-17:00', '5 08:00-17:00']);
    const suites = await call<{ id: string; name: string }[]>(page, 'suites.list', {});
    expect(suites.map((s) => s.name)).toEqual(['Suite 1', 'Suite 2', 'Suite 3']);
    const shifts = await call<{ name: string; shifts: { weekday: number; maxConcurrent: number }[] }[]>(page, 'shifts.list', {});
    expect(shifts).toHaveLength(1);
    expect(shifts[0]!.shifts.map((s) => s.maxConcurrent)).toEqual([2, 2, 2, 2, 2]);
    expect((await call<{ name: string }[]>(page, 'payers.list', {})).map((p) => p.name)).toEqual(['Blue Lake Health']);
    expect(await call(page, 'setup.status', {})).toMatchObject({ state: 'finished', saved: ['clinic', 'suites', 'staff', 'payers'] });

    // --- An empty clinic's Today says what to do next (not "Every intake is complete") -------
    await page.goto(`${BASE}/#/today`);
    const worklist = page.getByRole('region', { name: 'Intakes to complete' });
    await expect(worklist).toContainText('No patients yet. A patient’s intake is listed here from registration until it is complete.');
    await expect(worklist).not.toContainText('Every intake is complete');
    await expect(page.locator('.today-summary')).toContainText('No sessions booked. Infusion series are planned from the patient’s chart');
    await shoot(page, 'today-empty');
    await worklist.getByRole('link', { name: 'Register the first patient' }).click();
    await expect(page.getByRole('heading', { name: 'New patient', level: 1 })).toBeVisible();

    // --- The first patient, and a whole series booked on what the setup made -----------------
    await page.getByLabel('First name').fill('Iris');
    await page.getByLabel('Last name').fill('Calloway');
    await page.getByLabel('Date of birth').fill('04/11/1981');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByLabel('Phone').fill('(303) 555-0188');
    await page.getByLabel('Preferred contact').selectOption('phone');
    await page.getByRole('button', { name: 'Save patient' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Calloway/ })).toBeVisible();
    const patientId = decodeURIComponent(/#\/patients\/([^/]+)$/.exec(page.url())![1]!);
    const templates = await call<{ id: string; name: string }[]>(page, 'series.templates.list', {});
    const template = templates.find((t) => t.name.startsWith('Initial series'))!;
    const proposal = await call<{ proposals: { sessions: unknown[] }[]; noFit: unknown }>(page, 'series.propose', { patientId, templateId: template.id, selfPay: true });
    expect(proposal.noFit, 'the setup gave the planner suites, hours and a nurse on shift').toBeNull();
    const series = await call<{ id: string }>(page, 'series.book', { patientId, templateId: template.id, selfPay: true, sessions: proposal.proposals[0]!.sessions });
    expect(series.id).toBeTruthy();

    // A new sign-in on this computer does not walk the setup again.
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toHaveCount(0);
    await context.close();
  });
});
