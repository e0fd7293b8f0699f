/**
 * Patient search reads names as people see them: a name stored with an invisible direction mark
 * (U+200F) or pasted with markup (<b>Smith</b>) is found by the name itself, while the name is
 * stored exactly as typed. Keys stored by an earlier version are folded again at start-up.
 */
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBackend } from '../../../src-main/backend/backend';
import { refreshNameKeys } from '../../../src-main/backend/patients/name-keys';
import { foldName } from '../../../src-shared/domain/names';
import { MIGRATIONS, TEST_STORE_KEY, tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
beforeEach(() => {
  b = tempBackend();
});
afterEach(() => b.dispose());

const names = async (q: string) => (await b.ok('patients.search', { q, limit: 50 })).items.map((p) => `${p.firstName} ${p.lastName}`);

describe('the folded search key', () => {
  it('drops format characters and whole tags, keeps a lone "<"', () => {
    expect(foldName('\u200FSmith')).toBe('smith');
    expect(foldName('Smi\u200Bth')).toBe('smith');
    expect(foldName('<b>Smith</b>')).toBe('smith');
    expect(foldName('Ｓｍｉｔｈ')).toBe('smith');
    expect(foldName('pain < 3 and > 5')).toBe('pain < 3 and > 5');
  });
});

describe('patients.search', () => {
  it('finds a name typed with a direction mark, and one pasted with tags, by the name; both are stored as typed', async () => {
    await b.ok('patients.create', { ...validPatient, firstName: '\u200FAna', lastName: '\u200FSmith', phone: '(312) 555-0101' });
    await b.ok('patients.create', { ...validPatient, firstName: 'Bea', lastName: '<b>Smith</b>', phone: '(312) 555-0102' });
    await b.ok('patients.create', { ...validPatient, firstName: 'Carl', lastName: 'Jones', phone: '(312) 555-0103' });
    expect((await names('smith')).sort()).toEqual(['Bea <b>Smith</b>', '\u200FAna \u200FSmith']);
    expect(await names('ana smith')).toEqual(['\u200FAna \u200FSmith']);
    // The search box is read the same way: tags typed there are not part of the name either.
    expect((await names('<b>Smith</b>')).length).toBe(2);
    expect(await names('\u200Fsmith bea')).toEqual(['Bea <b>Smith</b>']);
  });

  it('keys stored by an earlier version are folded again when the store opens, once', async () => {
    const p = await b.ok('patients.create', { ...validPatient, lastName: '\u200FSmith' });
    // As the previous fold stored it: the mark kept in the key, so "smith" missed it.
    b.store.sqlite.prepare(`UPDATE patients SET last_name_key = ? WHERE id = ?`).run('\u200fsmith', p.id);
    b.store.sqlite.prepare(`DELETE FROM device_meta WHERE key = 'patients.name_fold_version'`).run();
    expect(await names('smith')).toEqual([]);
    expect(refreshNameKeys(b.store.sqlite)).toBe(1);
    expect(await names('smith')).toEqual(['Ana \u200FSmith']);
    expect(refreshNameKeys(b.store.sqlite)).toBe(0);
    // And openBackend runs it: a reopened store with a stale key finds the patient.
    b.store.sqlite.prepare(`UPDATE patients SET last_name_key = ? WHERE id = ?`).run('\u200fsmith', p.id);
    b.store.sqlite.prepare(`DELETE FROM device_meta WHERE key = 'patients.name_fold_version'`).run();
    b.close();
    const reopened = openBackend({ dataDir: b.dir, migrationsFolder: MIGRATIONS, transport: 'http', inProcessAdmin: true, storeKey: TEST_STORE_KEY });
    try {
      expect(reopened.store.sqlite.prepare(`SELECT last_name_key FROM patients WHERE id = ?`).pluck().get(p.id)).toBe('smith');
    } finally {
      reopened.close();
      rmSync(b.dir, { recursive: true, force: true });
    }
    b = tempBackend();
  });
});
