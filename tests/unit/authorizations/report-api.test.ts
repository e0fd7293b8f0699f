import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { median, percentile } from '../../../src-shared/domain/authorizations/report';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time = '10:00') => zonedToInstant(ZONE, date, time);
const NOW = at('2026-11-20');

let b: TestBackend;
let aetna: string;
let cigna: string;
let patient: string;

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  patient = (await b.ok('patients.create', validPatient)).id;
  aetna = (await b.ok('payers.create', { name: 'Aetna' })).id;
  cigna = (await b.ok('payers.create', { name: 'Cigna' })).id;
});
afterEach(() => b.dispose());

/** A request submitted on one day and decided on another, through the lifecycle (real rows and history). */
async function request(payerId: string, submitted: string, decided: string, to: 'approved' | 'partially_approved' | 'denied', denial: Record<string, string> = {}) {
  const id = (await b.ok('authorizations.create', { patientId: patient, payerId, status: 'draft' })).id;
  await b.ok('authorizations.changeStatus', { id, to: 'submitted', at: at(submitted), patch: { submissionRoute: 'portal', requestedSessions: 6 } });
  const patch =
    to === 'denied'
      ? { denialDate: decided, denialReason: 'Investigational', ...denial }
      : { authNumber: `N-${decided}`, approvedSessions: to === 'approved' ? 6 : 4, startDate: '2026-12-01', endDate: '2026-12-31' };
  await b.ok('authorizations.changeStatus', { id, to, at: at(decided), patch });
  return id;
}

describe('authorizations.report', () => {
  it('denial rates, reasons, policies and days to decision, measured on the history', async () => {
    // Aetna: 3 decisions in October, 2 denied; days to decision 4, 10, 20.
    await request(aetna, '2026-10-01', '2026-10-05', 'denied', { denialCode: 'INV', denialPolicy: 'CPB 0447' });
    const appealed = await request(aetna, '2026-10-02', '2026-10-12', 'denied', { denialCode: 'INV', denialPolicy: 'CPB 0447' });
    await request(aetna, '2026-10-03', '2026-10-23', 'approved');
    // Cigna: 2 decisions, one partial; days 7 and 8. One decided in November: outside the period.
    await request(cigna, '2026-10-10', '2026-10-17', 'partially_approved');
    await request(cigna, '2026-10-20', '2026-10-28', 'denied', { denialReason: 'Not medically necessary', denialPolicy: '=HYPERLINK("x")' });
    await request(cigna, '2026-11-01', '2026-11-05', 'denied');
    // The appeal that later won does not turn the first decision into an approval.
    await b.ok('authorizations.changeStatus', { id: appealed, to: 'appealed', patch: { appealFiledDate: '2026-10-20' } });
    await b.ok('authorizations.changeStatus', { id: appealed, to: 'approved', patch: { authNumber: 'WON', approvedSessions: 6, startDate: '2026-11-01', endDate: '2026-11-30' } });

    const r = await b.ok('authorizations.report', { from: '2026-10-01', to: '2026-10-31' });
    expect([r.decided, r.denied]).toEqual([5, 3]);
    expect(r.byPayer.map((p) => [p.payerName, p.decided, p.approved, p.partiallyApproved, p.denied])).toEqual([
      ['Aetna', 3, 1, 0, 2],
      ['Cigna', 2, 0, 1, 1],
    ]);
    expect(r.byPayer[0]!.text).toBe('Aetna: 2 of 3 denied (67%)');
    expect(r.byPayer[1]!.text).toBe('Cigna: 1 of 2 denied (50%), 1 partly approved');
    expect(r.byReason.map((g) => [g.label, g.count])).toEqual([['INV: Investigational', 2], ['Not medically necessary', 1]]);
    expect(r.byPolicy.map((g) => [g.label, g.count])).toEqual([['CPB 0447', 2], ['=HYPERLINK("x")', 1]]);
    expect(r.turnaroundByPayer.map((t) => [t.payerName, t.decisions, t.medianDays, t.p90Days])).toEqual([
      ['Aetna', 3, 10, 20],
      ['Cigna', 2, 7.5, 8],
    ]);
    // Approvals ending in November: the one won on appeal.
    const nov = await b.ok('authorizations.report', { from: '2026-11-01', to: '2026-11-30' });
    expect(nov.expiring.map((e) => [e.authNumber, e.endDate, e.text])).toEqual([['WON', '2026-11-30', 'Authorization WON ends 11/30/2026: 0 given, 0 booked, 6 left of 6']]);
    expect([nov.decided, nov.denied]).toEqual([1, 1]);
  });

  it('CSV: documented columns, formulas defused, patient names only for a role that reads patients', async () => {
    await request(cigna, '2026-10-20', '2026-10-28', 'denied', { denialReason: 'Not medically necessary, "per policy"', denialPolicy: '=HYPERLINK("x")' });
    const desk = await b.signedInAs('front_desk');
    const csv = await desk.invoke('authorizations.reportCsv', { from: '2026-10-01', to: '2026-10-31' });
    if (!csv.ok) throw new Error(JSON.stringify(csv.error));
    const out = csv.result as { text: string; count: number; withPatients: boolean; fileName: string };
    const lines = out.text.split('\r\n');
    expect(lines[0]).toBe(
      'authorization_id,patient_name,patient_mrn,payer,rule_set,auth_number,first_decision,submitted_date,decision_date,days_to_decision,denial_code,denial_reason,denial_policy,requested_sessions,approved_sessions,status_now',
    );
    expect(out).toMatchObject({ count: 1, withPatients: true, fileName: 'authorization-decisions-2026-10-01-to-2026-10-31.csv' });
    expect(lines[1]).toContain(',Ana Ramirez,');
    expect(lines[1]).toContain(',Cigna,,,denied,2026-10-20,2026-10-28,8,,"Not medically necessary, ""per policy""","\'=HYPERLINK(""x"")",6,,denied');

    // A role with schedule.read but not patients.read: the same rows without name or MRN.
    await b.ok('roles.update', { role: 'nurse', permissions: ['clinic.read', 'schedule.read', 'board.read'] } as never);
    const nurse = await b.signedInAs('nurse');
    const plain = await nurse.invoke('authorizations.reportCsv', { from: '2026-10-01', to: '2026-10-31' });
    if (!plain.ok) throw new Error(JSON.stringify(plain.error));
    const p = plain.result as { text: string; withPatients: boolean };
    expect(p.withPatients).toBe(false);
    expect(p.text).not.toContain('Ramirez');
    expect(p.text.split('\r\n')[1]).toMatch(/^[0-9a-f-]{36},,,Cigna,/);
  });

  it('refuses a period that ends before it starts', async () => {
    const e = await b.fail('authorizations.report', { from: '2026-10-31', to: '2026-10-01' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'to', message: 'The last day of the period is before its first day.' });
    expect((await b.fail('authorizations.reportCsv', { from: 'yesterday', to: '2026-10-01' })).message).toMatch(/first day of the period as a real date/);
  });
});

describe('median and p90', () => {
  it('median of odd and even counts; nearest-rank p90', () => {
    expect(median([4, 20, 10])).toBe(10);
    expect(median([8, 7])).toBe(7.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
  });
});
