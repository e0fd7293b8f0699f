/**
 * The wall board in board mode, as a nurse reads it across the room: two sessions booked today
 * through the API, one patient only checked in and one recorded infusing before its planned
 * start; the board says so from the recorded status (not the clock), counts both suites in use,
 * names nobody (initials by default, the day's code when the clinic chooses it in Settings),
 * shows "Updated hh:mm" and today's utilization with its denominators, fills the screen with no
 * app chrome, and its type doubles from 1920x1080 to 3840x2160. With no answer for 90 seconds it
 * says it is out of date. Screenshots: /tmp/board-*.png.
 */
import type { Page } from '@playwright/test';
import { todayInZone } from '../../src-shared/domain/dates';
import { addDays, localDateAt, startOfLocalDay } from '../../src-shared/domain/zoned-time';
import { boardGrid } from '../../src-renderer/src/features/board/board-model';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { expect, invoke, openApp, test, uniqueSurname } from './fixtures';
import { inThePast } from './past-clinic';

const ALL_DAY = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '23:59' }));

/**
 * A patient with a series whose first session is today, in the given suite; returns that session.
 * With `bookedAt`, the series is proposed and booked on the clinic's clock at that instant earlier
 * today (the board reads the recorded status, not the clock, so a session planned this morning
 * and checked in now is on it the same way).
 */
async function bookToday(page: Page, opts: { firstName: string; lastName: string; suiteId: string; templateId: string; timeZone: string; bookedAt: number | null }) {
  const today = todayInZone(opts.timeZone);
  const patient = await invoke(page, 'patients.create', {
    firstName: opts.firstName,
    lastName: opts.lastName,
    dateOfBirth: '1971-05-02',
    sex: 'female',
    phone: '(608) 555-0188',
    preferredContact: 'phone',
  });
  const book = async (call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>, from: number) => {
    const proposal = await call('series.propose', { patientId: patient.id, templateId: opts.templateId, from, selfPay: true, preferences: { suiteId: opts.suiteId } });
    const fits = proposal.proposals.find((p) => p.sessions[0]!.suiteId === opts.suiteId && localDateAt(opts.timeZone, p.sessions[0]!.startsAt) === today);
    expect(fits, 'a proposal starting today in the test suite').toBeTruthy();
    return call('series.book', { patientId: patient.id, templateId: opts.templateId, sessions: fits!.sessions, selfPay: true });
  };
  const series =
    opts.bookedAt === null
      ? await book((method, input) => invoke(page, method, input), Date.now())
      : await inThePast(opts.bookedAt, (clinic) => book((method, input) => clinic.call(method, input), opts.bookedAt!));
  return { patient, session: series.sessions[0]! };
}

/** A time as the clinic writes it: "9:35 AM" (12-hour, the default) or "09:35". */
const T = String.raw`\d{1,2}:\d\d(?:\s[AP]M)?`;
const re = (text: string) => new RegExp(`^${text}$`);

