import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDateAt, localTimeAt, zonedToInstant } from '../../../src-shared/domain/zoned-time';
import { keepWallClock } from '../../../src-main/backend/clinic/time-zone-change';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';
import { icsUtc, parseIcs } from '../reminders/ics-parse';

// Changing the clinic's zone keeps the local times of everything booked ahead (07:00 stays
// 07:00 in the new zone), says how much that is first, and never moves sessions silently.
const CHICAGO = 'America/Chicago';
const DENVER = 'America/Denver';
const at = (date: string, time: string, zone = CHICAGO) => zonedToInstant(zone, date, time);

let b: TestBackend;
let now: number;
let patient: string;
let templateId: string;

const count = (t: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

beforeEach(async () => {
  now = at('2026-11-27', '10:00');
  b = tempBackend({ now: () => now });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: CHICAGO, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })) });
  await b.ok('reminders.settings.update', { clinicAddress: '1200 Lake Shore Dr, Chicago, IL 60611', clinicPhone: '(312) 555-0100' });
  await b.ok('suites.create', { name: 'Suite 1' });
  const rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('shifts.setWeekly', { staffId: rn, shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 })) });
  templateId = (await b.ok('series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
  patient = (await b.ok('patients.create', { ...validPatient, firstName: 'Ana', lastName: 'Rivera' })).id;
});
afterEach(() => b.dispose());

async function bookSeries() {
  const r = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true, from: at('2026-11-30', '07:00') });
  return b.ok('series.book', { patientId: patient, templateId, selfPay: true, sessions: r.proposals[0]!.sessions });
}

describe('changing the clinic time zone', () => {
  it('the wall clock is kept across zones, seconds and all', () => {
    const t = at('2026-12-07', '07:00');
    expect(localTimeAt(DENVER, keepWallClock(CHICAGO, DENVER, t))).toBe('07:00');
    expect(keepWallClock(CHICAGO, DENVER, t) - t).toBe(3_600_000);
    expect(keepWallClock(CHICAGO, CHICAGO, t + 1234)).toBe(t + 1234);
  });

  it('settings.update refuses to move booked sessions silently, beside the zone field, and changes nothing', async () => {
    await bookSeries();
    const settings = await b.ok('settings.get', {});
    const before = count('change_log');
    const err = await b.fail('settings.update', { name: settings.name, timeZone: DENVER, openingHours: settings.openingHours, expectedVersion: settings.version });
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'timeZone' });
    expect(err.message).toContain('6 booked infusion sessions ahead would move on the clock');
    expect(err.message).toContain('Change time zone');
    expect(count('change_log')).toBe(before);
    expect((await b.ok('settings.get', {})).timeZone).toBe(CHICAGO);
  });

  it('says what the change does, then keeps every booked local time (sessions, consultations, closures), and the reminders and .ics follow', async () => {
    const series = await bookSeries();
    const doctor = (await b.ok('staff.create', { name: 'Dr Lee', role: 'physician' })).id;
    await b.ok('availability.setWeekly', { staffId: doctor, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00' })) });
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis', lastName: 'Ortega', mrn: 'X-2' })).id;
    const consult = await b.ok('consultations.book', { patientId: other, staffId: doctor, startsAt: at('2026-12-01', '09:00'), minutes: 60 });
    await b.ok('closures.add', { suiteId: null, startsAt: at('2026-12-24', '00:00'), endsAt: at('2026-12-26', '00:00'), reason: 'holiday' });

    const impact = await b.ok('settings.timeZoneImpact', { timeZone: DENVER });
    expect(impact).toMatchObject({ fromZone: CHICAGO, toZone: DENVER, sessions: 6, consultations: 1, closures: 1, timeOff: 0 });
    expect(localTimeAt(DENVER, impact.example!.after)).toBe(localTimeAt(CHICAGO, impact.example!.before));

    const settings = await b.ok('settings.get', {});
    const r = await b.ok('settings.changeTimeZone', { timeZone: DENVER, expectedVersion: settings.version });
    expect(r.settings.timeZone).toBe(DENVER);
    expect(r.moved).toBe(8);

    const after = await b.ok('series.get', { seriesId: series.id });
    for (const [i, s] of after.sessions.entries()) {
      const was = series.sessions[i]!;
      expect(localDateAt(DENVER, s.startsAt)).toBe(localDateAt(CHICAGO, was.startsAt));
      expect(localTimeAt(DENVER, s.startsAt)).toBe(localTimeAt(CHICAGO, was.startsAt));
      expect(localTimeAt(DENVER, s.endsAt)).toBe(localTimeAt(CHICAGO, was.endsAt));
      expect(s.endsAt - s.startsAt).toBe(was.endsAt - was.startsAt);
    }
    const c = (await b.ok('consultations.listForPatient', { patientId: other })).find((x) => x.id === consult.id)!;
    expect(localTimeAt(DENVER, c.startsAt)).toBe('09:00');
    const closure = (await b.ok('closures.list', {}))[0]!;
    expect(localTimeAt(DENVER, closure.startsAt)).toBe('00:00');
    expect(localDateAt(DENVER, closure.startsAt)).toBe('2026-12-24');

    // Reminders are re-planned after the change: each names the session's kept local time.
    const rows = (await b.ok('reminders.outbox.list', {})).rows.filter((x) => x.status === 'to_send');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const s = after.sessions.find((x) => x.id === row.sessionId)!;
      expect(row.sessionStartsAt).toBe(s.startsAt);
    }
    const first = rows.find((x) => x.sessionId === after.sessions[0]!.id)!;
    expect(first.body).toContain('6:45');
    expect(first.body).not.toContain('5:45');
    // The .ics gives the kept instants: 07:00 in Denver, not 06:00.
    const ics = parseIcs((await b.ok('reminders.seriesIcs', { seriesId: series.id })).text);
    const events = ics.children.filter((e) => e.name === 'VEVENT');
    expect(events.map((e) => localTimeAt(DENVER, icsUtc(e.props['DTSTART']![0]!)))).toEqual(series.sessions.map((s) => localTimeAt(CHICAGO, s.startsAt)));
    // Still booked ahead: settings.update still refuses a zone change; the dialog's method is the way.
    const again = await b.ok('settings.get', {});
    expect((await b.fail('settings.update', { name: again.name, timeZone: CHICAGO, openingHours: again.openingHours, expectedVersion: again.version })).field).toBe('timeZone');
  });

  it('past sessions keep their real instants; with nothing ahead the zone changes freely', async () => {
    const series = await bookSeries();
    now = at('2026-12-20', '10:00'); // after the whole series
    const settings = await b.ok('settings.get', {});
    const impact = await b.ok('settings.timeZoneImpact', { timeZone: DENVER });
    expect(impact.sessions).toBe(0);
    await b.ok('settings.update', { name: settings.name, timeZone: DENVER, openingHours: settings.openingHours, expectedVersion: settings.version });
    const after = await b.ok('series.get', { seriesId: series.id });
    expect(after.sessions.map((s) => s.startsAt)).toEqual(series.sessions.map((s) => s.startsAt));
  });

  it('refuses a zone that is not a zone, and a stale version, changing nothing', async () => {
    await bookSeries();
    expect((await b.fail('settings.changeTimeZone', { timeZone: 'Mars/Olympus', expectedVersion: 1 })).field).toBe('timeZone');
    const settings = await b.ok('settings.get', {});
    const before = count('change_log');
    expect((await b.fail('settings.changeTimeZone', { timeZone: DENVER, expectedVersion: settings.version - 1 })).code).toBe('CONFLICT');
    expect(count('change_log')).toBe(before);
  });
});
