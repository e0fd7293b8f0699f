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

function series(dates: string[], opts: { authorizationId?: string; selfPay?: boolean }) {
  const r = insertRow(w, infusionSeries, {
    patientId: patient,
    templateSnapshot: { name: '6 over 2 weeks' },
    status: 'planned',
    selfPay: opts.selfPay ?? false,
    authorizationId: opts.authorizationId ?? null,
  });
  dates.forEach((date, i) => {
    const startsAt = at(date, '08:00');
    insertRow(w, infusionSessions, {
      seriesId: r.id,
      patientId: patient,
      seq: i + 1,
      suiteId: suite,
      supervisorId: null,
      startsAt,
      infusionStartsAt: startsAt + 30 * MIN,
      recoveryStartsAt: startsAt + 270 * MIN,
      endsAt: startsAt + 330 * MIN,
      status: 'scheduled',
      statusTimes: {},
      checklist: {},
    });
  });
  return r.id;
}

const dec = ['2026-12-01', '2026-12-03', '2026-12-05'];

describe('the authorization gate (series.confirm)', () => {
  it('refuses a series beyond its authorization with the reasons, saving nothing; confirms once covered', async () => {
    const auth = await b.ok('authorizations.create', {
      patientId: patient, authNumber: '12345', status: 'approved', approvedSessions: 2, startDate: '2026-12-01', endDate: '2026-12-31',
    });
    const id = series(dec, { authorizationId: auth.id });
    const got = await b.ok('series.get', { seriesId: id });
    expect(got.sessions.map((s) => [s.position, s.suiteName])).toEqual([['1 of 3', 'Suite 1'], ['2 of 3', 'Suite 1'], ['3 of 3', 'Suite 1']]);
    expect(got.coverage.outside).toEqual([{ seq: 3, why: 'Beyond the 2 approved sessions of auth 12345.' }]);
    // Booked, not given: the gate counts them, the desk reads them as booked, not used.
    expect((await b.ok('authorizations.listForPatient', { patientId: patient }))[0]).toMatchObject({ sessionsUsed: 0, sessionsBooked: 3 });

    const before = count('change_log');
    const e = await b.fail('series.confirm', { seriesId: id });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/cannot be confirmed: Not fully covered by auth 12345: 2 of 3 sessions, 12\/01-12\/31; approved for 2 sessions; the series needs 3\. Session 3: Beyond the 2 approved/);
    expect(count('change_log')).toBe(before);

    await b.ok('authorizations.update', { id: auth.id, approvedSessions: 3 });
    const ok = await b.ok('series.confirm', { seriesId: id });
    expect(ok).toMatchObject({ status: 'active', coverage: { covered: true, label: 'Covered by auth 12345: 3 of 3 sessions, 12/01-12/31' } });
  });

  it('refuses a pending authorization and no authorization; self-pay confirms', async () => {
    const auth = await b.ok('authorizations.create', { patientId: patient, status: 'pending' });
    expect((await b.fail('series.confirm', { seriesId: series(dec, { authorizationId: auth.id }) })).message).toMatch(/is pending decision, not approved/);
    expect((await b.fail('series.confirm', { seriesId: series(dec, {}) })).message).toMatch(/not self-pay/);
    const paid = await b.ok('series.confirm', { seriesId: series(dec, { selfPay: true }) });
    expect(paid.coverage.label).toBe('Self-pay');
    expect((await b.ok('series.listForPatient', { patientId: patient })).map((s) => s.status)).toEqual(['planned', 'planned', 'active']);
  });
});

describe('series.cancel', () => {
  it('cancels future sessions with a history row each', async () => {
    const id = series(dec, { selfPay: true });
    const r = await b.ok('series.cancel', { seriesId: id, reason: 'Patient moved away' });
    expect(r.status).toBe('cancelled');
    expect(r.sessions.map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const h = await b.ok('sessions.history', { sessionId: r.sessions[0]!.id });
    expect(h).toEqual([expect.objectContaining({ action: 'cancelled', reason: 'Patient moved away' })]);
    expect((await b.fail('series.cancel', { seriesId: id, reason: 'again' })).message).toMatch(/already cancelled/);
  });
});