const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('board mode: recorded status, de-identified, updated time, utilization, type that scales with the screen', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.install();
  await openApp(page);

  const { timeZone } = await invoke(page, 'settings.get', {});
  const today = todayInZone(timeZone);
  // Two two-hour sessions are booked today, the second in the next half-hour slot after the
  // first at the earliest: with under three hours left they may not fit (seen at 21:27 in a UTC
  // clinic: the first at 21:30, the second offered only at 00:30 the next day). Then they are
  // booked as the desk would have this morning, an hour into the day (over 21 hours ago), so the
  // test runs at any hour instead of being skipped late in the evening.
  const lateInTheDay = startOfLocalDay(timeZone, addDays(today, 1)) - Date.now() < 3 * 3_600_000;
  const bookedAt = lateInTheDay ? startOfLocalDay(timeZone, today) + 3_600_000 : null;

  const tag = uniqueSurname('');
  const suiteA = await invoke(page, 'suites.create', { name: `Suite ${tag} A`, openingHours: ALL_DAY });
  const suiteB = await invoke(page, 'suites.create', { name: `Suite ${tag} B`, openingHours: ALL_DAY });
  // Six more suites, as a clinic's floor has: free ones, and one closed for a pump service.
  const others = [];
  for (const letter of ['C', 'D', 'E', 'F', 'G', 'H']) others.push(await invoke(page, 'suites.create', { name: `Suite ${tag} ${letter}`, openingHours: ALL_DAY }));
  await invoke(page, 'closures.add', { suiteId: others[5]!.id, startsAt: Date.now() - 3_600_000, endsAt: Date.now() + 6 * 3_600_000, reason: 'Pump service' });
  const nurse = await invoke(page, 'staff.create', { name: `Nurse ${tag}`, role: 'rn' });
  await invoke(page, 'shifts.setWeekly', {
    staffId: nurse.id,
    shifts: ALL_DAY.map((h) => ({ weekday: h.day, startTime: h.open, endTime: h.close, maxConcurrent: 4 })),
  });
  const template = await invoke(page, 'series.templates.create', {
    name: `Board six ${tag}`,
    sessionCount: 6,
    windowDays: 21,
    minGapDays: 1,
    maxGapDays: 5,
    prepMinutes: 30,
    infusionMinutes: 60,
    recoveryMinutes: 30,
    supervisorRole: 'rn',
  });
  const checkedIn = uniqueSurname('Sorensen');
  const infusing = uniqueSurname('Whitfield');
  const a = await bookToday(page, { firstName: 'Mette', lastName: checkedIn, suiteId: suiteA.id, templateId: template.id, timeZone, bookedAt });
  const b = await bookToday(page, { firstName: 'Joan', lastName: infusing, suiteId: suiteB.id, templateId: template.id, timeZone, bookedAt });

  // Patient A only checks in. Patient B is walked to infusing, ahead of the plan.
  await invoke(page, 'sessions.setStatus', { sessionId: a.session.id, status: 'arrived' });
  await invoke(page, 'sessions.setStatus', { sessionId: b.session.id, status: 'arrived' });
  for (const item of ['fasting', 'driver', 'authorization', 'consent'] as const) {
    await invoke(page, 'sessions.updateChecklist', { sessionId: b.session.id, item, done: true });
  }
  await invoke(page, 'sessions.setStatus', { sessionId: b.session.id, status: 'iv_placed' });
  await invoke(page, 'sessions.setStatus', { sessionId: b.session.id, status: 'infusing' });
  const truth = await invoke(page, 'board.today', {});

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/#/board');
  await page.getByRole('button', { name: 'Board mode (full screen)' }).click();
  const board = page.getByRole('region', { name: 'Suite board' });
  await expect(board).toBeVisible();
  // No app chrome over the board: it covers the whole window.
  const box = (await board.boundingBox())!;
  expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
  // Where the app's header and navigation are, the board is on top.
  for (const [x, y] of [[40, 20], [100, 400], [1900, 20]] as const) {
    expect(await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.closest('.board-mode') != null, { x, y })).toBe(true);
  }

  const tileA = board.getByRole('article', { name: suiteA.name });
  const tileB = board.getByRole('article', { name: suiteB.name });
  // The recorded status: checked in is "Arrived", never "Infusing"; B is infusing though its plan says later.
  await expect(tileA.locator('.board-status')).toHaveText('Arrived');
  await expect(tileA).not.toContainText('Infusing');
  await expect(tileA.locator('.board-times')).toHaveText(re(`at ${T}`));
  await expect(tileA.locator('.board-plan')).toHaveText(re(`infusion due ${T}`));
  await expect(tileB.locator('.board-status')).toHaveText('Infusing');
  await expect(tileB.locator('.board-times')).toHaveText(re(`since ${T}`));
  await expect(tileB.locator('.board-plan')).toHaveText(re(`planned ${T}–${T}`));
  await expect(tileA).toHaveClass(/\bboard-in_use\b/);
  await expect(tileB).toHaveClass(/\bboard-in_use\b/);
  await expect(board.locator('.board-summary')).toHaveText(`${truth.inUse} of ${truth.tiles.length} suites in use`);
  expect(truth.inUse).toBeGreaterThanOrEqual(2);

  // Initials by default; no name anywhere on the board.
  await expect(tileA.locator('.board-label')).toHaveText('MS');
  await expect(tileB.locator('.board-label')).toHaveText('JW');
  await expect(board).not.toContainText(checkedIn);
  await expect(board).not.toContainText(infusing);

  // When it was worked out, and today's utilization with the denominators.
  await expect(board.locator('.board-updated')).toHaveText(re(`Updated ${T}`));
  const util = board.getByRole('contentinfo', { name: 'Today’s utilization' }).or(board.locator('.board-util'));
  await expect(util.first()).toContainText(/Scheduled \d+% · [\d.]+ of [\d.]+ suite-hours booked/);
  await expect(util.first()).toContainText(/Actual \d+% · [\d.]+ of [\d.]+ open suite-hours so far/);

  // Readable from 5 m at 1080p: the patient and the status at least 5% of the screen height.
  const label1080 = await fontPx(page, '.board-label');
  const status1080 = await fontPx(page, '.board-status');
  const times1080 = await fontPx(page, '.board-times');
  // (On a clinic with more than eight suites the type shrinks by the layout's scale to fit three or four rows.)
  const { scale } = boardGrid(truth.tiles.length);
  expect(label1080).toBeGreaterThanOrEqual(54 * scale);
  expect(status1080).toBeGreaterThanOrEqual(54 * scale);
  expect(times1080).toBeGreaterThanOrEqual(32 * scale);
  await expect(board.getByRole('article', { name: others[5]!.name })).toContainText('Closed · Pump service');
  await expect(board.getByRole('article', { name: others[0]!.name }).locator('.board-idle')).toHaveText('Free');
  await page.screenshot({ path: '/tmp/board-1920x1080.png' });

  // 4K: the same board, every size doubled, filling the screen.
  await page.setViewportSize({ width: 3840, height: 2160 });
  await expect.poll(() => fontPx(page, '.board-label')).toBeCloseTo(label1080 * 2, 0);
  expect(await fontPx(page, '.board-status')).toBeCloseTo(status1080 * 2, 0);
  expect(await fontPx(page, '.board-times')).toBeCloseTo(times1080 * 2, 0);
  const grid = (await board.locator('.board-grid').boundingBox())!;
  expect(grid.width).toBeGreaterThan(3840 * 0.9);
  expect(grid.height).toBeGreaterThan(2160 * 0.7);
  await page.screenshot({ path: '/tmp/board-3840x2160.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });

  // The clinic chooses codes for the day in Settings → Wall board: the board follows.
  await page.getByRole('button', { name: 'Leave board mode' }).click();
  await page.goto('/#/settings/board');
  const setting = page.getByRole('region', { name: 'How the board names patients' });
  await expect(setting.getByRole('radio', { name: 'Initials' })).toBeChecked();
  await setting.getByRole('radio', { name: 'A code for the day' }).check();
  await setting.getByRole('button', { name: 'Save how the board names patients' }).click();
  await expect(setting).toContainText('Saved: the board shows a code for each patient');
  await page.goto('/#/board');
  await page.getByRole('button', { name: 'Board mode (full screen)' }).click();
  await expect(tileA.locator('.board-label')).toHaveText(/^[A-HJ-NP-Z][1-9]\d$/, { timeout: 35_000 });
  await expect(tileB.locator('.board-label')).toHaveText(/^[A-HJ-NP-Z][1-9]\d$/);
  await page.screenshot({ path: '/tmp/board-1920x1080-codes.png' });

  // The connection goes: after 90 seconds without an answer the board says it is out of date.
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postDataJSON() as { method?: string };
    if (body.method === 'board.today') await route.abort();
    else await route.continue();
  });
  await page.clock.fastForward('02:00');
  await expect(board.locator('.board-stale')).toHaveText(re(`Not updated since ${T} — check the connection`));
  await page.screenshot({ path: '/tmp/board-1920x1080-stale.png' });
  await page.unroute('**/api/invoke');
  await page.clock.fastForward('00:31');
  await expect(board.locator('.board-updated')).toHaveText(re(`Updated ${T}`));

  // The desk finds each patient's code on their Today card, the same as the board's.
  const codeA = await tileA.locator('.board-label').textContent();
  await page.getByRole('button', { name: 'Leave board mode' }).click();
  await page.goto('/#/today');
  const cardA = page.getByRole('article', { name: new RegExp(`\\b${checkedIn}$`) });
  await expect(cardA.locator('.today-board-code')).toHaveText(` · Board code ${codeA}`);
  await page.screenshot({ path: '/tmp/board-today-code.png' });

  // Put the clinic back as other tests expect it.
  await invoke(page, 'board.settings.update', { identification: 'initials' });
});
