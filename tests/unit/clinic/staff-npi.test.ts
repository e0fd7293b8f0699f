/**
 * The ordering provider's NPI: the check digit (Luhn over 80840 + the first 9 digits) refused
 * in words by the staff API, nothing saved; a valid one reaches the authorization request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { npiCheckDigit, npiProblem } from '../../../src-shared/domain/npi';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

describe('NPI check digit (pure)', () => {
  it.each([
    ['1234567893', null],
    ['1245319599', null],
    ['1234-567-893', null],
    [' 1234 567 893 ', null],
    ['1234567890', 'This NPI’s check digit (the last one) does not match: it is probably mistyped. Check it on NPPES.'],
    ['123456789', 'An NPI has 10 digits; this one has 9.'],
    ['12345678931', 'An NPI has 10 digits; this one has 11.'],
    ['12345A7893', 'An NPI has only digits (10 of them).'],
    ['3234567890', 'An NPI starts with 1 (a person) or 2 (an organization). Check it on NPPES.'],
  ])('%s', (npi, problem) => {
    expect(npiProblem(npi)).toBe(problem);
  });

  it('computes the check digit of the CMS worked example (123456789 → 3)', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
  });
});

let b: TestBackend;
beforeEach(() => {
  b = tempBackend();
});
afterEach(() => b.dispose());

describe('staff NPI through the API', () => {
  it('saves a valid NPI (spaces and dashes dropped), clears it with blank, and keeps it when a save does not send it', async () => {
    const s = await b.ok('staff.create', { name: 'Dr. Mara Quint', role: 'anesthesiologist', npi: '1234-567-893' });
    expect(s.npi).toBe('1234567893');
    const toggled = await b.ok('staff.update', { id: s.id, expectedVersion: s.version, name: s.name, role: s.role, active: false });
    expect(toggled.npi).toBe('1234567893');
    const cleared = await b.ok('staff.update', { id: s.id, expectedVersion: toggled.version, name: s.name, role: s.role, active: false, npi: '' });
    expect(cleared.npi).toBeNull();
  });

  it('refuses a mistyped NPI beside the field, in words, and changes nothing', async () => {
    const s = await b.ok('staff.create', { name: 'Dr. Mara Quint', role: 'anesthesiologist', npi: '1234567893' });
    const e = await b.fail('staff.update', { id: s.id, expectedVersion: s.version, name: s.name, role: s.role, active: true, npi: '1234567894' });
    expect(e).toMatchObject({
      code: 'VALIDATION',
      field: 'npi',
      message: 'This NPI’s check digit (the last one) does not match: it is probably mistyped. Check it on NPPES.',
    });
    const e2 = await b.fail('staff.create', { name: 'Dr. Other', role: 'physician', npi: '12345' });
    expect(e2).toMatchObject({ code: 'VALIDATION', field: 'npi', message: 'An NPI has 10 digits; this one has 5.' });
    const staff = await b.ok('staff.list', {});
    expect(staff.map((x) => [x.name, x.npi])).toEqual([['Dr. Mara Quint', '1234567893']]);
  });

  it('gives the authorization request its ordering provider’s NPI', async () => {
    const patient = (await b.ok('patients.create', validPatient)).id;
    const payer = (await b.ok('payers.create', { name: 'Blue Lake Health' })).id;
    const s = await b.ok('staff.create', { name: 'Dr. Mara Quint', role: 'anesthesiologist' });
    const a = await b.ok('authorizations.createRequest', { patientId: patient, payerId: payer, orderingProviderId: s.id, requestedSessions: 6 });
    expect((await b.ok('authorizations.get', { id: a.id })).orderingProviderNpi).toBeNull();
    await b.ok('staff.update', { id: s.id, expectedVersion: s.version, name: s.name, role: s.role, active: true, npi: '1245319599' });
    expect((await b.ok('authorizations.get', { id: a.id })).orderingProviderNpi).toBe('1245319599');
  });
});
