import { readFileSync } from 'node:fs';
import type { Route } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * A long list download shows that it is under way and can be cancelled: nothing is saved and the
 * list can be downloaded again. The first page's answer is held until Cancel is pressed (on a
 * large clinic a page takes a moment; here it would be over before a hand could press), so the
 * cancel lands mid-download as it would for a person.
 */
test('a list download says it is under way, Cancel stops it with nothing saved, and it downloads again', async ({ page }) => {
  const surname = uniqueSurname('Hale');
  const payer = await invoke(page, 'payers.create', { name: `Payer ${surname}` });
  const patient = await invoke(page, 'patients.create', { firstName: 'Iris', lastName: surname, dateOfBirth: '1979-03-14', sex: 'female', preferredContact: 'none' } as never);
  await invoke(page, 'patients.addCoverage', { patientId: patient.id, fields: { payerId: payer.id, memberId: 'H12345678', priority: 'primary' } });
  await invoke(page, 'intake.addDiagnosis', { patientId: patient.id, fields: { code: 'M79.7', isPrimary: true } } as never);

  await openApp(page, '/authorizations');
  const waiting = page.getByTestId('waiting-list');
  await expect(waiting.getByRole('button', { name: /^All \(\d+\)$/ })).toBeVisible();

  // Hold the download's first page (limit 200: the screen's own pages ask for 25).
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let asked = 0;
  const hold = async (route: Route) => {
    const body = route.request().postDataJSON() as { method?: string; input?: { limit?: number } };
    if (body.method === 'authorizations.waitingList' && body.input?.limit === 200) {
      asked++;
      await held;
    }
    await route.continue();
  };
  await page.route('**/api/invoke', hold);
  let downloads = 0;
  page.on('download', () => downloads++);

  await waiting.getByRole('button', { name: 'Download list (CSV)' }).click();
  await expect(waiting.getByText('Preparing the file…')).toBeVisible();
  await expect(waiting.getByRole('button', { name: 'Download list (CSV)' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots/list-download-under-way.png' });
  await waiting.getByRole('button', { name: 'Cancel download' }).click();
  release();
  await expect(waiting.getByText('Download cancelled. No file was saved.')).toBeVisible();
  await expect(waiting.getByRole('button', { name: 'Download list (CSV)' })).toBeVisible();
  expect(asked).toBe(1);
  expect(downloads).toBe(0);

  await page.unroute('**/api/invoke', hold);
  const [csv] = await Promise.all([page.waitForEvent('download'), waiting.getByRole('button', { name: 'Download list (CSV)' }).click()]);
  const lines = readFileSync(await csv.path(), 'utf8').split('\r\n');
  expect(lines.find((l) => l.startsWith(`Iris ${surname},`))).toContain(`Payer ${surname},No request yet`);
  await expect(waiting.getByText(/^Downloaded \d+ patients?$/)).toBeVisible();
});
