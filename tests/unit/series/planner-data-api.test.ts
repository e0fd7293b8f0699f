import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../src-main/backend/api/context';
import { insertRow } from '../../../src-main/backend/db/mutate';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { loadPlannerInput } from '../../../src-main/backend/series/planner-data';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-11-20', '10:00');
const MIN = 60_000;
const template = { sessionCount: 3, windowDays: 7, minGapDays: 1, maxGapDays: 3, prepMinutes: 30, infusionMinutes: 240, recoveryMinutes: 60, supervisorRole: 'rn' };

let b: TestBackend;
let ctx: HandlerContext;
let suite: string;
let rn: string;
let patient: string;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  suite = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  await b.ok('suites.create', { name: 'Suite 9', active: false });
  rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('staff.create', { name: 'Dee Front', role: 'front_desk' });
  await b.ok('shifts.setWeekly', { staffId: rn, shifts: [{ weekday: 1, startTime: '07:00', endTime: '17:00', maxConcurrent: 3 }] });
  patient = (await b.ok('patients.create', validPatient)).id;
  ctx = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => NOW), userId: 'test', now: () => NOW } as unknown as HandlerContext;
});
afterEach(() => b.dispose());

function bookedSeries(authorizationId: string | null, dates: string[]) {
  const r = insertRow(ctx, infusionSeries, { patientId: patient, templateSnapshot: {}, status: 'planned', authorizationId });
  for (const [i, date] of dates.entries()) {
    const startsAt = at(date, '08:00');
    insertRow(ctx, infusionSessions, {
      seriesId: r.id, patientId: patient, seq: i + 1, suiteId: suite, supervisorId: rn, startsAt,
      infusionStartsAt: startsAt + 30 * MIN, recoveryStartsAt: startsAt + 270 * MIN, endsAt: startsAt + 330 * MIN,
      status: 'scheduled', statusTimes: {}, checklist: {},
    });
  }
}

describe('loadPlannerInput', () => {
  it('loads active suites, closures, booked sessions, supervising staff with shifts and the remaining authorization', async () => {
    await b.ok('closures.add', { suiteId: suite, startsAt: at('2026-12-02', '00:00'), endsAt: at('2026-12-03', '00:00'), reason: 'Deep clean' });
    const auth = await b.ok('authorizations.create', { patientId: patient, authNumber: 'A1', status: 'approved', approvedSessions: 6, startDate: '2026-12-01', endDate: '2026-12-31' });
    bookedSeries(auth.id, ['2026-12-01', '2026-12-04']);
    const input = loadPlannerInput(ctx, { patientId: patient, template, from: at('2026-11-30', '00:00'), authorizationId: auth.id });
    expect(input.timeZone).toBe(ZONE);
    expect(input.suites.map((s) => s.name)).toEqual(['Suite 1']);
    expect(input.closures).toEqual([{ suiteId: suite, startsAt: at('2026-12-02', '00:00'), endsAt: at('2026-12-03', '00:00'), reason: 'Deep clean' }]);
    expect(input.booked).toHaveLength(2);
    expect(input.staff).toEqual([{ id: rn, name: 'Carla Diaz, RN', role: 'rn', shifts: [expect.objectContaining({ weekday: 1, maxConcurrent: 3 })] }]);
    expect(input.authorization).toEqual({ startDate: '2026-12-01', endDate: '2026-12-31', sessionsRemaining: 4 });
    expect(loadPlannerInput(ctx, { patientId: patient, template, from: NOW, selfPay: true }).authorization).toBeNull();
  });

  it('refuses an authorization that is not approved', async () => {
    const auth = await b.ok('authorizations.create', { patientId: patient, authNumber: 'P9', status: 'pending' });
    expect(() => loadPlannerInput(ctx, { patientId: patient, template, from: NOW, authorizationId: auth.id })).toThrow(/Authorization P9 is pending/);
  });
});
