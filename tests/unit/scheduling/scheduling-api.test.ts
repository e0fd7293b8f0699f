import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
// Wednesday 2026-06-03, 10:00 in Chicago (CDT).
const NOW = at('2026-06-03', '10:00');
const MON = '2026-06-08';
const HOUR = 3_600_000;

let b: TestBackend;
let ada: string; // Dr. Ada Osei, physician
let ben: string; // Ben Cole, MD, anesthesiologist
let nurse: string;
let patient: string;

const count = (table: string, where = '1') =>
  (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
// The clinic's data only: the audit trail records each save, also one that changed nothing.
const changes = () => count('change_log', "table_name <> 'audit_events'");

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  ada = (await b.ok('staff.create', { name: 'Dr. Ada Osei', role: 'physician' })).id;
  ben = (await b.ok('staff.create', { name: 'Ben Cole, MD', role: 'anesthesiologist' })).id;
  nurse = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  patient = (await b.ok('patients.create', validPatient)).id;
});
afterEach(() => b.dispose());

const mondayMorning = (staffId: string) =>
  b.ok('availability.setWeekly', { staffId, hours: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }] });

describe('availability.setWeekly', () => {
  it("replaces a provider's weekly hours and lists them", async () => {
    const first = await b.ok('availability.setWeekly', {
      staffId: ada,
      hours: [
        { weekday: 3, startTime: '13:00', endTime: '17:00' },
        { weekday: 1, startTime: '09:00', endTime: '12:00', validFrom: '2026-06-01', validTo: null },
      ],
    });
    expect(first).toMatchObject({ staffId: ada, staffName: 'Dr. Ada Osei', role: 'physician' });
    expect(first.weekly.map((h) => `${h.weekday} ${h.startTime}-${h.endTime} ${h.validFrom ?? ''}`)).toEqual([
      '1 09:00-12:00 2026-06-01',
      '3 13:00-17:00 ',
    ]);

    const second = await b.ok('availability.setWeekly', { staffId: ada, hours: [{ weekday: 5, startTime: '08:00', endTime: '12:00' }] });
    expect(second.weekly.map((h) => h.weekday)).toEqual([5]);
    expect(count('provider_availability', 'deleted_at IS NOT NULL')).toBe(2);
    expect(count('provider_availability', 'deleted_at IS NULL')).toBe(1);

    const list = await b.ok('availability.list', {});
    expect(list.timeZone).toBe(ZONE);
    // Consulting providers only, by name; the nurse is not one.
    expect(list.providers.map((p) => [p.staffName, p.weekly.length])).toEqual([
      ['Ben Cole, MD', 0],
      ['Dr. Ada Osei', 1],
    ]);
  });

  it('saving the same hours again writes nothing; an empty list clears them', async () => {
    await mondayMorning(ada);
    const before = changes();
    await mondayMorning(ada);
    expect(changes()).toBe(before);
    expect((await b.ok('availability.setWeekly', { staffId: ada, hours: [] })).weekly).toEqual([]);
    expect(count('provider_availability', 'deleted_at IS NULL')).toBe(0);
  });

  it.each([
    ['an end before the start', [{ weekday: 1, startTime: '12:00', endTime: '09:00' }], 'hours.0.endTime', /end time must be after the start/],
    ['an end equal to the start', [{ weekday: 1, startTime: '09:00', endTime: '09:00' }], 'hours.0.endTime', /after the start/],
    ['a time not in 24-hour form', [{ weekday: 1, startTime: '9am', endTime: '12:00' }], 'hours.0.startTime', /24-hour time/],
    ['a weekday out of range', [{ weekday: 7, startTime: '09:00', endTime: '12:00' }], 'hours.0.weekday', /day of the week/],
    ['a last date before the first', [{ weekday: 1, startTime: '09:00', endTime: '12:00', validFrom: '2026-07-01', validTo: '2026-06-01' }], 'hours.0.validTo', /last date/],
    [
      'overlapping hours on one weekday',
      [
        { weekday: 1, startTime: '09:00', endTime: '12:00' },
        { weekday: 1, startTime: '11:00', endTime: '13:00' },
      ],
      'hours.1.startTime',
      /overlap Monday 09:00-12:00/,
    ],
  ])('refuses %s, names the field and saves nothing', async (_name, hours, field, message) => {
    await mondayMorning(ada);
    const before = changes();
    const err = await b.fail('availability.setWeekly', { staffId: ada, hours });
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    expect(changes()).toBe(before);
    expect(count('provider_availability', 'deleted_at IS NULL')).toBe(1);
  });

  it('the same hours in different date ranges do not overlap', async () => {
    const r = await b.ok('availability.setWeekly', {
      staffId: ada,
      hours: [
        { weekday: 1, startTime: '09:00', endTime: '12:00', validTo: '2026-06-30' },
        { weekday: 1, startTime: '09:00', endTime: '12:00', validFrom: '2026-07-01' },
      ],
    });
    expect(r.weekly).toHaveLength(2);
  });

  it('refuses unknown staff and staff who do not do consultations', async () => {
    const before = changes();
    const unknown = await b.fail('availability.setWeekly', { staffId: '01900000-0000-7000-8000-000000000009', hours: [] });
    expect(unknown).toMatchObject({ code: 'VALIDATION', field: 'staffId' });
    const rn = await b.fail('availability.setWeekly', { staffId: nurse, hours: [{ weekday: 1, startTime: '09:00', endTime: '12:00' }] });
    expect(rn).toMatchObject({ code: 'VALIDATION', field: 'staffId' });
    expect(rn.message).toBe('Carla Diaz, RN is a nurse (RN). Only physicians and anesthesiologists see patients for consultations.');
    expect(changes()).toBe(before);
  });
});

