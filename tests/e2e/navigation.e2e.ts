import { expect, openApp, test } from './fixtures';

const SCREENS: [string, RegExp][] = [
  ['Today', /today/i],
  ['Patients', /patients/i],
  ['Schedule', /schedule/i],
  ['Outcomes', /outcomes/i],
  ['Authorizations', /authorizations/i],
  ['Documents', /documents/i],
  ['Board', /board/i],
  ['Settings', /settings/i],
];

test('every navigation entry opens its screen', async ({ page }) => {
  await openApp(page);
  const nav = page.getByRole('navigation');
  for (const [label, heading] of SCREENS) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
});

test('settings: the clinic name and time zone are saved and shown in the header', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByLabel('Clinic name').fill('Lakeside Pain & Infusion Center');
  await page.getByLabel('Time zone', { exact: true }).selectOption('America/Denver');
  await page.getByRole('button', { name: 'Save clinic settings' }).click();
  await expect(page.getByText('Saved')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Lakeside Pain & Infusion Center');
  await expect(page.getByRole('banner')).toContainText(/M[SD]T/);
});
