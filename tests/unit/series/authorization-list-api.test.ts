/** authorizations.list: the work list across patients (waiting for a decision, ending soon). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-27', '10:00');
let b: TestBackend;
let ana: string;
let luis: string;
let payerId: string;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  });
  payerId = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
  ana = (await b.ok('patients.create', validPatient)).id;
  luis = (await b.ok('patients.create', { ...validPatient, firstName: 'Luis', lastName: 'Okafor', phone: '(312) 555-0199' })).id;
});
afterEach(() => b.dispose());

const approved = (startDate: string, endDate: string, approvedSessions = 6) => ({
  status: 'approved' as const,
  approvedSessions,
  startDate,
  endDate,
});

describe('authorizations.list', () => {
  it('lists every patient’s authorizations, soonest end first, with patient and payer names', async () => {
    const late = await b.ok('authorizations.create', { patientId: ana, payerId, authNumber: 'A-2', ...approved('2026-12-01', '2027-03-01') });
    const soon = await b.ok('authorizations.create', { patientId: luis, authNumber: 'L-1', ...approved('2026-11-01', '2026-12-10') });
    const open = await b.ok('authorizations.create', { patientId: ana, payerId, authNumber: 'A-3', status: 'pending' });

    const all = await b.ok('authorizations.list', {});
    expect(all.map((a) => a.id)).toEqual([soon.id, late.id, open.id]);
    expect(all[0]).toMatchObject({ patientName: 'Luis Okafor', payerName: null, authNumber: 'L-1', sessionsUsed: 0 });
    expect(all[1]).toMatchObject({ patientName: 'Ana Ramirez', payerName: 'Blue Lake Health', approvedSessions: 6 });
    expect(all[1]!.patientMrn).toMatch(/\S/);
  });

  it('filters by status and by an end date before a given day', async () => {
    await b.ok('authorizations.create', { patientId: ana, ...approved('2026-12-01', '2027-03-01') });
    const soon = await b.ok('authorizations.create', { patientId: luis, ...approved('2026-11-01', '2026-12-10') });
    const pending = await b.ok('authorizations.create', { patientId: ana, status: 'pending' });
    const submitted = await b.ok('authorizations.create', { patientId: luis, status: 'submitted' });
    await b.ok('authorizations.create', { patientId: luis, status: 'denied', denialReason: 'Experimental' });

    const waiting = await b.ok('authorizations.list', { status: ['draft', 'submitted', 'pending'] });
    expect(waiting.map((a) => a.id).sort()).toEqual([pending.id, submitted.id].sort());

    const ending = await b.ok('authorizations.list', { status: ['approved'], expiringBefore: '2026-12-28' });
    expect(ending.map((a) => a.id)).toEqual([soon.id]);
    // The end date is the last day covered: an end on the given day is not "before" it.
    expect(await b.ok('authorizations.list', { expiringBefore: '2026-12-10' })).toEqual([]);
  });

  it('counts the sessions used from booked sessions', async () => {
    await b.ok('suites.create', { name: 'Suite 1' });
    const rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
    await b.ok('shifts.setWeekly', {
      staffId: rn,
      shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 })),
    });
    const templateId = (await b.ok('series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
    const auth = await b.ok('authorizations.create', { patientId: ana, ...approved('2026-11-27', '2027-01-31', 8) });
    const r = await b.ok('series.propose', { patientId: ana, templateId, authorizationId: auth.id });
    await b.ok('series.book', { patientId: ana, templateId, authorizationId: auth.id, sessions: r.proposals[0]!.sessions });

    const [item] = await b.ok('authorizations.list', { status: ['approved'] });
    expect(item).toMatchObject({ id: auth.id, approvedSessions: 8, sessionsUsed: 6 });
  });

  it('leaves out the authorizations of a removed patient', async () => {
    await b.ok('authorizations.create', { patientId: luis, status: 'pending' });
    const p = await b.ok('patients.get', { id: luis });
    await b.ok('patients.remove', { id: luis, expectedVersion: p.version });
    expect(await b.ok('authorizations.list', {})).toEqual([]);
  });

  it('words an end before the start with the dates as the desk writes them', async () => {
    expect(await b.fail('authorizations.create', { patientId: ana, ...approved('2026-12-31', '2026-12-01') })).toMatchObject({
      code: 'VALIDATION',
      field: 'endDate',
      message: 'The last day covered (12/01/2026) is before the first day covered (12/31/2026).',
    });
  });

  it('refuses an unknown status or a date that is not a date, in plain words', async () => {
    expect(await b.fail('authorizations.list', { status: ['approvd'] })).toMatchObject({ code: 'VALIDATION', message: 'Choose a status from the list.' });
    expect(await b.fail('authorizations.list', { expiringBefore: '2026-02-30' })).toMatchObject({
      code: 'VALIDATION',
      field: 'expiringBefore',
      message: 'Enter the date they expire before as a real date (YYYY-MM-DD).',
    });
  });
});
