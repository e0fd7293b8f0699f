import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
let patient: string;
const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  b = tempBackend({ now: () => Date.UTC(2026, 5, 3, 15) });
  patient = (await b.ok('patients.create', validPatient)).id;
});
afterEach(() => b.dispose());

const approved = {
  authNumber: '12345',
  status: 'approved' as const,
  approvedSessions: 6,
  startDate: '2026-12-01',
  endDate: '2026-12-31',
  cptCodes: ['96365', '96366'],
  icd10Codes: ['G90.512'],
};

describe('authorizations', () => {
  it('creates, updates and lists with sessions used derived', async () => {
    const a = await b.ok('authorizations.create', { patientId: patient, ...approved });
    expect(a).toMatchObject({ ...approved, sessionsUsed: 0, version: 1 });
    const u = await b.ok('authorizations.update', { id: a.id, approvedSessions: 10, expectedVersion: 1 });
    expect(u).toMatchObject({ approvedSessions: 10, version: 2 });
    expect(await b.ok('authorizations.listForPatient', { patientId: patient })).toHaveLength(1);
  });

  it('refuses an end date before the start date, saving nothing', async () => {
    const before = [count('authorizations'), count('change_log')];
    const e = await b.fail('authorizations.create', { patientId: patient, ...approved, startDate: '2026-12-31', endDate: '2026-12-01' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'endDate' });
    expect([count('authorizations'), count('change_log')]).toEqual(before);
  });

  it('refuses approval without sessions or dates', async () => {
    const a = await b.ok('authorizations.create', { patientId: patient, status: 'submitted', authNumber: '1' });
    const before = count('change_log');
    const e = await b.fail('authorizations.update', { id: a.id, status: 'approved' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'approvedSessions' });
    expect(count('change_log')).toBe(before);
  });
});