describe('availability exceptions', () => {
  const leave = () => ({ staffId: ada, startsAt: at(MON, '00:00'), endsAt: at('2026-06-13', '00:00'), reason: 'Annual leave' });

  it('adds an exception, lists it with the whole-clinic ones, and removes it', async () => {
    const r = await b.ok('availability.addException', leave());
    expect(r.exception).toMatchObject({ staffId: ada, staffName: 'Dr. Ada Osei', reason: 'Annual leave', version: 1 });
    expect(r.overlappingConsultations).toEqual([]);
    const holiday = await b.ok('availability.addException', {
      staffId: null,
      startsAt: at('2026-07-03', '00:00'),
      endsAt: at('2026-07-04', '00:00'),
      reason: 'Independence Day (observed)',
    });
    expect(holiday.exception.staffName).toBeNull();
    // Ben's own list has the clinic holiday but not Ada's leave.
    expect((await b.ok('availability.list', { staffId: ben })).exceptions.map((e) => e.reason)).toEqual(['Independence Day (observed)']);
    expect((await b.ok('availability.list', {})).exceptions.map((e) => e.reason)).toEqual(['Annual leave', 'Independence Day (observed)']);

    await b.ok('availability.removeException', { id: r.exception.id });
    expect((await b.ok('availability.list', {})).exceptions.map((e) => e.reason)).toEqual(['Independence Day (observed)']);
    expect((await b.fail('availability.removeException', { id: r.exception.id })).code).toBe('NOT_FOUND');
    expect(count('availability_exceptions')).toBe(2); // kept, soft-deleted
  });

  it('lists only exceptions that have not ended', async () => {
    await b.ok('availability.addException', { ...leave(), startsAt: NOW - 48 * HOUR, endsAt: NOW - HOUR, reason: 'Past' });
    await b.ok('availability.addException', { ...leave(), startsAt: NOW - HOUR, endsAt: NOW + HOUR, reason: 'Now' });
    expect((await b.ok('availability.list', {})).exceptions.map((e) => e.reason)).toEqual(['Now']);
  });

  it('reports the booked consultations that fall inside a new exception', async () => {
    await mondayMorning(ada);
    const c = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') });
    const r = await b.ok('availability.addException', leave());
    expect(r.overlappingConsultations.map((x) => x.id)).toEqual([c.id]);
    const other = await b.ok('availability.addException', { ...leave(), staffId: ben, reason: 'Conference' });
    expect(other.overlappingConsultations).toEqual([]);
  });

  it.each([
    ['an end before the start', { endsAt: at(MON, '00:00') - HOUR }, 'endsAt', /end must be after the start/],
    ['a blank reason', { reason: '  ' }, 'reason', /Enter the reason/],
    ['no staffId at all (null is the whole clinic, and must be chosen)', { staffId: undefined }, 'staffId', /required/],
    ['an unknown staff member', { staffId: '01900000-0000-7000-8000-000000000009' }, 'staffId', /not found/],
    ['seconds instead of milliseconds', { startsAt: 1_780_000_000 }, 'startsAt', /not a valid time/],
    ['more than a year', { endsAt: at(MON, '00:00') + 400 * 24 * HOUR }, 'endsAt', /at most 366 days/],
  ])('refuses %s and saves nothing', async (_name, change, field, message) => {
    const before = changes();
    const err = await b.fail('availability.addException', { ...leave(), ...change });
    expect(err).toMatchObject({ code: 'VALIDATION', field });
    expect(err.message).toMatch(message);
    expect(changes()).toBe(before);
    expect(count('availability_exceptions')).toBe(0);
  });
});

