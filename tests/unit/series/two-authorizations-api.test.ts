/**
 * A series under two authorizations, as payers that approve the drug (J3490) apart from its
 * administration (96365/96366) do: each is consumed on its own, both must cover every session,
 * and the planner keeps the series inside the tighter of the two.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDateAt, zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-11-27', '10:00');
let b: TestBackend;
let templateId: string;
let patient: string;
const count = (t: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  });
  await b.ok('suites.create', { name: 'Suite 1' });
  const rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('shifts.setWeekly', { staffId: rn, shifts: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '07:00', endTime: '18:00', maxConcurrent: 2 })) });
  templateId = (await b.ok('series.templates.list', {})).find((t) => t.sessionCount === 6 && t.windowDays === 14)!.id;
  patient = (await b.ok('patients.create', validPatient)).id;
});
afterEach(() => b.dispose());

async function approved(authNumber: string, approvedSessions: number, startDate: string, endDate: string) {
  const a = await b.ok('authorizations.create', { patientId: patient, status: 'draft' });
  await b.ok('authorizations.changeStatus', { id: a.id, to: 'submitted', patch: { submissionRoute: 'portal' } });
  await b.ok('authorizations.changeStatus', { id: a.id, to: 'approved', patch: { authNumber, approvedSessions, startDate, endDate } });
  return a.id;
}

describe('a series under two authorizations (drug and administration)', () => {
  it('books under both; each counts the six sessions on its own; the series reads both verdicts', async () => {
    const admin = await approved('ADM-1', 6, '2026-11-30', '2027-01-31');
    const drug = await approved('DRG-1', 8, '2026-11-30', '2027-01-31');
    const p = await b.ok('series.propose', { patientId: patient, templateId, authorizationId: admin, alsoAuthorizationId: drug });
    expect(p.noFit).toBeNull();
    const s = await b.ok('series.book', { patientId: patient, templateId, authorizationId: admin, alsoAuthorizationId: drug, sessions: p.proposals[0]!.sessions });
    expect(s).toMatchObject({ authorizationId: admin, alsoAuthorizationId: drug });
    expect(s.coverage.covered).toBe(true);
    expect(s.coverage.label).toBe(`Covered by auth ADM-1: 6 of 6 sessions, 11/30/2026-01/31/2027 · Covered by auth DRG-1: 6 of 6 sessions, 11/30/2026-01/31/2027`);
    const [a, d] = await Promise.all([b.ok('authorizations.get', { id: admin }), b.ok('authorizations.get', { id: drug })]);
    expect([a.sessionsBooked, a.sessionsUsed, d.sessionsBooked, d.sessionsUsed]).toEqual([6, 0, 6, 0]);
    // A cancelled session counts against neither.
    const first = s.sessions[0]!;
    await b.ok('sessions.setStatus', { sessionId: first.id, status: 'cancelled', reason: 'Patient unwell' });
    const [a2, d2] = await Promise.all([b.ok('authorizations.get', { id: admin }), b.ok('authorizations.get', { id: drug })]);
    expect([a2.sessionsBooked, d2.sessionsBooked]).toEqual([5, 5]);
  });

  it('keeps the sessions inside the tighter window: the drug approval ending first ends the series first', async () => {
    const admin = await approved('ADM-2', 6, '2026-11-30', '2027-01-31');
    const drug = await approved('DRG-2', 6, '2026-12-07', '2027-01-31');
    const p = await b.ok('series.propose', { patientId: patient, templateId, authorizationId: admin, alsoAuthorizationId: drug });
    expect(p.noFit).toBeNull();
    for (const s of p.proposals[0]!.sessions) expect(localDateAt(ZONE, s.startsAt) >= '2026-12-07').toBe(true);
  });

  it('refuses a series the second authorization has too few sessions for, saying so, and saves nothing', async () => {
    const admin = await approved('ADM-3', 6, '2026-11-30', '2027-01-31');
    const drug = await approved('DRG-3', 4, '2026-11-30', '2027-01-31');
    const self = await b.ok('series.propose', { patientId: patient, templateId, selfPay: true });
    const before = { series: count('infusion_series'), log: count('change_log') };
    const e = await b.fail('series.book', { patientId: patient, templateId, authorizationId: admin, alsoAuthorizationId: drug, sessions: self.proposals[0]!.sessions });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('One of the two authorizations has 4 sessions left; the series needs 6.');
    expect({ series: count('infusion_series'), log: count('change_log') }).toEqual(before);
  });

  it('refuses the same authorization twice and a second one that is not approved, beside the field', async () => {
    const admin = await approved('ADM-4', 6, '2026-11-30', '2027-01-31');
    const same = await b.fail('series.propose', { patientId: patient, templateId, authorizationId: admin, alsoAuthorizationId: admin });
    expect(same).toMatchObject({ code: 'VALIDATION', field: 'alsoAuthorizationId' });
    expect(same.message).toContain('same as the first');
    const waiting = (await b.ok('authorizations.create', { patientId: patient, status: 'draft' })).id;
    const e = await b.fail('series.propose', { patientId: patient, templateId, authorizationId: admin, alsoAuthorizationId: waiting });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'alsoAuthorizationId' });
    expect(e.message).toContain('not approved with sessions and dates');
  });
});
