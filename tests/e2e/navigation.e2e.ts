import { expect, invoke, openApp, test } from './fixtures';

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

/** Element ids used more than once on the page: a label or region then names the wrong thing. */
const duplicateIds = () =>
  Object.entries(
    [...document.querySelectorAll('[id]')].reduce<Record<string, number>>((n, el) => ({ ...n, [el.id]: (n[el.id] ?? 0) + 1 }), {}),
  )
    .filter(([, count]) => count > 1)
    .map(([id]) => id);

test('every navigation entry opens its screen, each with its ids once', async ({ page }) => {
  await openApp(page);
  const nav = page.getByRole('navigation');
  for (const [label, heading] of SCREENS) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    // Once its lists have loaded: two sections sharing a heading id once gave the Authorizations
    // screen two regions called "Waiting on authorization".
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(duplicateIds), `${label}: ids used twice`).toEqual([]);
  }
});

test('settings: the clinic name and time zone are saved and shown in the header', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByLabel('Clinic name').fill('Lakeside Pain & Infusion Center');
  await page.getByRole('button', { name: 'Save clinic settings' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  // The zone changes through its own panel, which says what happens to bookings first (other
  // specs share this clinic, so there may be sessions booked ahead; their local times are kept).
  const before = await invoke(page, 'settings.get', {});
  const toZone = before.timeZone === 'America/Denver' ? 'America/Chicago' : 'America/Denver';
  try {
    const panel = page.getByRole('region', { name: 'Change the clinic’s time zone' });
    await panel.getByLabel('New time zone').selectOption(toZone);
    await panel.getByRole('button', { name: 'Change time zone…' }).click();
    const dialog = page.getByRole('dialog', { name: `Change the time zone to ${toZone.replace(/_/g, ' ')}?` });
    await dialog.getByRole('button', { name: /^Change the zone/ }).click();
    await expect(panel).toContainText(`The clinic is now on ${toZone.replace(/_/g, ' ')} time.`);
    await page.reload();
    await expect(page.getByRole('banner')).toContainText('Lakeside Pain & Infusion Center');
    await expect(page.getByRole('banner')).toContainText(toZone === 'America/Denver' ? /M[SD]T/ : /C[SD]T/);
  } finally {
    const now = await invoke(page, 'settings.get', {});
    if (now.timeZone !== before.timeZone) await invoke(page, 'settings.changeTimeZone', { timeZone: before.timeZone, expectedVersion: now.version });
  }
});
