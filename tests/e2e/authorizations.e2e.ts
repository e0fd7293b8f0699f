import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * The Authorizations work list: approvals that ended years ago are under their own "Ended"
 * filter (they once filled "ending within 30 days" and hid the new one), every list is paged
 * ("1–25 of 31", Next, Previous), sessions used count only sessions given, and the screen fits a
 * 1024 x 700 window with nothing sideways.
 */
test('ending soon shows the new approval, ended ones page under their own filter, and it fits 1024 px', async ({ page }) => {
  test.setTimeout(90_000);
  const zone = (await invoke(page, 'settings.get', {})).timeZone;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now());
  const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const oldName = uniqueSurname('Lapsed');
  const newName = uniqueSurname('Fresh');
  const payer = await invoke(page, 'payers.create', { name: `Blue Lake Health Partners of the Greater Midwest ${oldName}` });
  const patient = (lastName: string, phone: string) =>
    invoke(page, 'patients.create', { firstName: 'Maximiliana', lastName, dateOfBirth: '1970-01-02', sex: 'female', phone, preferredContact: 'phone' } as never);
  const old = await patient(oldName, '5125550101');
  const fresh = await patient(newName, '5125550102');
  for (let i = 0; i < 30; i++) {
    await invoke(page, 'authorizations.create', {
      patientId: old.id,
      payerId: payer.id,
      authNumber: `OLD-${String(i).padStart(4, '0')}-LONG-NUMBER`,
      status: 'approved',
      approvedSessions: 6,
      startDate: '2023-01-02',
      endDate: `2023-06-${String(i % 28 + 1).padStart(2, '0')}`,
    } as never);
  }
  await invoke(page, 'authorizations.create', {
    patientId: fresh.id,
    payerId: payer.id,
    authNumber: 'NEW-0001',
    status: 'approved',
    approvedSessions: 6,
    startDate: inDays(-20),
    endDate: inDays(12),
  } as never);

  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page, '/authorizations');
  const approved = page.getByRole('region', { name: /Approved, ending within 30 days/ });
  await expect(approved.getByRole('link', { name: `Maximiliana ${newName}` })).toBeVisible();
  await expect(approved.getByRole('link', { name: `Maximiliana ${oldName}` })).toHaveCount(0);
  await expect(approved.getByRole('row', { name: new RegExp(newName) })).toContainText('0 used');

  // Nothing sideways at 1024 x 700: the page and the table's own box.
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wrap = document.querySelector('.auth-table-wrap') as HTMLElement | null;
    return { page: root.scrollWidth - root.clientWidth, table: wrap ? wrap.scrollWidth - wrap.clientWidth : -1 };
  });
  expect(overflow).toEqual({ page: 0, table: 0 });
  await page.screenshot({ path: '/tmp/f-authorizations-1024.png', fullPage: true });

  // Ended: its own list, 25 a page, "1–25 of N", Next and Previous.
  await approved.getByRole('button', { name: 'Ended', exact: true }).click();
  const ended = page.getByRole('region', { name: 'Approved, ended' });
  const pager = ended.getByRole('navigation', { name: /pages/ });
  await expect(pager).toContainText(/1–25 of \d+/);
  const total = Number((await pager.textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThanOrEqual(30);
  await expect(ended.getByRole('row')).toHaveCount(26); // heading row + 25
  await expect(ended.getByRole('link', { name: `Maximiliana ${newName}` })).toHaveCount(0);
  await expect(pager.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await pager.getByRole('button', { name: 'Next' }).click();
  await expect(pager).toContainText(total === 26 ? `26 of ${total}` : `26–${Math.min(50, total)} of ${total}`);
  await expect(ended.getByRole('link', { name: `Maximiliana ${oldName}` }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.screenshot({ path: '/tmp/f-authorizations-ended-1024.png', fullPage: true });
  await pager.getByRole('button', { name: 'Previous' }).click();
  await expect(pager).toContainText(`1–25 of ${total}`);

  // The chart's authorization table (30 of them) keeps the page still too.
  await page.goto(`/#/patients/${old.id}`);
  await expect(page.getByTestId('authorization-row')).toHaveCount(30);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.getByTestId('authorization-row').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/f-chart-authorizations-1024.png' });
});
