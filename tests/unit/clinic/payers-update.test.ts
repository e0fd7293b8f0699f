/**
 * Correcting a payer (a misspelt name, a new phone number, its payer ID): payers.update saves it
 * by version; a name another payer has, a blank name or an overlong phone is refused in words
 * and changes nothing; a patient's coverage and requests follow the payer's new name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
beforeEach(() => {
  b = tempBackend();
});
afterEach(() => b.dispose());

const row = (id: string) => b.store.sqlite.prepare('SELECT name, payer_code AS payerCode, phone, version FROM payers WHERE id = ?').get(id);

describe('payers.update', () => {
  it('corrects the name, payer ID and phone; the coverage shows the new name', async () => {
    const p = await b.ok('payers.create', { name: 'Aetan Choice POS II', phone: '800-555-0100' });
    const patient = (await b.ok('patients.create', validPatient)).id;
    await b.ok('patients.addCoverage', { patientId: patient, fields: { payerId: p.id, memberId: 'W1', priority: 'primary' } });
    const saved = await b.ok('payers.update', { id: p.id, expectedVersion: p.version, name: 'Aetna Choice POS II', payerCode: '60054', phone: '1-800-624-0756' });
    expect(saved).toMatchObject({ name: 'Aetna Choice POS II', payerCode: '60054', phone: '1-800-624-0756', version: p.version + 1 });
    expect((await b.ok('payers.list', {})).map((x) => x.name)).toEqual(['Aetna Choice POS II']);
    const chart = await b.ok('patients.get', { id: patient });
    expect(JSON.stringify(chart)).toContain('Aetna Choice POS II');
    expect(JSON.stringify(chart)).not.toContain('Aetan');
  });

  it('refuses a name another payer has, a blank name, an overlong phone and a stale version; nothing changes', async () => {
    const a = await b.ok('payers.create', { name: 'Cigna' });
    const other = await b.ok('payers.create', { name: 'Aetna', phone: '800-555-0100' });
    const before = row(other.id);
    const clash = await b.fail('payers.update', { id: other.id, expectedVersion: other.version, name: 'cigna', phone: null });
    expect(clash).toMatchObject({ code: 'CONFLICT', message: 'There is already a payer called cigna.' });
    const blank = await b.fail('payers.update', { id: other.id, expectedVersion: other.version, name: '  ' });
    expect(blank.code).toBe('VALIDATION');
    expect(blank.message).toMatch(/payer name/i);
    const long = await b.fail('payers.update', { id: other.id, expectedVersion: other.version, name: 'Aetna', phone: '1'.repeat(31) });
    expect(long.code).toBe('VALIDATION');
    expect(long.message).toMatch(/phone/i);
    const stale = await b.fail('payers.update', { id: other.id, expectedVersion: other.version + 1, name: 'Aetna PPO' });
    expect(stale.code).toBe('CONFLICT');
    expect(row(other.id)).toEqual(before);
    // Keeping its own name (another case) is not a clash with itself.
    expect((await b.ok('payers.update', { id: a.id, expectedVersion: a.version, name: 'CIGNA' })).name).toBe('CIGNA');
  });
});
