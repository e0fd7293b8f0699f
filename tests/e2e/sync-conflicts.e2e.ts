/**
 * Two computers book the same suite at the same time while the clinic server is down. When it
 * is back, both bookings are kept and both computers say "1 conflict to resolve"; the front
 * desk opens the Conflicts screen, sees both sides with the patients' names, cancels one
 * with a reason, and the conflict leaves the open list on both computers and shows under
 * Resolved.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addDays, localDateAt, weekdayOf, zonedToInstant } from '../../src-shared/domain/zoned-time';
import { expect, test, uniqueSurname } from './fixtures';
import { enrol, enrolCode, invokeAt, open, twoComputersAndServer } from './sync-harness';

const SERVER_PORT = 5186;
const PORT_A = 5187;
const PORT_B = 5188;
const ZONE = 'America/Chicago';
const SHOTS = '/tmp/shots';

/** A Monday at least a week ahead, in the clinic's zone. */
function nextMonday(): string {
  let day = addDays(localDateAt(ZONE, Date.now()), 7);
  while (weekdayOf(day) !== 1) day = addDays(day, 1);
  return day;
}

async function bookOne(page: Page, port: number, patientId: string, suiteId: string, supervisorId: string, startsAt: number) {
  const templates = await invokeAt(page, port, 'series.templates.list', {});
  const single = templates.find((t) => t.sessionCount === 1) ?? templates[0]!;
  return invokeAt(page, port, 'series.book', {
    patientId,
    templateId: single.id,
    selfPay: true,
    sessions: [{ seq: 1, suiteId, supervisorId, startsAt, infusionStartsAt: startsAt, recoveryStartsAt: startsAt, endsAt: startsAt }],
  } as never);
}

