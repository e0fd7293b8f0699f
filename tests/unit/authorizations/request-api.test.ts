import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
let patient: string;
let payer: string;
let coverage: string;
let provider: string;

beforeEach(async () => {
  b = tempBackend();
  patient = (await b.ok('patients.create', validPatient)).id;
  payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
  coverage = (
    await b.ok('patients.addCoverage', { patientId: patient, fields: { payerId: payer, memberId: 'BLH-4471', groupNumber: 'G-200', priority: 'primary' } })
  ).id;
  provider = (await b.ok('staff.create', { name: 'Dr. Mara Quint', role: 'anesthesiologist' })).id;
});
afterEach(() => b.dispose());

describe('authorization requests', () => {
  it('creates a draft from the coverage (member and group id copied) and reads it back with names', async () => {
    const a = await b.ok('authorizations.createRequest', {
      patientId: patient,
      coverageId: coverage,
      diagnosisGroup: 'crps',
      requestedSessions: 6,
      requestedStartDate: '2027-01-04',
      requestedEndDate: '2027-01-29',
      serviceLines: [
        { code: '96365', system: 'CPT', unitsPerSession: 1 },
        { code: 'j3490', system: 'HCPCS', unitsPerSession: 1, description: 'Ketamine <script>“x”</script>' },
      ],
      orderingProviderId: provider,
      submissionRoute: 'fax',
      expedited: true,
    });
    expect(a).toMatchObject({ status: 'draft', payerId: payer, memberId: 'BLH-4471', groupNumber: 'G-200', requestedSessions: 6, expedited: true });
    expect(a.serviceLines?.[1]).toEqual({ code: 'J3490', system: 'HCPCS', unitsPerSession: 1, description: 'Ketamine <script>“x”</script>' });
    const d = await b.ok('authorizations.get', { id: a.id });
    expect(d).toMatchObject({ patientName: 'Ana Ramirez', payerName: 'Blue Lake Health', orderingProviderName: 'Dr. Mara Quint', orderingProviderNpi: null });
  });

  it('starts the history: the request is recorded as a draft, with who wrote it', async () => {
    const desk = await b.signedInAs('front_desk', 'Dana Desk');
    const r = await desk.invoke('authorizations.createRequest', { patientId: patient, coverageId: coverage, requestedSessions: 6 });
    expect(r.ok).toBe(true);
    const id = (r as { ok: true; result: { id: string } }).result.id;
    const history = await b.ok('authorizations.history', { id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fromStatus: null, toStatus: 'draft', byName: 'Dana Desk', note: 'Recorded' });
  });

  it('refuses dates out of order and a request with no payer, naming the field, and changes nothing', async () => {
    const before = (await b.ok('authorizations.listForPatient', { patientId: patient })).length;
    const e1 = await b.fail('authorizations.createRequest', { patientId: patient, payerId: payer, requestedStartDate: '2027-01-10', requestedEndDate: '2027-01-02' });
    expect(e1).toMatchObject({ code: 'VALIDATION', field: 'requestedEndDate' });
    expect(e1.message).toContain('01/02/2027');
    const e2 = await b.fail('authorizations.createRequest', { patientId: patient });
    expect(e2).toMatchObject({ code: 'VALIDATION', field: 'payerId' });
    expect((await b.ok('authorizations.listForPatient', { patientId: patient })).length).toBe(before);
    expect((b.store.sqlite.prepare('SELECT count(*) AS n FROM authorization_events').get() as { n: number }).n).toBe(0);
  });

  it('edits a draft; once submitted the request is refused and stays as sent', async () => {
    const a = await b.ok('authorizations.createRequest', { patientId: patient, payerId: payer, requestedSessions: 6 });
    const u = await b.ok('authorizations.updateRequest', { id: a.id, expectedVersion: a.version, requestedSessions: 8, memberId: 'M-2' });
    expect(u).toMatchObject({ requestedSessions: 8, memberId: 'M-2' });
    await b.ok('authorizations.changeStatus', { id: a.id, to: 'submitted', patch: { submissionRoute: 'portal' } });
    const e = await b.fail('authorizations.updateRequest', { id: a.id, requestedSessions: 12 });
    expect(e.code).toBe('CONFLICT');
    expect((await b.ok('authorizations.get', { id: a.id })).requestedSessions).toBe(8);
  });
});
