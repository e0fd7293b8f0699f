import type { Locator, Page } from '@playwright/test';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';

/**
 * The front desk books a six-session series from the chart, then works the suite calendar:
 * drags a session to another suite, tries a drop onto a booked slot and sees why it is
 * refused, and reschedules a session to a time that keeps the series.
 */

async function dragTo(page: Page, event: Locator, column: Locator, dy = 0): Promise<void> {
  // The event in the middle of the window: where the page happens to be scrolled (the hour of
  // the booked session, what other tests left on the floor) can leave its top under the sticky
  // header, and a press there selects text instead of picking the event up.
  await event.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
  // The suites scroll sideways once the clinic has more suites than the window holds (the e2e
  // clinic gathers them from every spec): bring the target column in beside the event, as a hand
  // would scroll before dragging, then make sure the event is still in view. Until 2026-12-07
  // this moved .suite-columns' scrollLeft by hand and did not look at the event again: in full
  // runs after midnight UTC (other specs' sessions on the day shown) the trace shows the press at
  // x = -14.6, off the window, the pointer released at x = 1180, and nothing moved. A place that
  // cannot be reached now fails here, in words, rather than as a missing status line.
  await column.evaluate((el) => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  await event.evaluate((el) => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  const from = (await event.boundingBox())!;
  const to = (await column.boundingBox())!;
  const width = page.viewportSize()!.width;
  const inView = (b: { x: number; width: number }) => b.x + 12 >= 0 && b.x + b.width - 12 <= width;
  if (!inView(from) || !(to.x + to.width / 2 >= 0 && to.x + to.width / 2 <= width)) {
    throw new Error(`the session (x ${Math.round(from.x)}) and the target suite (x ${Math.round(to.x)}) are not both in the ${width}px window`);
  }
  const x0 = from.x + from.width / 2;
  const y0 = from.y + 12;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + 5, y0 + 5, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, y0 + dy, { steps: 12 });
  // Down one slot and back, as a hand wavers. Each suite is its own calendar and FullCalendar
  // compares hits by time only: a pointer that jumps from one suite to the same time in the next
  // in big steps (never touching the border between them, as a real hand does) is taken as
  // not having moved, and the verdict on screen stays the old suite's.
  await page.mouse.move(to.x + to.width / 2, y0 + dy + 20, { steps: 2 });
  await page.mouse.move(to.x + to.width / 2, y0 + dy, { steps: 2 });
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
  // Other tests leave suites open around the clock; the proposal that honours the preferred
  // suite is the one to book (it is folded into the first when they are the same).
  const preferred = planner.getByRole('article', { name: 'Preferred days and time' });
  const chosen = (await preferred.count()) ? preferred : planner.getByRole('article').first();
  await chosen.getByRole('button', { name: 'Book these 6 sessions' }).click();
  const card = page.getByRole('article', { name: 'Initial series: 6 infusions over 2 weeks', exact: true });
  await expect(card.getByRole('row')).toHaveCount(7);
  await expect(card).toContainText('1 of 6');
  await expect(card).toContainText('Self-pay');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/series-chart.png' });

  // Put session 1 in suite A (whatever the planner chose) so the drags below are known.
  const [series] = await invoke(page, 'series.listForPatient', { patientId: patient.id });
  let first = series!.sessions[0]!;
  if (first.suiteId !== suiteA.id) {
    const slot = (await invoke(page, 'sessions.rescheduleOptions', { sessionId: first.id, limit: 60 })).slots.find((x) => x.suiteId === suiteA.id)!;
    await invoke(page, 'series.reschedule', { moves: [{ sessionId: first.id, suiteId: suiteA.id, startsAt: slot.startsAt }], reason: 'Test set-up' });
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
  await expect(page.getByRole('status').filter({ hasText: `moved to Suite B ${tag}` })).toBeVisible();
  await expect(ours(colB)).toBeVisible();
  await expect(ours(colA)).toHaveCount(0);

  // Someone else now holds suite A over the time session 1 left; dragging back onto it is
  // refused with the reason. The first time that books (an hour later, or earlier when that
  // runs past the suite's hours: where the planner put session 1 depends on the hour the test
  // runs) is the one used.
  const booster = (await invoke(page, 'series.templates.list', {})).find((t) => t.sessionCount === 1)!;
  const other = await invoke(page, 'patients.create', {
    firstName: 'Luis',
    lastName: uniqueSurname('Ortega'),
    dateOfBirth: '1975-02-02',
    sex: 'male',
    phone: '5125550100',
    preferredContact: 'phone',
  } as never);
  let booked = false;
  for (const minutes of [60, 30, 0, -30, -60, -90, -120]) {
    const t = first.startsAt + minutes * 60_000;
    try {
      await invoke(page, 'series.book', {
        patientId: other.id,
        templateId: booster.id,
        selfPay: true,
        sessions: [{ seq: 1, suiteId: suiteA.id, supervisorId: rn.id, startsAt: t, infusionStartsAt: t, recoveryStartsAt: t, endsAt: t }],
      });
      booked = true;
      break;
    } catch {
      /* outside the suite's hours or in the past: the next time */
    }
  }
  expect(booked, 'a booster overlapping session 1 in suite A was booked').toBe(true);
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
  await expect(page.getByRole('status').filter({ hasText: 'rescheduled to' })).toBeVisible();
  const after = (await invoke(page, 'series.get', { seriesId: series!.id })).sessions[0]!;
  expect([after.startsAt, after.suiteId]).not.toEqual([still.startsAt, still.suiteId]);
  const history = await invoke(page, 'sessions.history', { sessionId: first.id });
  expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['booked', 'moved']));
  expect(history.at(-1)!.reason).toBe('Patient asked to change');
  expect(label).toContain('·');

  // The week of one suite.
  await page.getByRole('button', { name: 'Week, one suite' }).click();
  await page.getByLabel('Suite shown').selectOption(after.suiteId);
  await page.getByLabel('Go to').fill(new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(after.startsAt));
  await expect(page.locator(`.suite-calendar .session-event[data-session-id="${first.id}"]`)).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/suite-calendar-week.png', fullPage: true });

  // The wall board has a tile per suite, and the day's scheduled utilization (or that no suite is open today).
  await page.getByRole('navigation').getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page.getByRole('article', { name: `Suite B ${tag}` })).toBeVisible();
  await expect(page.locator('.board-util')).toContainText(/Scheduled (\d+% · [\d.]+ of [\d.]+ suite-hours booked|— no suite open today)/);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: '/tmp/shots/board-1920.png' });
});