test.describe('a conflict between two computers', () => {
  test.describe.configure({ timeout: 240_000 });
  const clinic = twoComputersAndServer({ server: SERVER_PORT, a: PORT_A, b: PORT_B }, 'desk-e2e-c');
  test.beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  test('booked twice while apart: both computers show it, one cancels a side, it is resolved on both', async ({ browser }) => {
    const a = await browser.newPage();
    const b = await browser.newPage();
    const serverUrl = clinic.serverUrl;

    // Both computers enrolled; the clinic (suite, nurse, two patients) made on the front desk's.
    await enrol(a, PORT_A, serverUrl, enrolCode(clinic.serverDir, true), 'Front desk PC');
    await enrol(b, PORT_B, serverUrl, enrolCode(clinic.serverDir), 'Nurse laptop');
    await invokeAt(a, PORT_A, 'settings.update', { name: 'Lakeside', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })) } as never);
    const suite = await invokeAt(a, PORT_A, 'suites.create', { name: 'Suite 1' } as never);
    const rn = await invokeAt(a, PORT_A, 'staff.create', { name: 'Carla Diaz, RN', role: 'rn' } as never);
    await invokeAt(a, PORT_A, 'shifts.setWeekly', {
      staffId: rn.id,
      shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 3 })),
    });
    const anaName = uniqueSurname('Ramirez');
    const boName = uniqueSurname('Lind');
    const patient = (firstName: string, lastName: string, phone: string) =>
      invokeAt(a, PORT_A, 'patients.create', { firstName, lastName, dateOfBirth: '1980-04-12', sex: 'female', phone, preferredContact: 'phone' } as never);
    const ana = await patient('Ana', anaName, '5125550101');
    const bo = await patient('Bo', boName, '5125550102');
    // The laptop has them too.
    await expect
      .poll(
        async () => {
          const suites = await invokeAt(b, PORT_B, 'suites.list', { includeInactive: true });
          const found = await invokeAt(b, PORT_B, 'patients.get', { id: bo.id }).then(
            () => true,
            () => false,
          );
          const shifts = await invokeAt(b, PORT_B, 'staff.list', {});
          return suites.some((s) => s.id === suite.id) && found && shifts.some((s) => s.id === rn.id);
        },
        { timeout: 30_000, intervals: [250, 500, 1000] },
      )
      .toBe(true);

    // The server stops; each computer books Suite 1 on Monday at 9:00 for a different patient.
    await clinic.stopServer();
    const startsAt = zonedToInstant(ZONE, nextMonday(), '09:00');
    const anaSession = (await bookOne(a, PORT_A, ana.id, suite.id, rn.id, startsAt)).sessions[0]!;
    await bookOne(b, PORT_B, bo.id, suite.id, rn.id, startsAt);
    await open(a, PORT_A, '/today');
    await open(b, PORT_B, '/today');
    await expect(a.locator('.sync-conflicts')).toHaveCount(0);

    // The server is back: both computers say there is a conflict.
    await clinic.startServer();
    const waitingA = a.getByRole('link', { name: /1 conflict to resolve/ });
    const waitingB = b.getByRole('link', { name: /1 conflict to resolve/ });
    await expect(waitingA).toBeVisible({ timeout: 60_000 });
    await expect(waitingB).toBeVisible({ timeout: 30_000 });
    await expect(a.getByRole('navigation').getByRole('link', { name: /Conflicts, 1 to resolve/ })).toBeVisible();
    await a.locator('.app-header').screenshot({ path: `${SHOTS}/conflicts-indicator.png` });

    // The laptop keeps the screen open while the front desk resolves it.
    await waitingB.click();
    await expect(b.getByRole('heading', { level: 1 })).toHaveText('Conflicts');

    // The front desk opens it from the indicator and sees both sides.
    await waitingA.click();
    await expect(a.getByRole('heading', { level: 1 })).toHaveText('Conflicts');
    const card = a.getByRole('article').filter({ hasText: 'Suite 1' });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('One suite, two bookings at once');
    const anaSide = card.getByRole('listitem', { name: `Ana ${anaName} · Suite 1` });
    const boSide = card.getByRole('listitem', { name: `Bo ${boName} · Suite 1` });
    await expect(anaSide).toContainText('9:00 AM');
    await expect(boSide).toContainText('9:00 AM');
    await expect(anaSide).toContainText(/Booked by/);
    // Side by side: the two sides share a row.
    const [boxA, boxB] = [await anaSide.boundingBox(), await boSide.boundingBox()];
    expect(Math.abs(boxA!.y - boxB!.y)).toBeLessThan(2);
    expect(boxA!.x).not.toBe(boxB!.x);
    await a.screenshot({ path: `${SHOTS}/conflicts-1280.png`, fullPage: true });
    await a.setViewportSize({ width: 1024, height: 700 });
    await a.screenshot({ path: `${SHOTS}/conflicts-1024.png`, fullPage: true });
    await a.setViewportSize({ width: 1280, height: 800 });

    // "Open in the calendar" shows that day with the session picked; Back returns here.
    await anaSide.getByRole('button', { name: 'Open in the calendar' }).click();
    await expect(a.getByRole('heading', { level: 1 })).toHaveText('Schedule');
    await expect(a.getByLabel('Go to')).toHaveValue(nextMonday());
    await expect(a.locator(`.session-event[data-session-id="${anaSession.id}"]`)).toBeVisible();
    await a.goBack();
    await expect(a.getByRole('heading', { level: 1 })).toHaveText('Conflicts');

    // Cancel Bo's side, with a reason (asked for first).
    await boSide.getByRole('button', { name: 'Cancel this session' }).click();
    const dialog = a.getByRole('dialog', { name: /Cancel Bo .*’s session\?/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel this session' }).click();
    await expect(dialog.getByText('Say why the session is cancelled.')).toBeVisible();
    await a.screenshot({ path: `${SHOTS}/conflicts-cancel-dialog.png` });
    await dialog.getByLabel('Reason for cancelling').fill('Double booking: Bo moves to another day');
    await dialog.getByRole('button', { name: 'Cancel this session' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'session is cancelled' })).toBeVisible();

    // Gone from the open list here, and under Resolved.
    await expect(a.getByText('No conflicts. When two computers change the same thing while apart, it shows up here.')).toBeVisible();
    await expect(waitingA).toHaveCount(0);
    const resolvedA = a.locator('details.conflicts-resolved');
    await resolvedA.getByText(/Resolved \(1\)/).click();
    await expect(resolvedA).toContainText('A session involved was cancelled.');
    await a.screenshot({ path: `${SHOTS}/conflicts-resolved.png`, fullPage: true });

    // And on the laptop, within a few seconds, without touching it.
    const t0 = Date.now();
    await expect(b.getByText('No conflicts. When two computers change the same thing while apart, it shows up here.')).toBeVisible({ timeout: 15_000 });
    await expect(waitingB).toHaveCount(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const resolvedB = b.locator('details.conflicts-resolved');
    await resolvedB.getByText(/Resolved \(1\)/).click();
    await expect(resolvedB).toContainText('A session involved was cancelled.');
    await expect(resolvedB).toContainText(`Bo ${boName} · Suite 1: Cancelled`);
    await expect(resolvedB).toContainText(`Ana ${anaName} · Suite 1: Scheduled`);
    // Both bookings were kept by sync; only the cancelled one is cancelled.
    const anaSeries = await invokeAt(b, PORT_B, 'series.listForPatient', { patientId: ana.id });
    expect(anaSeries[0]!.sessions[0]!.status).toBe('scheduled');
  });
});
