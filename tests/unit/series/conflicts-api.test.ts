import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteContext } from '../../../src-main/backend/db/mutate';
import { insertRow } from '../../../src-main/backend/db/mutate';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-06-03', '10:00');
const MIN = 60_000;

let b: TestBackend;
let w: WriteContext;
let s1: string;
let s2: string;
let rn: string;
let ana: string;
let bo: string;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  s1 = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  s2 = (await b.ok('suites.create', { name: 'Suite 2' })).id;
  rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  ana = (await b.ok('patients.create', validPatient)).id;
  bo = (await b.ok('patients.create', { ...validPatient, firstName: 'Bo', lastName: 'Lind', email: 'bo@example.com' })).id;
  w = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => NOW), userId: null, now: () => NOW };
});
afterEach(() => b.dispose());

/** Insert a session the way sync would: straight into the store, no checks. */
function session(patientId: string, suiteId: string, date: string, time: string, minutes = 330) {
  const series = insertRow(w, infusionSeries, { patientId, templateSnapshot: {}, status: 'planned', selfPay: true });
  const startsAt = at(date, time);
  return insertRow(w, infusionSessions, {
    seriesId: series.id,
    patientId,
    seq: 1,
    suiteId,
    supervisorId: rn,
    startsAt,
    infusionStartsAt: startsAt + 30 * MIN,
    recoveryStartsAt: startsAt + 270 * MIN,
    endsAt: startsAt + minutes * MIN,
    status: 'scheduled',
    statusTimes: {},
    checklist: {},
  }).id;
}

const range = { from: at('2026-06-08', '00:00'), to: at('2026-06-09', '00:00') };

describe('sessions.conflicts', () => {
  it('lists none when sessions do not collide', async () => {
    await b.ok('shifts.setWeekly', { staffId: rn, shifts: [{ weekday: 1, startTime: '07:00', endTime: '17:00', maxConcurrent: 2 }] });
    session(ana, s1, '2026-06-08', '08:00');
    session(bo, s2, '2026-06-08', '09:00');
    expect(await b.ok('sessions.conflicts', range)).toEqual([]);
  });

  it('finds the same suite twice, a patient twice and a supervisor over capacity', async () => {
    const a = session(ana, s1, '2026-06-08', '08:00');
    const c = session(bo, s1, '2026-06-08', '10:00');
    const d = session(ana, s2, '2026-06-08', '12:00');
    const found = await b.ok('sessions.conflicts', range);
    const suite = found.find((f) => f.kind === 'suite')!;
    expect(suite.sessionIds).toEqual([a, c]);
    expect(suite.reason).toMatch(/^Suite 1 is booked for Ana Ramirez and Bo Lind at the same time \(10:00-13:30 on/);
    const patient = found.find((f) => f.kind === 'patient')!;
    expect(patient.sessionIds).toEqual([a, d]);
    expect(patient.reason).toMatch(/Ana Ramirez is booked twice at once/);
    // No shift: capacity 1.
    expect(found.filter((f) => f.kind === 'supervisor').map((f) => f.reason)[0]).toMatch(/Carla Diaz, RN supervises 2 infusions at once .* the shift allows 1\./);
  });

  it('counts supervision as the placement rule does: infusions at once, not recovery or IV preparation', async () => {
    await b.ok('shifts.setWeekly', { staffId: rn, shifts: [{ weekday: 1, startTime: '07:00', endTime: '18:00', maxConcurrent: 1 }] });
    // Infusing 08:30-12:30, then 13:00-17:00: the sessions overlap 12:30-13:30 (recovery and IV prep) only.
    session(ana, s1, '2026-06-08', '08:00');
    session(bo, s2, '2026-06-08', '12:30');
    expect(await b.ok('sessions.conflicts', range)).toEqual([]);
  });

  it('lists sessions booked in a suite that was closed afterwards, and the closure says how many', async () => {
    await b.ok('shifts.setWeekly', { staffId: rn, shifts: [{ weekday: 1, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 }] });
    const a = session(ana, s1, '2026-06-08', '08:00');
    session(bo, s2, '2026-06-08', '08:30');
    const closure = await b.ok('closures.add', { suiteId: s1, startsAt: at('2026-06-08', '12:00'), endsAt: at('2026-06-08', '18:00'), reason: 'Pump service' });
    expect(closure.sessionsInside).toBe(1);
    const found = (await b.ok('sessions.conflicts', range)).filter((f) => f.kind === 'closure');
    expect(found.map((f) => f.sessionIds)).toEqual([[a]]);
    expect(found[0]!.reason).toMatch(/^Ana Ramirez is booked in Suite 1 08:00-13:30 on .*, while it is closed \(Pump service\)\.$/);
    const clinic = await b.ok('closures.add', { suiteId: null, startsAt: at('2026-06-08', '13:00'), endsAt: at('2026-06-08', '14:00'), reason: 'Fire drill' });
    expect(clinic.sessionsInside).toBe(2);
  });

  it('ignores cancelled sessions and refuses a backwards range', async () => {
    session(ana, s1, '2026-06-08', '08:00');
    const x = session(bo, s1, '2026-06-08', '10:00');
    b.store.sqlite.prepare("UPDATE infusion_sessions SET status = 'cancelled' WHERE id = ?").run(x);
    expect((await b.ok('sessions.conflicts', range)).filter((f) => f.kind === 'suite')).toEqual([]);
    const e = await b.fail('sessions.conflicts', { from: range.to, to: range.from });
    expect(e.field).toBe('to');
  });
});
