import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
// 2026-11-26 23:30 in Chicago is already 2026-11-27 in UTC: "today" must be the clinic's.
const NOW = Date.parse('2026-11-27T05:30:00Z');
beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', { name: 'Lakeside Pain & Infusion', timeZone: 'America/Chicago', openingHours: [] });
});
afterEach(() => b.dispose());

const count = (table: string) => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('patients.create', () => {
  it('stores a normalized patient and assigns the next MRN', async () => {
    const p = await b.ok('patients.create', validPatient);
    expect(p).toMatchObject({ firstName: 'Ana', lastName: 'Ramirez', phone: '+13125550147', mrn: '000001', version: 1 });
    const q = await b.ok('patients.create', { ...validPatient, firstName: 'Luis', email: null, preferredContact: 'phone' });
    expect(q.mrn).toBe('000002');
  });

  it.each([
    ['a date of birth in the clinic\'s future', { dateOfBirth: '2026-11-27' }, 'dateOfBirth', /cannot be in the future/],
    ['an impossible date', { dateOfBirth: '1984-02-30' }, 'dateOfBirth', /real date/],
    ['no last name', { lastName: '  ' }, 'lastName', /last name/],
    ['a bad e-mail', { email: 'ana@' }, 'email', /e-mail/],
    ['a short phone number', { phone: '555-0147' }, 'phone', /area code/],
    ['SMS without a phone', { phone: null }, 'phone', /phone number/],
  ])('refuses %s, names the field and saves nothing', async (_name, change, field, message) => {
    const before = count('change_log');
    const err = await b.fail('patients.create', { ...validPatient, ...change });
    expect(err.code).toBe('VALIDATION');
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    expect(count('patients')).toBe(0);
    expect(count('change_log')).toBe(before);
  });

  it('accepts a date of birth of today in the clinic\'s zone', async () => {
    const p = await b.ok('patients.create', { ...validPatient, dateOfBirth: '2026-11-26' });
    expect(p.dateOfBirth).toBe('2026-11-26');
  });

  it('refuses an MRN that another patient has, as a CONFLICT on the MRN field', async () => {
    await b.ok('patients.create', { ...validPatient, mrn: 'kc-1001' });
    const err = await b.fail('patients.create', { ...validPatient, firstName: 'Other', mrn: 'KC-1001' });
    expect(err).toMatchObject({ code: 'CONFLICT', field: 'mrn' });
    expect(count('patients')).toBe(1);
  });
});

describe('patients.update and remove', () => {
  it('updates with the version the user saw and refuses a stale one', async () => {
    const p = await b.ok('patients.create', validPatient);
    const u = await b.ok('patients.update', { id: p.id, expectedVersion: 1, fields: { ...validPatient, lastName: 'Ramirez Soto' } });
    expect(u.version).toBe(2);
    const err = await b.fail('patients.update', { id: p.id, expectedVersion: 1, fields: { ...validPatient, lastName: 'X' } });
    expect(err.code).toBe('CONFLICT');
    expect((await b.ok('patients.get', { id: p.id })).lastName).toBe('Ramirez Soto');
  });

  it('a removed patient is kept but no longer found', async () => {
    const p = await b.ok('patients.create', validPatient);
    await b.ok('patients.remove', { id: p.id });
    expect((await b.ok('patients.search', { q: 'ramirez' })).items).toHaveLength(0);
    expect((await b.fail('patients.get', { id: p.id })).code).toBe('NOT_FOUND');
    expect(count('patients')).toBe(1);
  });
});

describe('patients.search', () => {
  beforeEach(async () => {
    const people = [
      ['Ana', 'Ramirez', '1984-03-07', '(312) 555-0147'],
      ['Luis', 'Ramos', '1979-11-30', '(773) 555-0199'],
      ['Grace', 'Oyelaran-Smith', '1962-06-15', null],
      ['Ramona', 'Keller', '1990-01-02', '(630) 555-0123'],
      ['Peter', 'Smith', '1984-03-07', '(847) 555-0160'],
      ['Óscar', 'Álvarez Peña', '1958-08-21', null],
    ] as const;
    for (const [firstName, lastName, dateOfBirth, phone] of people) {
      await b.ok('patients.create', { firstName, lastName, dateOfBirth, sex: 'unknown', phone, preferredContact: 'none' });
    }
  });
  const names = async (q: string) => (await b.ok('patients.search', { q })).items.map((p) => `${p.firstName} ${p.lastName}`);

  it.each([
    ['rami', ['Ana Ramirez']],
    ['ram', ['Ramona Keller', 'Ana Ramirez', 'Luis Ramos']],
    ['RAMIREZ, ana', ['Ana Ramirez']],
    ['ana ram', ['Ana Ramirez']],
    ['03/07/1984', ['Ana Ramirez', 'Peter Smith']],
    ['1984-03-07', ['Ana Ramirez', 'Peter Smith']],
    ['smith 3/7/1984', ['Peter Smith']],
    ['0147', ['Ana Ramirez']],
    ['(773) 555-0199', ['Luis Ramos']],
    ['5550123', ['Ramona Keller']],
    ['000003', ['Grace Oyelaran-Smith']],
    ['oyel', ['Grace Oyelaran-Smith']],
    ['zz', []],
    ['alv', ['Óscar Álvarez Peña']],
    ['Álv', ['Óscar Álvarez Peña']],
    ['oscar alvarez', ['Óscar Álvarez Peña']],
  ])('%s finds %j', async (q, expected) => {
    expect(await names(q)).toEqual(expected);
  });

  it('an empty query lists patients by last name and says when there are more', async () => {
    const r = await b.ok('patients.search', { q: '', limit: 3 });
    expect(r.items.map((p) => p.lastName)).toEqual(['Álvarez Peña', 'Keller', 'Oyelaran-Smith']);
    expect(r.more).toBe(true);
  });
});

describe('coverage', () => {
  it('adds a coverage with its payer and refuses an unknown payer', async () => {
    const p = await b.ok('patients.create', validPatient);
    const payer = await b.ok('payers.create', { name: 'Blue Cross Blue Shield of Illinois' });
    const c = await b.ok('patients.addCoverage', {
      patientId: p.id,
      fields: { payerId: payer.id, memberId: 'XOF123456789', groupNumber: '0098765', priority: 'primary' },
    });
    expect(c.payerName).toBe('Blue Cross Blue Shield of Illinois');
    const err = await b.fail('patients.addCoverage', {
      patientId: p.id,
      fields: { payerId: '01900000-0000-7000-8000-000000000009', memberId: 'X', priority: 'secondary' },
    });
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'payerId' });
    expect((await b.ok('patients.get', { id: p.id })).coverages).toHaveLength(1);
  });
});
