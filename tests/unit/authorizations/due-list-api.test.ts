import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dueListComputations } from '../../../src-main/backend/authorizations/due-list';
import { insertRow, updateRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-11-20', '10:00');
const MIN = 60_000;

let b: TestBackend;
let w: WriteContext;
let suite: string;
let patient: string;
let other: string;
let payer: string;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  suite = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  patient = (await b.ok('patients.create', validPatient)).id;
  other = (await b.ok('patients.create', { ...validPatient, firstName: 'Ben', lastName: 'Okafor', phone: '(312) 555-0199', email: 'ben@example.com' })).id;
  payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
  w = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => NOW), userId: null, now: () => NOW };
});
afterEach(() => b.dispose());

/** A series under the authorization with sessions on these dates and statuses. */
function series(patientId: string, authorizationId: string | null, sessions: [string, string][], selfPay = false) {
  const r = insertRow(w, infusionSeries, { patientId, templateSnapshot: { name: '6 over 2 weeks' }, status: 'active', selfPay, authorizationId });
  sessions.forEach(([date, status], i) => {
    const startsAt = at(date, '08:00');
    insertRow(w, infusionSessions, {
      seriesId: r.id, patientId, seq: i + 1, suiteId: suite, supervisorId: null, startsAt, infusionStartsAt: startsAt + 30 * MIN,
      recoveryStartsAt: startsAt + 270 * MIN, endsAt: startsAt + 330 * MIN, status, statusTimes: {}, checklist: {},
    });
  });
}

async function approved(patientId: string, authNumber: string, endDate: string) {
  return (await b.ok('authorizations.create', { patientId, payerId: payer, authNumber, status: 'approved', approvedSessions: 6, startDate: '2026-11-01', endDate })).id;
}

async function submitted(patientId: string, when: number) {
  const id = (await b.ok('authorizations.create', { patientId, payerId: payer, status: 'draft' })).id;
  await b.ok('authorizations.changeStatus', { id, to: 'submitted', at: when, patch: { submissionRoute: 'portal' } });
  return id;
}

