import type { Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * Scheduling rules as the front desk meets them: changing the clinic's time zone says what
 * happens to booked sessions and keeps their local times; "Paid by" defaults to a valid
 * authorization or says plainly that none covers the series; "Find times that keep the
 * series" looks at one day at a time, moves between days, and fits its panel.
 */

/** A suite, an RN on weekday shifts, a patient and (optionally) a booked self-pay series. */
async function clinicWithPatient(page: Page, book: boolean) {
  const tag = uniqueSurname('');
  const suite = await invoke(page, 'suites.create', { name: `Suite R ${tag}` });
  const rn = await invoke(page, 'staff.create', { name: `Nurse ${tag}, RN`, role: 'rn' });
  await invoke(page, 'shifts.setWeekly', {
    staffId: rn.id,
    shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 3 })),
  });
  const patient = await invoke(page, 'patients.create', {
    firstName: 'Nora',
    lastName: uniqueSurname('Quill'),
    dateOfBirth: '1979-02-03',
    sex: 'female',
    phone: '5125550123',
    preferredContact: 'phone',
  } as never);
  const templates = await invoke(page, 'series.templates.list', {});
  const template = templates.find((t) => t.active && t.sessionCount === 6)!;
  if (!book) return { suite, rn, patient, template, series: null };
  const proposed = await invoke(page, 'series.propose', { patientId: patient.id, templateId: template.id, selfPay: true, preferences: { suiteId: suite.id } });
  const chosen = proposed.proposals.find((p) => p.sessions.every((s) => s.suiteId === suite.id)) ?? proposed.proposals[0]!;
  const series = await invoke(page, 'series.book', { patientId: patient.id, templateId: template.id, selfPay: true, sessions: chosen.sessions });
  return { suite, rn, patient, template, series };
}

/** A fresh e2e clinic would open on the first-run walk: it is left for Settings, as a clinic may. */
async function skipFirstRun(page: Page) {
  await invoke(page, 'setup.save', { step: 'done', finished: true });
}

const localTime = (zone: string, t: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);

