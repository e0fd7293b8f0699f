import type { Locator, Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * The front desk books a six-session series from the chart, then works the suite calendar:
 * drags a session to another suite, tries a drop onto a booked slot and sees why it is
 * refused, and reschedules a session to a time that keeps the series.
 */

async function dragTo(page: Page, event: Locator, column: Locator, dy = 0): Promise<void> {
  const from = (await event.boundingBox())!;
  const to = (await column.boundingBox())!;
  const x0 = from.x + from.width / 2;
  const y0 = from.y + 12;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 5, y0 + 5, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, y0 + dy, { steps: 12 });
}

test('book a series, drag between suites, see a refused drop, reschedule in the window', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = uniqueSurname('');
  const suiteA = await invoke(page, 'suites.create', { name: `Suite A ${tag}` });
  const suiteB = await invoke(page, 'suites.create', { name: `Suite B ${tag}` });
  const rn = await invoke(page, 'staff.create', { name: `Nurse ${tag}, RN`, role: 'rn' });
  await invoke(page, 'shifts.setWeekly', {
    staffId: rn.id,
    shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 3 })),
  });
  const surname = uniqueSurname('Calder');
  const patient = await invoke(page, 'patients.create', {
    firstName: 'Maya',
    lastName: surname,
    dateOfBirth: '1980-04-12',
    sex: 'female',
    phone: '5125550199',
    preferredContact: 'phone',
  } as never);

  // Book from the chart: the planner proposes, one click books all six.
  await openApp(page, `/patients/${patient.id}`);
  await page.getByRole('button', { name: 'Plan a series' }).click();
  const planner = page.getByRole('region', { name: 'Plan a series' });
  await planner.getByLabel('Series template').selectOption({ label: 'Initial series: 6 infusions over 2 weeks' });
  await planner.getByLabel('Paid by').selectOption('self');
  await planner.getByLabel('Preferred suite').selectOption({ label: `Suite A ${tag}` });
  await planner.getByRole('button', { name: 'Find a series' }).click();
  await expect(planner.getByRole('heading', { name: /^Proposed:/ })).toBeVisible();
  await planner.getByRole('button', { name: 'Book these 6 sessions' }).first().click();
  const card = page.getByRole('article', { name: 'Initial series: 6 infusions over 2 weeks' });
  await expect(card.getByRole('row')).toHaveCount(7);
  await expect(card).toContainText('1 of 6');
  await expect(card).toContainText('Self-pay');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/series-chart.png' });

  // Put session 1 in suite A (whatever the planner chose) so the drags below are known.
  const [series] = await invoke(page, 'series.listForPatient', { patientId: patient.id });
  let first = series!.sessions[0]!;
  if (first.suiteId !== suiteA.id) {
    await invoke(page, 'series.reschedule', { moves: [{ sessionId: first.id, suiteId: suiteA.id, startsAt: first.startsAt }], reason: 'Test set-up' });
    first = (await invoke(page, 'series.get', { seriesId: series!.id })).sessions[0]!;
  }
  const settings = await invoke(page, 'settings.get', {});
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(first.startsAt);

  await openApp(page, '/schedule');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schedule');
  await page.getByLabel('Go to').fill(day);
  const colA = page.locator(`.suite-calendar[data-suite-id="${suiteA.id}"]`);
  const colB = page.locator(`.suite-calendar[data-suite-id="${suiteB.id}"]`);
  const ours = (col: Locator) => col.locator(`.session-event[data-session-id="${first.id}"]`);
  await expect(ours(colA)).toContainText(`M. ${surname}`);
  await expect(ours(colA)).toContainText('1 of 6');
  await page.screenshot({ path: '/tmp/shots/suite-calendar-day.png', fullPage: true });

  // Drag to suite B, same time.
  await dragTo(page, ours(colA), colB);
  await page.mouse.up();
  await expect(page.getByRole('status')).toContainText(`moved to Suite B ${tag}`);
  await expect(ours(colB)).toBeVisible();
  await expect(ours(colA)).toHaveCount(0);

  // Someone else now holds suite A an hour later; dragging back onto it is refused with the reason.
  const booster = (await invoke(page, 'series.templates.list', {})).find((t) => t.sessionCount === 1)!;
  const other = await invoke(page, 'patients.create', {
    firstName: 'Luis',
    lastName: uniqueSurname('Ortega'),
    dateOfBirth: '1975-02-02',
    sex: 'male',
    phone: '5125550100',
    preferredContact: 'phone',
  } as never);
  const t = first.startsAt + 3_600_000;
  await invoke(page, 'series.book', {
    patientId: other.id,
    templateId: booster.id,
    selfPay: true,
    sessions: [{ seq: 1, suiteId: suiteA.id, supervisorId: rn.id, startsAt: t, infusionStartsAt: t, recoveryStartsAt: t, endsAt: t }],
  });
  await page.getByRole('button', { name: 'Next day' }).click();
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(colA.locator('.session-event')).toHaveCount(1);
  await dragTo(page, ours(colB), colA);
  await expect(page.locator('.calendar-hint-refused')).toContainText(`Suite A ${tag} is booked`);
  await page.screenshot({ path: '/tmp/shots/suite-calendar-refused.png', fullPage: true });
  await page.mouse.up();
  await expect(ours(colB)).toBeVisible();
  await expect(page.locator('.calendar-hint-refused')).toContainText(`Suite A ${tag} is booked`);
  const still = (await invoke(page, 'series.get', { seriesId: series!.id })).sessions[0]!;
  expect(still.suiteId).toBe(suiteB.id);

  // Reschedule from the session panel to a time that keeps the series.
  await ours(colB).click();
  const panel = page.getByRole('complementary', { name: 'Selected session' });
  await expect(panel).toContainText(`M. ${surname} · 1 of 6`);
  await panel.getByRole('button', { name: 'Find times that keep the series' }).click();
  const slot = panel.locator('.reschedule-slots button').first();
  await expect(slot).toBeVisible();
  const label = (await slot.textContent())!;
  await slot.click();
  await expect(page.getByRole('status')).toContainText('rescheduled to');
  const after = (await invoke(page, 'series.get', { seriesId: series!.id })).sessions[0]!;
  expect(after.startsAt).not.toBe(still.startsAt);
  const history = await invoke(page, 'sessions.history', { sessionId: first.id });
  expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['booked', 'moved']));
  expect(history.at(-1)!.reason).toBe('Patient asked to change');
  expect(label).toContain('·');

  // The week of one suite.
  await page.getByRole('button', { name: 'Week, one suite' }).click();
  await page.getByLabel('Suite shown').selectOption(suiteB.id);
  await expect(page.locator('.suite-calendar .session-event').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/suite-calendar-week.png', fullPage: true });

  // The wall board has a tile per suite with its share of the day booked.
  await page.getByRole('navigation').getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page.getByRole('article', { name: `Suite B ${tag}` })).toContainText('booked');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: '/tmp/shots/board-1920.png' });
});
