/** authorizations.list: the work list across patients (waiting for a decision, ending soon, ended), a page at a time. */
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

    const all = (await b.ok('authorizations.list', {})).rows;
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

    const waiting = (await b.ok('authorizations.list', { status: ['draft', 'submitted', 'pending'] })).rows;
    expect(waiting.map((a) => a.id).sort()).toEqual([pending.id, submitted.id].sort());

    const ending = (await b.ok('authorizations.list', { status: ['approved'], expiringBefore: '2026-12-28' })).rows;
    expect(ending.map((a) => a.id)).toEqual([soon.id]);
    // The end date is the last day covered: an end on the given day is not "before" it.
    expect((await b.ok('authorizations.list', { expiringBefore: '2026-12-10' })).rows).toEqual([]);
  });

  it('keeps approvals that ended before today out of "ending soon": they are their own list', async () => {
    // 200 approvals that ended years ago used to fill "ending within 30 days" and hide the new one.
    for (let i = 0; i < 30; i++) await b.ok('authorizations.create', { patientId: i % 2 ? ana : luis, ...approved('2023-01-01', '2023-06-30') });
    const fresh = await b.ok('authorizations.create', { patientId: ana, authNumber: 'NEW', ...approved('2026-11-01', '2026-12-15') });

    const ending = await b.ok('authorizations.list', { status: ['approved'], endingFrom: '2026-11-27', expiringBefore: '2026-12-28' });
    expect(ending.rows.map((a) => a.id)).toEqual([fresh.id]);
    expect(ending.total).toBe(1);

    const ended = await b.ok('authorizations.list', { status: ['approved', 'expired'], expiringBefore: '2026-11-27' });
    expect(ended.total).toBe(30);
    expect(ended.rows.every((a) => a.endDate === '2023-06-30')).toBe(true);
  });

  it('pages: limit rows after offset, with the total that match', async () => {
    const ids: string[] = [];
    for (let d = 1; d <= 12; d++) ids.push((await b.ok('authorizations.create', { patientId: ana, ...approved('2026-11-01', `2026-12-${String(d).padStart(2, '0')}`) })).id);
    const first = await b.ok('authorizations.list', { status: ['approved'], limit: 5 });
    expect(first).toMatchObject({ total: 12, offset: 0 });
    expect(first.rows.map((a) => a.id)).toEqual(ids.slice(0, 5));
    const third = await b.ok('authorizations.list', { status: ['approved'], limit: 5, offset: 10 });
    expect(third).toMatchObject({ total: 12, offset: 10 });
    expect(third.rows.map((a) => a.id)).toEqual(ids.slice(10));
    // 25 a page unless asked otherwise.
    expect((await b.ok('authorizations.list', {})).rows).toHaveLength(12);
    expect(await b.fail('authorizations.list', { offset: -1 })).toMatchObject({ code: 'VALIDATION' });
  });

  it('counts as used only the sessions given; booked ones apart; cancelled and no-shows neither', async () => {
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

    const [item] = (await b.ok('authorizations.list', { status: ['approved'] })).rows;
    // Booked, none given yet: nothing of the approval is used.
    expect(item).toMatchObject({ id: auth.id, approvedSessions: 8, sessionsUsed: 0, sessionsBooked: 6 });

    // Session 1 given (discharged), 2 cancelled, 3 a no-show, 4-6 still booked.
    const ids = b.store.sqlite
      .prepare(`SELECT s.id FROM infusion_sessions s JOIN infusion_series r ON r.id = s.series_id WHERE r.authorization_id = ? ORDER BY s.starts_at`)
      .pluck()
      .all(auth.id) as string[];
    const set = b.store.sqlite.prepare(`UPDATE infusion_sessions SET status = ? WHERE id = ?`);
    set.run('discharged', ids[0]);
    set.run('cancelled', ids[1]);
    set.run('no_show', ids[2]);
    const [after] = (await b.ok('authorizations.list', { status: ['approved'] })).rows;
    expect(after).toMatchObject({ sessionsUsed: 1, sessionsBooked: 3 });
    expect((await b.ok('authorizations.listForPatient', { patientId: ana }))[0]).toMatchObject({ sessionsUsed: 1, sessionsBooked: 3 });
  });

  it('leaves out the authorizations of a removed patient', async () => {
    await b.ok('authorizations.create', { patientId: luis, status: 'pending' });
    const p = await b.ok('patients.get', { id: luis });
    await b.ok('patients.remove', { id: luis, expectedVersion: p.version });
    expect((await b.ok('authorizations.list', {})).rows).toEqual([]);
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