test('changing the time zone says how many booked sessions keep their local times, and keeps them', async ({ page }) => {
  test.setTimeout(60_000);
  const { series } = await clinicWithPatient(page, true);
  const before = await invoke(page, 'settings.get', {});
  const fromZone = before.timeZone;
  const toZone = fromZone === 'America/Denver' ? 'America/Chicago' : 'America/Denver';
  const impact = await invoke(page, 'settings.timeZoneImpact', { timeZone: toZone });
  expect(impact.sessions).toBeGreaterThanOrEqual(6);
  await skipFirstRun(page);
  try {
    await openApp(page, '/settings/clinic');
    const panel = page.getByRole('region', { name: 'Change the clinic’s time zone' });
    await expect(panel).toContainText(`The clinic works in ${fromZone.replace(/_/g, ' ')} time`);
    await panel.getByLabel('New time zone').selectOption(toZone);
    await panel.getByRole('button', { name: 'Change time zone…' }).click();
    const dialog = page.getByRole('dialog', { name: `Change the time zone to ${toZone.replace(/_/g, ' ')}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${impact.sessions} booked infusion sessions`);
    await expect(dialog).toContainText('They keep their local times: nothing moves on the clinic’s clock.');
    await expect(dialog).toContainText('Reminders not yet sent and calendar files follow the kept times.');
    await page.screenshot({ path: '/tmp/helper-e-zone-dialog.png' });

    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await invoke(page, 'settings.get', {})).timeZone).toBe(fromZone);

    await panel.getByRole('button', { name: 'Change time zone…' }).click();
    await dialog.getByRole('button', { name: 'Change the zone and keep local times' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText(`The clinic is now on ${toZone.replace(/_/g, ' ')} time.`);
    await expect(panel).toContainText('kept their local times');
    const after = await invoke(page, 'series.get', { seriesId: series!.id });
    expect(after.sessions.map((s) => localTime(toZone, s.startsAt))).toEqual(series!.sessions.map((s) => localTime(fromZone, s.startsAt)));
  } finally {
    // Other specs share this clinic: put its zone back (local times kept again, so every instant returns).
    const now = await invoke(page, 'settings.get', {});
    if (now.timeZone !== fromZone) await invoke(page, 'settings.changeTimeZone', { timeZone: fromZone, expectedVersion: now.version });
  }
  const back = await invoke(page, 'series.get', { seriesId: series!.id });
  expect(back.sessions.map((s) => s.startsAt)).toEqual(series!.sessions.map((s) => s.startsAt));
});

test('"Paid by" starts on the valid authorization, never on an expired one, and says so when none covers the series', async ({ page }) => {
  test.setTimeout(60_000);
  await skipFirstRun(page);
  const settings = await invoke(page, 'settings.get', {});
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(Date.now());
  const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const payer = await invoke(page, 'payers.create', { name: `Aetna ${uniqueSurname('')}` });

  // An expired 2020 approval first (the old default), then one that covers a series now.
  const { patient } = await clinicWithPatient(page, false);
  const old = await invoke(page, 'authorizations.create', {
    patientId: patient.id, payerId: payer.id, authNumber: 'OLD-2020', status: 'approved', approvedSessions: 6, startDate: '2020-01-06', endDate: '2020-03-31',
  } as never);
  const valid = await invoke(page, 'authorizations.create', {
    patientId: patient.id, payerId: payer.id, authNumber: 'NOW-1', status: 'approved', approvedSessions: 6, startDate: today, endDate: inDays(90),
  } as never);
  await openApp(page, `/patients/${patient.id}`);
  await page.getByRole('button', { name: 'Plan a series' }).click();
  const planner = page.getByRole('region', { name: 'Plan a series' });
  const paidBy = planner.getByLabel('Paid by');
  await expect(paidBy).toHaveValue(valid.id);
  await expect(paidBy.locator(`option[value="${old.id}"]`)).toBeDisabled();
  await expect(paidBy.locator(`option[value="${old.id}"]`)).toContainText('Authorization OLD-2020 · ended');
  await expect(paidBy.locator(`option[value="${old.id}"]`)).toContainText('2020');
  await expect(planner.getByRole('button', { name: 'Find a series' })).toBeEnabled();
  await planner.getByRole('button', { name: 'Close' }).click();

  // Aetna coverage and no authorization: not self-pay behind the desk's back.
  const { patient: covered } = await clinicWithPatient(page, false);
  await invoke(page, 'patients.addCoverage', { patientId: covered.id, fields: { payerId: payer.id, memberId: 'W123456789', priority: 'primary' } } as never);
  await page.goto(`/#/patients/${covered.id}`);
  await page.getByRole('button', { name: 'Plan a series' }).click();
  await expect(paidBy).toHaveValue('');
  const notice = planner.locator('#series-payment-notice');
  await expect(notice).toHaveText(`The patient has ${payer.name} coverage but no authorization for this series. Request or renew an authorization, or choose Self-pay if the patient pays.`);
  await expect(planner.getByRole('button', { name: 'Find a series' })).toBeDisabled();
  await page.screenshot({ path: '/tmp/helper-e-paid-by.png' });
  await paidBy.selectOption('self');
  await expect(notice).toBeHidden();
  await expect(planner.getByRole('button', { name: 'Find a series' })).toBeEnabled();
});

test('"Find times that keep the series" shows one day at a time, moves to other days, and fits its panel at 1024x700', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await skipFirstRun(page);
  const { series } = await clinicWithPatient(page, true);
  // The last session: the series' window leaves it several days to move to.
  const third = series!.sessions.at(-1)!;
  const settings = await invoke(page, 'settings.get', {});
  const dayOf = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(t);

  await openApp(page, '/schedule');
  await page.getByLabel('Go to').fill(dayOf(third.startsAt));
  await page.locator(`.session-event[data-session-id="${third.id}"]`).click();
  const panel = page.getByRole('complementary', { name: 'Selected session' });
  await panel.getByRole('button', { name: 'Find times that keep the series' }).click();
  const finder = panel.getByRole('group', { name: 'Times that keep the series' });
  const daySelect = finder.getByLabel('Day');
  await expect(daySelect).toBeVisible();
  // Several days keep the series, and the desk can move between them.
  expect(await daySelect.locator('option').count()).toBeGreaterThan(1);
  const firstDay = await daySelect.inputValue();
  const slots = finder.locator('.reschedule-slots button');
  await expect(slots.first()).toBeVisible();
  // Every place offered is on the day shown.
  const options = await invoke(page, 'sessions.rescheduleOptions', { sessionId: third.id, limit: 24, date: firstDay });
  await expect(slots).toHaveCount(options.slots.length);
  expect(options.slots.every((s) => dayOf(s.startsAt) === firstDay)).toBe(true);

  await finder.getByRole('button', { name: 'Later day ›' }).click();
  await expect(daySelect).not.toHaveValue(firstDay);
  const secondDay = await daySelect.inputValue();
  expect(secondDay > firstDay).toBe(true);
  await finder.getByRole('button', { name: '‹ Earlier day' }).click();
  await expect(daySelect).toHaveValue(firstDay);

  // Nothing runs past the panel: no horizontal overflow, every button inside its edges.
  await finder.scrollIntoViewIfNeeded();
  const box = (await panel.boundingBox())!;
  expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  for (const b of await slots.all()) {
    const r = (await b.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 1);
  }
  await page.screenshot({ path: '/tmp/helper-e-find-times.png' });
});
