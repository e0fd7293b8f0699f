import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * A remote assistant in Manila (the browser's zone) looking at a clinic's reminders: the clinic's
 * time is shown, and beside it their own time WITH its date, since 6:00 PM the evening before in
 * the clinic is the next morning in Manila. The clinic's 24-hour choice changes every time shown;
 * the Schedule heading says which zone its times are in and how far the viewer's clock is.
 */
test.use({ timezoneId: 'Asia/Manila' });

test('the viewer’s own time carries its date, and times follow the clinic’s format', async ({ page }) => {
  test.setTimeout(120_000);
  const settings = await invoke(page, 'settings.get', {});
  const zone = settings.timeZone;
  test.skip(zone === 'Asia/Manila', 'the e2e clinic must be in another zone than the viewer');
  const tag = uniqueSurname('');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(Date.now());
  const nineOn = (days: number) => {
    const d = new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const guess = Date.parse(`${d}T09:00:00Z`);
    const hh = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(guess));
    return guess - (hh - 9) * 3_600_000;
  };
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' }));
  const suite = await invoke(page, 'suites.create', { name: `Suite T ${tag}`, openingHours: allDay } as never);
  const rn = await invoke(page, 'staff.create', { name: `Nurse T ${tag}, RN`, role: 'rn' });
  await invoke(page, 'shifts.setWeekly', { staffId: rn.id, shifts: allDay.map((h) => ({ weekday: h.day, startTime: '00:00', endTime: '23:59', maxConcurrent: 4 })) });
  const template = (await invoke(page, 'series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!;
  const surname = uniqueSurname('Zone');
  const patient = await invoke(page, 'patients.create', {
    firstName: 'Tala',
    lastName: surname,
    dateOfBirth: '1980-02-02',
    sex: 'female',
    phone: '5125550188',
    preferredContact: 'sms',
  } as never);
  await invoke(page, 'series.book', {
    patientId: patient.id,
    templateId: template.id,
    selfPay: true,
    sessions: [3, 5, 7, 9, 11, 13].map((d, i) => ({ seq: i + 1, suiteId: suite.id, supervisorId: rn.id, startsAt: nineOn(d), infusionStartsAt: 0, recoveryStartsAt: 0, endsAt: 0 })),
  } as never);

  await openApp(page, `/patients/${patient.id}`);
  const outbox = page.getByRole('region', { name: /Reminders/ }).first();
  await outbox.getByRole('button', { name: /^All/ }).click();
  // "The evening before at 6:00 PM" in the clinic is the next day's morning in Manila.
  const eveningRow = outbox.locator('tr.outbox-row', { hasText: /6:00\sPM/ }).first();
  await expect(eveningRow).toBeVisible();
  const due = eveningRow.locator('td.outbox-due');
  await expect(due).toContainText(/^6:00\sPM \S+ \(your time: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d{1,2}, \d{1,2}:00\s[AP]M GMT\+8\)$/);
  // The viewer's date is the session's own (the clinic's evening before is Manila's next day).
  await page.screenshot({ path: '/tmp/f-outbox-manila.png', fullPage: false });

  // 24-hour: the clinic's choice, everywhere.
  const fresh = await invoke(page, 'settings.get', {});
  await invoke(page, 'settings.update', { name: fresh.name, timeZone: fresh.timeZone, openingHours: fresh.openingHours, timeFormat: '24h', expectedVersion: fresh.version } as never);
  try {
    await page.reload();
    await outbox.getByRole('button', { name: /^All/ }).click();
    await expect(outbox.locator('td.outbox-due').filter({ hasText: /^18:00 / }).first()).toContainText(/\(your time: \w{3}, \w{3} \d{1,2}, \d{2}:00 GMT\+8\)/);
    await expect(page.getByRole('table').filter({ hasText: 'Supervisor' }).first()).toContainText(/09:00–\d{2}:\d{2} \S+/);

    await page.goto('/#/schedule');
    await expect(page.getByText(/Times are clinic time \(\S+\)\. Your clock \(GMT\+8\) is \d+ hours? (ahead|behind)\./)).toBeVisible();
    await page.screenshot({ path: '/tmp/f-schedule-manila.png' });
  } finally {
    const now = await invoke(page, 'settings.get', {});
    await invoke(page, 'settings.update', { name: now.name, timeZone: now.timeZone, openingHours: now.openingHours, timeFormat: '12h', expectedVersion: now.version } as never);
  }
});
