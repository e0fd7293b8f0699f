/**
 * Two computers (two `npm run web` instances with their own data folders) and one
 * `npm run server`, as a clinic runs them: enrol both, create a patient on one and find it
 * on the other; stop the server, keep working offline, start it again and see the work
 * arrive.
 */
import type { Page } from '@playwright/test';
import { expect, test, uniqueSurname } from './fixtures';
import { enrol, enrolCode, open, twoComputersAndServer } from './sync-harness';

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
  const clinic = twoComputersAndServer({ server: SERVER_PORT, a: PORT_A, b: PORT_B }, 'desk-e2e');

  test('a patient made on one computer appears on the other; offline work arrives after the server is back', async ({ browser }) => {
    const a = await browser.newPage();
    const b = await browser.newPage();
    // The front desk and the nurse's laptop enrol in Settings → Clinic server.
    await enrol(a, PORT_A, clinic.serverUrl, enrolCode(clinic.serverDir, true), 'Front desk PC');
    await enrol(b, PORT_B, clinic.serverUrl, enrolCode(clinic.serverDir), 'Nurse laptop');
    const indicatorA = a.locator('.sync-indicator');

    // Made at the front desk, seen on the laptop within a few seconds.
    const surname = uniqueSurname('Halvorsen');
    await createPatient(a, PORT_A, 'Ingrid', surname);
    const t0 = Date.now();
    await expectFound(b, PORT_B, surname, 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);

    // The server stops: the front desk sees it is offline and keeps working.
    await clinic.stopServer();
    await open(a, PORT_A, '/patients');
    await expect(indicatorA).toContainText('Offline', { timeout: 20_000 });
    const offline = uniqueSurname('Brennan');
    await createPatient(a, PORT_A, 'Siobhan', offline);
    await expect(indicatorA).toContainText(/Offline — \d+ changes waiting/, { timeout: 10_000 });
    await expect(indicatorA).toContainText('All work saved on this computer');

    // The server comes back: what was made offline reaches the laptop.
    await clinic.startServer();
    await expectFound(b, PORT_B, offline, 45_000);
    await expect(indicatorA).toContainText(/Synced/, { timeout: 45_000 });
    await a.screenshot({ path: 'test-results/sync-front-desk.png' });
  });
});
