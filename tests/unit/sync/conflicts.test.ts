/**
 * Two computers book the same suite at the same time while apart. Both bookings are kept
 * (sync never drops a change), exactly one conflict is listed on each computer, and when a
 * person resolves it on one (cancels a session through the normal method) it is resolved on
 * every computer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertRow } from '../../../src-main/backend/db/mutate';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const MIN = 60_000;
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);

/** A session as booking writes it (each computer's own checks passed: the suite was free there). */
function book(d: TestBackend, patientId: string, suiteId: string, supervisorId: string, startsAt: number) {
  const series = insertRow(d.asAdmin(), infusionSeries, { patientId, templateSnapshot: {}, status: 'planned', selfPay: true });
  return insertRow(d.asAdmin(), infusionSessions, {
    seriesId: series.id,
    patientId,
    seq: 1,
    suiteId,
    supervisorId,
    startsAt,
    infusionStartsAt: startsAt + 30 * MIN,
    recoveryStartsAt: startsAt + 270 * MIN,
    endsAt: startsAt + 330 * MIN,
    status: 'scheduled',
    statusTimes: {},
    checklist: {},
  }).id;
}

describe.each(SERVER_KINDS)('conflicts after a merge (%s)', (kind) => {
  let server: TestClinicServer;
  const backends: TestBackend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) b.dispose();
    await server?.dispose();
  });

  it('two offline bookings of one suite: both kept, one conflict on every computer, resolved on one, resolved everywhere', async () => {
    server = await startTestServer(kind);
    const a = tempBackend({ sync: { autoStart: false } });
    const b = tempBackend({ sync: { autoStart: false } });
    backends.push(a, b);
    for (const [d, name] of [[a, 'Front desk'], [b, 'Remote assistant']] as const) {
      await d.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: name, allowInsecure: false });
    }
    await a.ok('settings.update', { name: 'Lakeside', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })) });
    const suite = (await a.ok('suites.create', { name: 'Suite 1' })).id;
    const rn = (await a.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
    await a.ok('shifts.setWeekly', { staffId: rn, shifts: [{ weekday: 1, startTime: '07:00', endTime: '18:00', maxConcurrent: 3 }] });
    const ana = (await a.ok('patients.create', validPatient)).id;
    const bo = (await a.ok('patients.create', { ...validPatient, firstName: 'Bo', lastName: 'Lind', email: 'bo@example.com', phone: '(312) 555-0199' })).id;
    await a.sync.round();
    await b.sync.round();

    // Apart: each books Suite 1 on Monday morning for a different patient.
    const onA = book(a, ana, suite, rn, at('2027-06-07', '08:00'));
    const onB = book(b, bo, suite, rn, at('2027-06-07', '09:00'));
    for (let i = 0; i < 2; i++) for (const d of [a, b]) await d.sync.round();

    for (const d of [a, b]) {
      const ids = d.store.sqlite.prepare(`SELECT id FROM infusion_sessions WHERE status = 'scheduled' ORDER BY id`).pluck().all();
      expect(ids, 'both bookings are kept').toEqual([onA, onB].sort());
      const { conflicts } = await d.ok('sync.conflicts', {});
      expect(conflicts).toHaveLength(1);
      const [c] = conflicts;
      expect(c!.kind).toBe('suite');
      expect(c!.summary).toMatch(/^Suite 1 is booked for Ana Ramirez and Bo Lind at the same time/);
      expect(c!.sides.map((s) => s.sessionId).sort()).toEqual([onA, onB].sort());
      expect(c!.sides.map((s) => s.title).sort()).toEqual(['Ana Ramirez · Suite 1', 'Bo Lind · Suite 1']);
      // Where each booking was made, by the computers' synced names.
      const on = Object.fromEntries(c!.sides.map((s) => [s.sessionId, s.madeOn]));
      expect(on).toEqual({ [onA]: 'Front desk', [onB]: 'Remote assistant' });
      expect((await d.ok('sync.status', {})).openConflicts).toBe(1);
    }

    // Resolved on the remote assistant's laptop: Bo's session is cancelled the normal way.
    await b.ok('sessions.setStatus', { sessionId: onB, status: 'cancelled', reason: 'Double booking: Bo moves to another day' });
    expect((await b.ok('sync.conflicts', {})).conflicts).toHaveLength(0);
    for (let i = 0; i < 2; i++) for (const d of [b, a]) await d.sync.round();
    for (const d of [a, b]) {
      expect((await d.ok('sync.conflicts', {})).conflicts, 'no open conflict left').toHaveLength(0);
      const all = (await d.ok('sync.conflicts', { includeClosed: true })).conflicts;
      expect(all).toHaveLength(1);
      expect(all[0]!.status).toBe('resolved');
      expect(all[0]!.resolution).toBe('A session involved was cancelled.');
      expect(all[0]!.resolvedBy, 'credited to the person whose change closed it').toBe('Clinic administrator');
      expect((await d.ok('sync.status', {})).openConflicts).toBe(0);
    }
  });

  it('the same MRN given on two computers is a conflict a person can dismiss as two people', async () => {
    server = await startTestServer(kind);
    const a = tempBackend({ sync: { autoStart: false } });
    const b = tempBackend({ sync: { autoStart: false } });
    backends.push(a, b);
    for (const [d, name] of [[a, 'Front desk'], [b, 'Remote assistant']] as const) {
      await d.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: name, allowInsecure: false });
    }
    // Both computers number their first patient 000001 while apart.
    await a.ok('patients.create', validPatient);
    await b.ok('patients.create', { ...validPatient, firstName: 'Bo', lastName: 'Lind', dateOfBirth: '1990-01-02' });
    for (let i = 0; i < 2; i++) for (const d of [a, b]) await d.sync.round();
    for (const d of [a, b]) {
      const { conflicts } = await d.ok('sync.conflicts', {});
      expect(conflicts.map((c) => c.kind)).toEqual(['duplicate_patient']);
      expect(conflicts[0]!.summary).toBe('Ana Ramirez and Bo Lind were both given MRN 000001 on different computers.');
    }
    const [c] = (await a.ok('sync.conflicts', {})).conflicts;
    const refused = await a.fail('sync.dismissConflict', { id: c!.id, reason: '  ' });
    expect(refused.message).toBe('Say why nothing needs to change.');
    await a.ok('sync.dismissConflict', { id: c!.id, reason: 'Two different people; MRN to be corrected', expectedVersion: c!.version });
    for (const d of [a, b]) await d.sync.round();
    expect((await b.ok('sync.conflicts', {})).conflicts).toHaveLength(0);
    const closed = (await b.ok('sync.conflicts', { includeClosed: true })).conflicts[0]!;
    expect(closed).toMatchObject({ status: 'dismissed', resolution: 'Two different people; MRN to be corrected', resolvedBy: 'Clinic administrator' });
  });
});