test('a move that breaks the series timeline offers a repaired series, saved in one go', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = uniqueSurname('');
  const suite = await invoke(page, 'suites.create', { name: `Suite R ${tag}` });
  const rn = await invoke(page, 'staff.create', { name: `Nurse R ${tag}, RN`, role: 'rn' });
  await invoke(page, 'shifts.setWeekly', {
    staffId: rn.id,
    shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 3 })),
  });
  const patient = await invoke(page, 'patients.create', {
    firstName: 'Rosa',
    lastName: uniqueSurname('Repair'),
    dateOfBirth: '1969-09-09',
    sex: 'female',
    phone: '5125550123',
    preferredContact: 'phone',
  } as never);
  const template = (await invoke(page, 'series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!;
  const proposal = await invoke(page, 'series.propose', { patientId: patient.id, templateId: template.id, selfPay: true, preferences: { suiteId: suite.id } });
  const settings = await invoke(page, 'settings.get', {});
  const dayOf = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(t);
  const weekOf = (d: string) => {
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    return new Date(Date.parse(`${d}T12:00:00Z`) - ((wd + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  };
  const chosen = proposal.proposals.find((p) => p.sessions.every((x) => x.suiteId === suite.id)) ?? proposal.proposals[0]!;
  let series = await invoke(page, 'series.book', { patientId: patient.id, templateId: template.id, selfPay: true, sessions: chosen.sessions });
  // Two sessions in a row in one week (six in two weeks of weekdays always has such a pair), both in this suite.
  const s0 = series.sessions;
  const k = s0.findIndex((x, i) => i + 1 < s0.length && weekOf(dayOf(x.startsAt)) === weekOf(dayOf(s0[i + 1]!.startsAt)));
  const pair = [s0[k]!, s0[k + 1]!].filter((x) => x.suiteId !== suite.id);
  if (pair.length) {
    series = await invoke(page, 'series.reschedule', {
      moves: pair.map((x) => ({ sessionId: x.id, suiteId: suite.id, startsAt: x.startsAt })),
      reason: 'Test set-up',
    });
  }
  const a = series.sessions[k]!;
  const b = series.sessions[k + 1]!;

  await openApp(page, '/schedule');
  await page.getByRole('button', { name: 'Week, one suite' }).click();
  await page.getByLabel('Suite shown').selectOption(suite.id);
  await page.getByLabel('Go to').fill(dayOf(a.startsAt));
  const ev = (id: string) => page.locator(`.session-event[data-session-id="${id}"]`);
  await expect(ev(a.id)).toBeVisible();
  await expect(ev(b.id)).toBeVisible();

  // Session k onto session k+1's day: the timeline breaks, the drop offers a repaired series.
  const from = (await ev(a.id).boundingBox())!;
  const to = (await ev(b.id).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  // As a hand does it: pick it up, move it a little, then across to the other day.
  await page.mouse.move(from.x + from.width / 2 + 4, from.y + 112, { steps: 12 });
  await page.waitForTimeout(300);
  await page.mouse.move(to.x + to.width / 2, to.y + 12, { steps: 12 });
  await page.mouse.move(to.x + to.width / 2 + 2, to.y + 14, { steps: 2 });
  await expect(page.locator('.calendar-hint-warning')).toContainText('Breaks the series timeline');
  await page.mouse.up();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('series timeline');
  await expect(dialog).toContainText(`Session ${a.seq}:`);
  await page.screenshot({ path: '/tmp/shots/suite-calendar-repair.png' });
  await dialog.getByRole('button', { name: /^Move all \d+ sessions$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Series repaired' })).toBeVisible();

  const after = (await invoke(page, 'series.get', { seriesId: series.id })).sessions;
  expect(dayOf(after[k]!.startsAt)).toBe(dayOf(b.startsAt));
  expect(after[k + 1]!.startsAt).toBeGreaterThan(after[k]!.startsAt);
  const days = after.map((x) => dayOf(x.startsAt));
  expect(new Set(days).size).toBe(days.length);
  const history = await invoke(page, 'sessions.history', { sessionId: a.id });
  expect(history.at(-1)!.reason).toBe('Series repaired after a move on the suite calendar');
});
