/**
 * Bad input at the API boundary (issue 12): far dates, control characters, huge text, billing
 * code formats and negative instants are refused as VALIDATION naming the field, and nothing is saved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../../src-shared/api/contract';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
beforeEach(() => {
  b = tempBackend();
});
afterEach(() => b.dispose());

const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('9999-12-31 (accepted as a date; the day after is year 10000) is refused, not an internal error', () => {
  const cases: [MethodName, Record<string, unknown>, string][] = [
    ['sessions.listByDay', { date: '9999-12-31' }, 'date'],
    ['sessions.calendar', { from: '9999-12-31', days: 7 }, 'from'],
    ['outcomes.dashboard', { from: '2026-01-01', to: '9999-12-31' }, 'to'],
    ['records.search', { q: 'ketamine', from: '2026-01-01', to: '9999-12-31' }, 'to'],
    ['outcomes.exportCsv', { from: '2026-01-01', to: '9999-12-31' }, 'to'],
    ['outcomes.exportFhir', { from: '2026-01-01', to: '9999-12-31' }, 'to'],
  ];
  for (const [method, input, field] of cases) {
    it(method, async () => {
      const e = await b.fail(method, input);
      expect(e).toMatchObject({ code: 'VALIDATION', field });
      expect(e.message).toMatch(/between 01\/01\/1900 and 12\/31\/2100\.$/);
    });
  }
  it('the last day of the range still works', async () => {
    await b.ok('sessions.listByDay', { date: '2100-12-31' });
    await b.ok('sessions.calendar', { from: '2100-12-31', days: 1 });
  });
});

describe('control characters in names and free text', () => {
  it('a NUL in a first name is refused naming the field, and no patient is saved', async () => {
    const before = count('patients');
    const e = await b.fail('patients.create', { ...validPatient, firstName: 'A\u0000na' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'firstName' });
    expect(e.message).toBe('The first name has a hidden control character in it (often from copying and pasting). Type it again.');
    expect(count('patients')).toBe(before);
  });
  it('a line break inside a last name is refused; an e-mail with a NUL is refused', async () => {
    expect(await b.fail('patients.create', { ...validPatient, lastName: 'Ram\nirez' })).toMatchObject({
      field: 'lastName',
      message: 'The last name must be on one line.',
    });
    expect((await b.fail('patients.create', { ...validPatient, email: 'ana\u0000@example.com' })).field).toBe('email');
  });
  it('a reminder body keeps its line breaks but not a NUL or an escape', async () => {
    const template = { name: 'Two lines', offset: { kind: 'hours_before', hours: 24 }, channel: 'sms', subject: null };
    const made = await b.ok('reminders.templates.create', { ...template, body: 'Hi {firstName},\r\nsee you {date}.' } as never);
    expect(made.body).toBe('Hi {firstName},\nsee you {date}.');
    for (const body of ['Hi\u0000 {firstName}', 'Hi \u001b[31m{firstName}']) {
      const e = await b.fail('reminders.templates.create', { ...template, body });
      expect(e).toMatchObject({ code: 'VALIDATION', field: 'body' });
      expect(e.message).toMatch(/hidden control character/);
    }
  });
  it('a 10 MB reminder body is refused for its length alone', async () => {
    const body = 'x{firstName'.repeat(1_000_000);
    const started = performance.now();
    const e = await b.fail('reminders.templates.create', { name: 'Huge', offset: { kind: 'hours_before', hours: 24 }, channel: 'sms', body });
    const ms = performance.now() - started;
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'body', message: 'The message can be at most 1000 characters.' });
    expect(e.issues).toHaveLength(1);
    console.info(`reminders.templates.create with a 10 MB body refused in ${ms.toFixed(0)} ms`);
  });
});

describe('authorizations: ICD-10 and CPT / HCPCS codes in their formats', () => {
  let patientId: string;
  beforeEach(async () => {
    patientId = (await b.ok('patients.create', validPatient)).id;
  });
  it('refuses codes that are not codes, naming the first one', async () => {
    const before = count('authorizations');
    const cpt = await b.fail('authorizations.create', { patientId, status: 'draft', cptCodes: ['96365', 'anything at all'] });
    expect(cpt).toMatchObject({ code: 'VALIDATION', field: 'cptCodes', message: '“ANYTHINGATALL” is not a CPT or HCPCS code (such as 96365 or J3490).' });
    const icd = await b.fail('authorizations.create', { patientId, status: 'draft', icd10Codes: ['G90.512', '123'] });
    expect(icd).toMatchObject({ code: 'VALIDATION', field: 'icd10Codes', message: '“123” is not an ICD-10 code (such as G90.512).' });
    expect(count('authorizations')).toBe(before);
  });
  it('accepts CPT, HCPCS and ICD-10 codes as people type them, stored normalised', async () => {
    const a = await b.ok('authorizations.create', {
      patientId,
      status: 'draft',
      cptCodes: ['96365', ' 96366', 'j3490', '0001U', '1234F'],
      icd10Codes: ['g90512', 'M79.7', 'G90.512'],
    } as never);
    expect(a.cptCodes).toEqual(['96365', '96366', 'J3490', '0001U', '1234F']);
    expect(a.icd10Codes).toEqual(['G90.512', 'M79.7']);
  });
});

describe('instants', () => {
  it('series.propose refuses from: -1', async () => {
    const e = await b.fail('series.propose', {
      patientId: '00000000-0000-4000-8000-000000000001',
      templateId: '00000000-0000-4000-8000-000000000002',
      from: -1,
      selfPay: true,
    });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'from', message: 'The earliest start must be in the year 2000 or later.' });
  });
});
