import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

/**
 * A booked consultation is recorded as held (it then clears the patient and counts for the payer's
 * "consultation held") or as not attended, once it has begun and never before.
 */
const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const MON = '2026-06-08';

let b: TestBackend;
let now = at('2026-06-03', '10:00');
let ada: string;
let patient: string;
const changes = () =>
  (b.store.sqlite.prepare("SELECT count(*) AS n FROM change_log WHERE table_name <> 'audit_events'").get() as { n: number }).n;

beforeEach(async () => {
  now = at('2026-06-03', '10:00');
  b = tempBackend({ now: () => now });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: ZONE, openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })) });
  ada = (await b.ok('staff.create', { name: 'Dr. Ada Osei', role: 'physician' })).id;
  patient = (await b.ok('patients.create', validPatient)).id;
  await b.ok('availability.setWeekly', { staffId: ada, hours: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }] });
});
afterEach(() => b.dispose());

describe('consultations.recordAttendance', () => {
  it('refuses before the visit has begun, naming its time, and changes nothing', async () => {
    const c = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') });
    const before = changes();
    const err = await b.fail('consultations.recordAttendance', { id: c.id, outcome: 'completed' });
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect(err.message).toBe('This consultation is booked for 10:00-11:00 on Mon, Jun 8. Record whether it was held once it has begun.');
    expect(changes()).toBe(before);
    expect((await b.ok('consultations.listForPatient', { patientId: patient }))[0]!.status).toBe('booked');
  });

  it('records it held once begun; a second record or a cancel afterwards is refused', async () => {
    const c = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') });
    now = at(MON, '10:05');
    const held = await b.ok('consultations.recordAttendance', { id: c.id, outcome: 'completed', expectedVersion: c.version });
    expect(held).toMatchObject({ status: 'completed', version: c.version + 1 });
    const before = changes();
    expect(await b.fail('consultations.recordAttendance', { id: c.id, outcome: 'no_show' })).toMatchObject({
      code: 'CONFLICT',
      message: 'This consultation is already recorded as held; nothing was changed.',
    });
    expect(await b.fail('consultations.cancel', { id: c.id, reason: 'late' })).toMatchObject({ code: 'CONFLICT' });
    expect(changes()).toBe(before);
  });

  it('records a no-show, refuses a stale version, an unknown outcome and an unknown id', async () => {
    const c = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') });
    now = at(MON, '12:00');
    expect(await b.fail('consultations.recordAttendance', { id: c.id, outcome: 'attended' })).toMatchObject({ code: 'VALIDATION', field: 'outcome' });
    expect(await b.fail('consultations.recordAttendance', { id: c.id, outcome: 'no_show', expectedVersion: 9 })).toMatchObject({ code: 'CONFLICT' });
    expect((await b.fail('consultations.recordAttendance', { id: '01900000-0000-7000-8000-000000000009', outcome: 'no_show' })).code).toBe('NOT_FOUND');
    const missed = await b.ok('consultations.recordAttendance', { id: c.id, outcome: 'no_show' });
    expect(missed.status).toBe('no_show');
    // A missed first visit frees the patient to book another.
    const again = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at('2026-06-15', '09:00') });
    expect(again.status).toBe('booked');
  });
});
