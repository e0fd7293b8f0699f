/**
 * Two computers (two `npm run web` instances with their own data folders) and one
 * `npm run server`, as a clinic runs them: enrol both, create a patient on one and find it
 * on the other; stop the server, keep working offline, start it again and see the work
 * arrive.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, uniqueSurname } from './fixtures';
import { enrolCode, open, startComputer, startServer, stop, waitFor } from './sync-harness';

const SERVER_PORT = 5196;
const PORT_A = 5197;
const PORT_B = 5198;

async function createPatient(page: Page, port: number, first: string, surname: string) {
  await open(page, port, '/patients');
  await page.getByRole('button', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(surname);
  await page.getByLabel('Date of birth').fill('04/19/1971');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByLabel('Preferred contact').selectOption('none');
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(surname) })).toBeVisible();
}

/** The patient search on this computer finds the surname (typed again until it does). */
async function expectFound(page: Page, port: number, surname: string, timeoutMs: number) {
  await open(page, port, '/patients');
  const search = page.getByLabel('Search patients');
  await expect
    .poll(
      async () => {
        await search.fill('');
        await search.fill(surname.toLowerCase());
        return page.getByRole('row', { name: new RegExp(surname) }).count();
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toBeGreaterThan(0);
}

test.describe('two computers and the clinic server', () => {
  test.describe.configure({ timeout: 180_000 });
  const dirs: string[] = [];
  const procs: Record<string, ChildProcess | undefined> = {};
  let serverDir = '';

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    serverDir = mkdtempSync(join(tmpdir(), 'desk-e2e-server-'));
    const dirA = mkdtempSync(join(tmpdir(), 'desk-e2e-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'desk-e2e-b-'));
    dirs.push(serverDir, dirA, dirB);
    procs.server = startServer(SERVER_PORT, serverDir);
    procs.a = startComputer(PORT_A, dirA);
    procs.b = startComputer(PORT_B, dirB);
    await Promise.all([waitFor(`http://127.0.0.1:${SERVER_PORT}/v1/health`), waitFor(`http://127.0.0.1:${PORT_A}/`), waitFor(`http://127.0.0.1:${PORT_B}/`)]);
  });

  test.afterAll(async () => {
    await Promise.all(Object.values(procs).map((p) => stop(p)));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a patient made on one computer appears on the other; offline work arrives after the server is back', async ({ browser }) => {
    const a = await browser.newPage();
    const b = await browser.newPage();
    const serverUrl = `http://127.0.0.1:${SERVER_PORT}`;

    // The front desk enrols its computer in Settings → Clinic server.
    await open(a, PORT_A, '/settings');
    const form = a.getByRole('form', { name: 'Enrol this computer' });
    await form.getByLabel('Server address').fill(serverUrl);
    await form.getByLabel('Enrolment code').fill(enrolCode(serverDir, true));
    await form.getByLabel('This computer’s name').fill('Front desk PC');
    await form.getByRole('button', { name: 'Enrol this computer' }).click();
    const indicatorA = a.locator('.sync-indicator');
    await expect(indicatorA).toContainText(/Synced|Connected/, { timeout: 15_000 });

    // The nurse's laptop too.
    await open(b, PORT_B, '/settings');
    const formB = b.getByRole('form', { name: 'Enrol this computer' });
    await formB.getByLabel('Server address').fill(serverUrl);
    await formB.getByLabel('Enrolment code').fill(enrolCode(serverDir));
    await formB.getByLabel('This computer’s name').fill('Nurse laptop');
    await formB.getByRole('button', { name: 'Enrol this computer' }).click();
    await expect(b.locator('.sync-indicator')).toContainText(/Synced|Connected/, { timeout: 15_000 });

    // Made at the front desk, seen on the laptop within a few seconds.
    const surname = uniqueSurname('Halvorsen');
    await createPatient(a, PORT_A, 'Ingrid', surname);
    const t0 = Date.now();
    await expectFound(b, PORT_B, surname, 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);

    // The server stops: the front desk sees it is offline and keeps working.
    await stop(procs.server);
    await open(a, PORT_A, '/patients');
    await expect(indicatorA).toContainText('Offline', { timeout: 20_000 });
    const offline = uniqueSurname('Brennan');
    await createPatient(a, PORT_A, 'Siobhan', offline);
    await expect(indicatorA).toContainText(/Offline — \d+ changes waiting/, { timeout: 10_000 });
    await expect(indicatorA).toContainText('All work saved on this computer');

    // The server comes back: what was made offline reaches the laptop.
    procs.server = startServer(SERVER_PORT, serverDir);
    await waitFor(`http://127.0.0.1:${SERVER_PORT}/v1/health`);
    await expectFound(b, PORT_B, offline, 45_000);
    await expect(indicatorA).toContainText(/Synced/, { timeout: 45_000 });
    await a.screenshot({ path: 'test-results/sync-front-desk.png' });
  });
});
