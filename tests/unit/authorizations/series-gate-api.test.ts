import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow, type WriteContext } from '../../../src-main/backend/db/mutate';
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
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  suite = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  patient = (await b.ok('patients.create', validPatient)).id;
  w = { db: b.store.db, sqlite: b.store.sqlite, clock: loadDeviceClock(b.store.sqlite, () => NOW), userId: null, now: () => NOW };
});
afterEach(() => b.dispose());

function series(authorizationId: string, sessions: [string, string][], status = 'planned') {
  const r = insertRow(w, infusionSeries, { patientId: patient, templateSnapshot: { name: 'Series' }, status, selfPay: false, authorizationId });
  sessions.forEach(([date, st], i) => {
    const startsAt = at(date, '08:00');
    insertRow(w, infusionSessions, {
      seriesId: r.id, patientId: patient, seq: i + 1, suiteId: suite, supervisorId: null, startsAt, infusionStartsAt: startsAt + 30 * MIN,
      recoveryStartsAt: startsAt + 270 * MIN, endsAt: startsAt + 330 * MIN, status: st, statusTimes: {}, checklist: {},
    });
  });
  return r.id;
}
const booked = (dates: string[]) => dates.map((d) => [d, 'scheduled'] as [string, string]);
const SIX = ['2026-12-01', '2026-12-03', '2026-12-07', '2026-12-09', '2026-12-11', '2026-12-14'];

async function decided(to: 'approved' | 'partially_approved', approvedSessions: number, authNumber = 'AUTH-4', startDate = '2026-12-01') {
  const id = (await b.ok('authorizations.create', { patientId: patient, status: 'draft' })).id;
  await b.ok('authorizations.changeStatus', {
    id, to: 'submitted', patch: { submissionRoute: 'fax', requestedSessions: 6, requestedStartDate: '2026-12-01', requestedEndDate: '2026-12-31' },
  });
  await b.ok('authorizations.changeStatus', { id, to, patch: { authNumber, approvedSessions, startDate, endDate: '2026-12-31' } });
  return id;
}

describe('the series gate with the lifecycle', () => {
  it('an approval for fewer sessions than the series needs keeps the gate closed and says so; nothing changes', async () => {
    const auth = await decided('approved', 4);
    const id = series(auth, booked(SIX));
    const view = await b.ok('series.get', { seriesId: id });
    expect(view.coverage).toMatchObject({ covered: false, label: 'Not fully covered by auth AUTH-4: 4 of 6 sessions, 12/01-12/31; approved for 4 sessions; the series needs 6' });
    const before = count('change_log');
    const e = await b.fail('series.confirm', { seriesId: id });
    expect(e.message).toContain('approved for 4 sessions; the series needs 6');
    expect(count('change_log')).toBe(before);
  });

  it('a partial approval opens the gate for the sessions and dates it gives', async () => {
    const auth = await decided('partially_approved', 4);
    const fits = series(auth, booked(SIX.slice(0, 4)));
    const ok = await b.ok('series.confirm', { seriesId: fits });
    expect(ok).toMatchObject({ status: 'active', coverage: { covered: true, label: 'Covered by auth AUTH-4 (partly approved): 4 of 4 sessions, 12/01-12/31' } });
    // The four are held by the first series: a second one is refused in the same words.
    const more = series(auth, booked(['2026-12-16']));
    expect((await b.fail('series.confirm', { seriesId: more })).message).toContain('approved for 4 sessions, 4 of them held by other series; the series needs 1');
  });

  it('an authorization still waiting on the payer keeps the gate closed in words', async () => {
    const id = (await b.ok('authorizations.create', { patientId: patient, status: 'draft' })).id;
    await b.ok('authorizations.changeStatus', { id, to: 'submitted', patch: { submissionRoute: 'portal' } });
    const e = await b.fail('series.confirm', { seriesId: series(id, booked(SIX)) });
    expect(e.message).toContain('Not covered: the authorization is sent to payer');
  });

  it('only sessions given use units up: cancelled and no-show count nothing', async () => {
    const auth = await decided('approved', 3, 'AUTH-3');
    series(auth, [['2026-11-02', 'discharged'], ['2026-11-04', 'cancelled'], ['2026-11-06', 'no_show']], 'active');
    const [a] = await b.ok('authorizations.listForPatient', { patientId: patient });
    expect(a).toMatchObject({ sessionsUsed: 1, sessionsBooked: 0 });
    // Two of three are left: a two-session series is covered, a three-session one is not.
    expect((await b.ok('series.confirm', { seriesId: series(auth, booked(SIX.slice(0, 2))) })).coverage.covered).toBe(true);
    const [after] = await b.ok('authorizations.listForPatient', { patientId: patient });
    expect(after).toMatchObject({ sessionsUsed: 1, sessionsBooked: 2 });
    const e = await b.fail('series.confirm', { seriesId: series(auth, booked(SIX.slice(2, 3))) });
    expect(e.message).toContain('approved for 3 sessions, 3 of them held by other series; the series needs 1');
  });

  it('two overlapping authorizations (drug and administration) are each consumed on their own', async () => {
    const drug = await decided('approved', 4, 'DRUG-J3490', '2026-11-01');
    const admin = await decided('approved', 4, 'ADMIN-96365', '2026-11-01');
    const first = series(drug, [['2026-11-02', 'discharged'], ...booked(SIX.slice(0, 3))]);
    const second = series(admin, [['2026-11-03', 'discharged'], ['2026-11-05', 'no_show'], ...booked(SIX.slice(3, 6))]);
    expect((await b.ok('series.confirm', { seriesId: first })).coverage.covered).toBe(true);
    expect((await b.ok('series.confirm', { seriesId: second })).coverage.covered).toBe(true);
    const tallies = (await b.ok('authorizations.listForPatient', { patientId: patient })).map((a) => [a.authNumber, a.sessionsUsed, a.sessionsBooked]);
    expect(tallies).toEqual([['DRUG-J3490', 1, 3], ['ADMIN-96365', 1, 3]]);
  });
});