describe('authorizations.due', () => {
  it('lists decisions, peer-to-peer windows and expiry warnings soonest first, with days left and words', async () => {
    const late = await submitted(patient, at('2026-11-02', '09:30')); // decision expected 11/17: 3 days overdue
    const denied = await submitted(other, at('2026-11-05', '11:00'));
    await b.ok('authorizations.changeStatus', { id: denied, to: 'denied', patch: { denialDate: '2026-11-18', denialReason: 'Investigational' } });
    const ending = await approved(patient, 'A-10', '2026-11-30'); // 10 days left, a session booked after it
    series(patient, ending, [['2026-11-23', 'scheduled'], ['2026-12-02', 'scheduled']]);
    const quiet = await approved(other, 'A-11', '2026-11-26'); // after it only cancelled, no-show, and a self-pay series
    series(other, quiet, [['2026-11-24', 'discharged'], ['2026-11-30', 'cancelled'], ['2026-12-01', 'no_show']]);
    series(other, null, [['2026-12-03', 'scheduled']], true);

    const page = await b.ok('authorizations.due', {});
    expect(page.today).toBe('2026-11-20');
    expect(page.rows.map((r) => [r.authorizationId, r.kind, r.dueDate, r.daysLeft, r.overdue])).toEqual([
      [late, 'decision', '2026-11-17', -3, true],
      [denied, 'p2p', '2026-11-25', 5, false],
      [ending, 'expiry', '2026-11-30', 10, false],
    ]);
    expect(page.rows[0]!.text).toBe('Decision expected from Blue Lake Health by 11/17/2026 (sent 11/02/2026): 3 days overdue');
    expect(page.rows[1]).toMatchObject({ patientName: 'Ben Okafor', text: 'Peer-to-peer window with Blue Lake Health closes 11/25/2026 (denied 11/18/2026): due in 5 days' });
    expect(page.rows[2]).toMatchObject({
      warningDays: 14,
      sessionsBookedAfter: 1,
      text: 'Authorization A-10 ends in 10 days (11/30/2026) with 1 session booked after it (first 12/02/2026): request a renewal or move it',
    });

    // The appeal (due 05/17/2027) comes within a longer horizon; a 7-day warning only leaves the expiry out.
    const year = await b.ok('authorizations.due', { withinDays: 365, kinds: ['appeal'] });
    expect(year.rows.map((r) => [r.kind, r.dueDate, r.daysLeft])).toEqual([['appeal', '2027-05-17', 178]]);
    expect((await b.ok('authorizations.due', { expiryWarningDays: [7] })).rows.map((r) => r.kind)).toEqual(['decision', 'p2p']);

    // One chart's, and a page at a time.
    expect((await b.ok('authorizations.due', { patientId: other })).rows.map((r) => r.kind)).toEqual(['p2p']);
    const second = await b.ok('authorizations.due', { limit: 1, offset: 1 });
    expect([second.total, second.rows.map((r) => r.kind)]).toEqual([3, ['p2p']]);

    // Booking the peer-to-peer call closes that item; filing the appeal closes the appeal.
    await b.ok('authorizations.changeStatus', { id: denied, to: 'p2p_requested' });
    await b.ok('authorizations.changeStatus', { id: denied, to: 'p2p_scheduled', patch: { p2pScheduledAt: at('2026-11-24', '13:00') } });
    await b.ok('authorizations.changeStatus', { id: denied, to: 'appealed', patch: { appealFiledDate: '2026-11-20' } });
    expect((await b.ok('authorizations.due', { withinDays: 365, patientId: other })).rows).toEqual([]);
  });

  it('an approval ending in 5 days warns at 7; one already ended with sessions booked is overdue', async () => {
    const soon = await approved(patient, 'S-1', '2026-11-25');
    series(patient, soon, [['2026-11-27', 'scheduled'], ['2026-11-30', 'scheduled']]);
    const ended = await approved(other, 'E-1', '2026-11-18');
    series(other, ended, [['2026-11-23', 'scheduled']]);
    const rows = (await b.ok('authorizations.due', { kinds: ['expiry'] })).rows;
    expect(rows.map((r) => [r.authNumber, r.warningDays, r.daysLeft, r.overdue, r.sessionsBookedAfter])).toEqual([
      ['E-1', 7, -2, true, 1],
      ['S-1', 7, 5, false, 2],
    ]);
    expect(rows[0]!.text).toBe('Authorization E-1 ended 2 days ago (11/18/2026) with 1 session booked after it (first 11/23/2026): request a renewal or move it');
  });

  it('is kept through writes it does not read, and sees at once a session given, a corrected name and a new request', async () => {
    const soon = await approved(patient, 'S-1', '2026-11-25');
    series(patient, soon, [['2026-11-27', 'scheduled'], ['2026-11-30', 'scheduled']]);
    const first = (await b.ok('authorizations.due', { kinds: ['expiry'] })).rows;
    expect(first.map((r) => [r.authNumber, r.sessionsBookedAfter, r.patientName])).toEqual([['S-1', 2, 'Ana Ramirez']]);
    const computed = dueListComputations();
    // A phone number typed on another chart: the kept list answers.
    await b.ok('patients.update', { id: other, expectedVersion: 1, fields: { ...validPatient, firstName: 'Ben', lastName: 'Okafor', phone: '(312) 555-0142', email: 'ben@example.com' } });
    expect((await b.ok('authorizations.due', { kinds: ['expiry'] })).rows).toEqual(first);
    expect(dueListComputations()).toBe(computed);
    // One of the sessions after the end is cancelled: one left.
    const s1 = b.store.sqlite.prepare(`SELECT id FROM infusion_sessions WHERE patient_id = ? ORDER BY starts_at LIMIT 1`).pluck().get(patient) as string;
    updateRow(w, infusionSessions, s1, { status: 'cancelled' }, { what: 'This session' });
    expect((await b.ok('authorizations.due', { kinds: ['expiry'] })).rows.map((r) => r.sessionsBookedAfter)).toEqual([1]);
    // The patient's name corrected: the row says the new one.
    await b.ok('patients.update', { id: patient, expectedVersion: 1, fields: { ...validPatient, firstName: 'Anna' } });
    expect((await b.ok('authorizations.due', { kinds: ['expiry'] })).rows.map((r) => r.patientName)).toEqual(['Anna Ramirez']);
    // A request sent on another chart shows under its own kind.
    await submitted(other, at('2026-11-02', '09:30'));
    expect((await b.ok('authorizations.due', {})).rows.map((r) => r.kind)).toEqual(['decision', 'expiry']);
    expect(dueListComputations()).toBe(computed + 3);
  });

  it("filters by payer: only that payer's requests, counted apart", async () => {
    const mine = await submitted(patient, at('2026-11-02', '09:30'));
    const otherPayer = (await b.ok('payers.create', { name: 'Cedar Mutual' })).id;
    const theirs = (await b.ok('authorizations.create', { patientId: other, payerId: otherPayer, status: 'draft' })).id;
    await b.ok('authorizations.changeStatus', { id: theirs, to: 'submitted', at: at('2026-11-03', '09:30'), patch: { submissionRoute: 'fax' } });
    expect((await b.ok('authorizations.due', {})).total).toBe(2);
    const blue = await b.ok('authorizations.due', { payerId: payer });
    expect([blue.total, blue.rows.map((r) => [r.authorizationId, r.payerName])]).toEqual([1, [[mine, 'Blue Lake Health']]]);
    const cedar = await b.ok('authorizations.due', { payerId: otherPayer });
    expect(cedar.rows.map((r) => r.authorizationId)).toEqual([theirs]);
    expect((await b.fail('authorizations.due', { payerId: 'nope' })).code).toBe('VALIDATION');
  });

  it('refuses bad input in words', async () => {
    let e = await b.fail('authorizations.due', { kinds: ['soon'] });
    expect(e.message).toMatch(/Choose what is due from the list/);
    e = await b.fail('authorizations.due', { withinDays: 1000 });
    expect(e.message).toBe('Look at most 365 days ahead.');
    e = await b.fail('authorizations.due', { expiryWarningDays: [0] });
    expect(e.message).toBe('A warning comes at least 1 day before the end.');
  });
});