describe('consultations.freeSlots', () => {
  beforeEach(async () => {
    await b.ok('availability.setWeekly', {
      staffId: ada,
      hours: [
        { weekday: 1, startTime: '09:00', endTime: '12:00' },
        { weekday: 3, startTime: '09:00', endTime: '12:00' },
      ],
    });
    await b.ok('availability.setWeekly', { staffId: ben, hours: [{ weekday: 3, startTime: '10:00', endTime: '11:00' }] });
  });

  it('gives the next free slots from now, with names, in clinic order', async () => {
    const r = await b.ok('consultations.freeSlots', { limit: 4 });
    expect(r).toMatchObject({ timeZone: ZONE, minutes: 60, from: NOW, more: true });
    expect(r.until).toBe(at('2026-06-17', '00:00'));
    expect(r.slots.map((s) => [s.staffName, s.startsAt])).toEqual([
      // Wednesday the 3rd, from 10:00 (now): Ada until 11:00, Ben's one hour.
      ['Ben Cole, MD', at('2026-06-03', '10:00')],
      ['Dr. Ada Osei', at('2026-06-03', '10:00')],
      ['Dr. Ada Osei', at('2026-06-03', '10:15')],
      ['Dr. Ada Osei', at('2026-06-03', '10:30')],
    ]);
    expect(r.slots[0]!.endsAt - r.slots[0]!.startsAt).toBe(HOUR);
  });

  it('one provider, a later start, another length', async () => {
    const r = await b.ok('consultations.freeSlots', { staffId: ada, from: at(MON, '00:00'), days: 1, minutes: 90 });
    expect(r.minutes).toBe(90);
    expect(r.slots.map((s) => s.startsAt)).toEqual([0, 15, 30, 45, 60, 75, 90].map((m) => at(MON, '09:00') + m * 60_000));
  });

  it('a "from" in the past searches from now', async () => {
    const r = await b.ok('consultations.freeSlots', { from: NOW - 72 * HOUR, limit: 1 });
    expect(r.from).toBe(NOW);
    expect(r.slots[0]!.startsAt).toBe(NOW);
  });

  it('leaves out booked times, exceptions and the patient\'s own appointments', async () => {
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis' })).id;
    await b.ok('consultations.book', { patientId: other, staffId: ada, startsAt: at(MON, '09:00') });
    await b.ok('availability.addException', { staffId: ada, startsAt: at(MON, '11:00'), endsAt: at(MON, '12:00'), reason: 'Team meeting' });
    const q = { staffId: ada, from: at(MON, '00:00'), days: 1 };
    expect((await b.ok('consultations.freeSlots', q)).slots.map((s) => s.startsAt)).toEqual([at(MON, '10:00')]);
    // Luis himself cannot be seen by Ben at a time he is with Ada.
    const forLuis = await b.ok('consultations.freeSlots', { patientId: other, staffId: ben, from: at('2026-06-10', '00:00'), days: 1 });
    expect(forLuis.slots).toHaveLength(1);
  });

  it.each([
    [{ days: 0 }, 'days', /at least 1 day/],
    [{ days: 61 }, 'days', /at most 60 days/],
    [{ minutes: 10 }, 'minutes', /at least 15 minutes/],
    [{ limit: 0 }, 'limit', /at least 1 slot/],
    [{ staffId: 'nobody' }, 'staffId', /record id/],
  ])('refuses %j', async (input, field, message) => {
    const err = await b.fail('consultations.freeSlots', input);
    expect(err).toMatchObject({ code: 'VALIDATION', field });
    expect(err.message).toMatch(message);
  });

  it('refuses a non-provider, an inactive provider and an unknown patient', async () => {
    expect(await b.fail('consultations.freeSlots', { staffId: nurse })).toMatchObject({ code: 'VALIDATION', field: 'staffId' });
    await b.ok('staff.update', { id: ben, name: 'Ben Cole, MD', role: 'anesthesiologist', active: false });
    expect((await b.fail('consultations.freeSlots', { staffId: ben })).message).toMatch(/Dr. Ben Cole is marked inactive/);
    // An inactive provider is not offered either.
    expect((await b.ok('consultations.freeSlots', {})).slots.every((s) => s.staffId === ada)).toBe(true);
    expect(await b.fail('consultations.freeSlots', { patientId: '01900000-0000-7000-8000-000000000009' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'patientId',
    });
  });
});

describe('consultations.book', () => {
  beforeEach(async () => {
    await mondayMorning(ada);
    await mondayMorning(ben);
  });
  const book = (over: Record<string, unknown> = {}) => ({ patientId: patient, staffId: ada, startsAt: at(MON, '10:00'), ...over });

  it('books a free slot and lists it for the patient', async () => {
    const events: string[] = [];
    b.subscribe((e) => events.push(e.topic));
    const c = await b.ok('consultations.book', { ...book(), note: 'Referred for CRPS, right foot' });
    expect(c).toMatchObject({
      patientId: patient,
      staffId: ada,
      staffName: 'Dr. Ada Osei',
      kind: 'initial_consultation',
      startsAt: at(MON, '10:00'),
      endsAt: at(MON, '11:00'),
      status: 'booked',
      note: 'Referred for CRPS, right foot',
      version: 1,
    });
    expect(events).toEqual(['schedule.changed']);
    expect(await b.ok('consultations.listForPatient', { patientId: patient })).toEqual([c]);
    // The change log has the appointment, field by field.
    expect(count('change_log', `table_name = 'appointments' AND field = 'starts_at'`)).toBe(1);
  });

  it("uses the clinic's consultation length unless told", async () => {
    const s = await b.ok('settings.get', {});
    await b.ok('settings.update', { name: s.name, timeZone: s.timeZone, openingHours: s.openingHours, consultationMinutes: 45 });
    expect((await b.ok('consultations.book', book())).endsAt).toBe(at(MON, '10:45'));
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis' })).id;
    expect((await b.ok('consultations.book', book({ patientId: other, startsAt: at(MON, '11:00'), minutes: 30 }))).endsAt).toBe(at(MON, '11:30'));
  });

  it('refuses a taken slot with a plain CONFLICT in clinic time, and saves nothing', async () => {
    await b.ok('consultations.book', book());
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis' })).id;
    const before = changes();
    for (const time of ['10:00', '10:30', '09:15']) {
      const err = await b.fail('consultations.book', book({ patientId: other, startsAt: at(MON, time) }));
      expect(err).toMatchObject({ code: 'CONFLICT', field: 'startsAt' });
      expect(err.message).toBe('Dr. Ada Osei is already booked 10:00-11:00 on Mon, Jun 8 (clinic time). Choose another time.');
    }
    expect(changes()).toBe(before);
    expect(count('appointments')).toBe(1);
    // Ben is free then.
    await b.ok('consultations.book', book({ patientId: other, staffId: ben }));
  });

  it("names the doctor from a stored 'Name, MD'", async () => {
    await b.ok('consultations.book', book({ staffId: ben }));
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis' })).id;
    expect((await b.fail('consultations.book', book({ patientId: other, staffId: ben }))).message).toMatch(/^Dr\. Ben Cole is already booked 10:00-11:00/);
  });

  it.each([
    ['in the past', { startsAt: NOW - HOUR }, 'VALIDATION', /already passed/],
    ['a minute ago, even inside hours', { startsAt: NOW - 60_000 }, 'VALIDATION', /already passed/],
    ['outside the provider\'s hours', { startsAt: at(MON, '13:00') }, 'VALIDATION', /outside Dr\. Ada Osei's consultation hours\. On Mon, Jun 8 they see patients 09:00-12:00/],
    ['running past the end of the hours', { startsAt: at(MON, '11:30') }, 'VALIDATION', /outside/],
    ['on a day without hours', { startsAt: at('2026-06-09', '10:00') }, 'VALIDATION', /no consultation hours on Tue, Jun 9/],
    ['off a whole minute', { startsAt: at(MON, '10:00') + 30_000 }, 'VALIDATION', /whole minute/],
  ])('refuses a time %s', async (_name, change, code, message) => {
    const before = changes();
    const err = await b.fail('consultations.book', book(change));
    expect(err).toMatchObject({ code, field: 'startsAt' });
    expect(err.message).toMatch(message);
    expect(changes()).toBe(before);
    expect(count('appointments')).toBe(0);
  });

  it('refuses a time inside an exception or a clinic closure', async () => {
    await b.ok('availability.addException', { staffId: ada, startsAt: at(MON, '00:00'), endsAt: at('2026-06-13', '00:00'), reason: 'Annual leave' });
    const err = await b.fail('consultations.book', book());
    expect(err).toMatchObject({ code: 'CONFLICT', field: 'startsAt' });
    expect(err.message).toBe('Dr. Ada Osei is not available Mon, Jun 8 to Fri, Jun 12 (Annual leave). Choose another time.');
    await b.ok('availability.addException', { staffId: null, startsAt: at(MON, '09:00'), endsAt: at(MON, '12:00'), reason: 'Fire drill' });
    expect((await b.fail('consultations.book', book({ staffId: ben }))).message).toBe(
      'The clinic is closed 09:00-12:00 on Mon, Jun 8 (Fire drill). Choose another time.',
    );
    expect(count('appointments')).toBe(0);
  });

  it('refuses unknown or removed patients, unknown staff and non-providers', async () => {
    const missing = '01900000-0000-7000-8000-000000000009';
    expect(await b.fail('consultations.book', book({ patientId: missing }))).toMatchObject({ code: 'NOT_FOUND', field: 'patientId' });
    const gone = (await b.ok('patients.create', { ...validPatient, firstName: 'Gone' })).id;
    await b.ok('patients.remove', { id: gone });
    expect(await b.fail('consultations.book', book({ patientId: gone }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await b.fail('consultations.book', book({ staffId: missing }))).toMatchObject({ code: 'VALIDATION', field: 'staffId' });
    expect(await b.fail('consultations.book', book({ staffId: nurse }))).toMatchObject({ code: 'VALIDATION', field: 'staffId' });
    expect(count('appointments')).toBe(0);
  });

  it('a patient cannot be in two places, nor have two initial consultations booked', async () => {
    await b.ok('consultations.book', book());
    const twoPlaces = await b.fail('consultations.book', book({ staffId: ben, kind: 'follow_up_consultation' }));
    expect(twoPlaces.code).toBe('CONFLICT');
    expect(twoPlaces.message).toBe('This patient already has an appointment 10:00-11:00 on Mon, Jun 8 (clinic time) with Dr. Ada Osei. Choose another time.');
    const second = await b.fail('consultations.book', book({ staffId: ben, startsAt: at(MON, '11:00') }));
    expect(second.code).toBe('CONFLICT');
    expect(second.message).toMatch(/already has an initial consultation booked 10:00-11:00 on Mon, Jun 8 \(clinic time\) with Dr\. Ada Osei/);
    // A follow-up at another time is fine.
    await b.ok('consultations.book', book({ staffId: ben, startsAt: at(MON, '11:00'), kind: 'follow_up_consultation' }));
  });

  it('refuses bad input at the boundary', async () => {
    expect(await b.fail('consultations.book', book({ minutes: 500 }))).toMatchObject({ code: 'VALIDATION', field: 'minutes' });
    expect(await b.fail('consultations.book', book({ kind: 'infusion' }))).toMatchObject({ code: 'VALIDATION', field: 'kind' });
    expect(await b.fail('consultations.book', book({ startsAt: 'Monday 10am' }))).toMatchObject({ code: 'VALIDATION', field: 'startsAt' });
  });
});

describe('consultations.cancel', () => {
  beforeEach(() => mondayMorning(ada));

  it('cancels with a reason, frees the time, and keeps the record', async () => {
    const c = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00'), note: 'Needs a driver' });
    const x = await b.ok('consultations.cancel', { id: c.id, reason: 'Patient is unwell', expectedVersion: 1 });
    expect(x).toMatchObject({ status: 'cancelled', note: 'Needs a driver\nCancelled: Patient is unwell', version: 2 });
    expect((await b.ok('consultations.listForPatient', { patientId: patient })).map((r) => r.status)).toEqual(['cancelled']);
    const again = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') });
    expect(again.status).toBe('booked');
    expect((await b.ok('consultations.listForPatient', { patientId: patient })).map((r) => r.status)).toEqual(['cancelled', 'booked']);
  });

  it('refuses a second cancel, a stale version, a blank reason and an unknown id', async () => {
    const c = await b.ok('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') });
    expect(await b.fail('consultations.cancel', { id: c.id, reason: ' ' })).toMatchObject({ code: 'VALIDATION', field: 'reason' });
    expect(await b.fail('consultations.cancel', { id: c.id, reason: 'x', expectedVersion: 7 })).toMatchObject({ code: 'CONFLICT' });
    await b.ok('consultations.cancel', { id: c.id, reason: 'Rescheduling' });
    const before = changes();
    const err = await b.fail('consultations.cancel', { id: c.id, reason: 'Again' });
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'This consultation is already cancelled, so it cannot be cancelled.' });
    expect(changes()).toBe(before);
    expect((await b.fail('consultations.cancel', { id: '01900000-0000-7000-8000-000000000009', reason: 'x' })).code).toBe('NOT_FOUND');
  });

  it('listForPatient refuses an unknown patient', async () => {
    expect((await b.fail('consultations.listForPatient', { patientId: '01900000-0000-7000-8000-000000000009' })).code).toBe('NOT_FOUND');
  });
});

describe('permissions', () => {
  it('a nurse can look at the schedule but not change it', async () => {
    const { invoke } = await b.signedInAs('nurse', 'Night nurse');
    expect(await invoke('consultations.freeSlots', {})).toMatchObject({ ok: true });
    expect(await invoke('availability.list', {})).toMatchObject({ ok: true });
    expect(await invoke('availability.setWeekly', { staffId: ada, hours: [] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('consultations.book', { patientId: patient, staffId: ada, startsAt: at(MON, '10:00') })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
