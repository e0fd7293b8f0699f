/** The change key kept work lists are checked against, on a real SQLite file with two connections. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/backend/db/open';
import { writeKey, type Watched } from '../../../src-main/backend/db/write-watch';

let dir: string;
let a: Sqlite;
let b: Sqlite;
const TABLES: readonly Watched[] = ['coverages', { table: 'patients', columns: ['deleted_at'] }];
const key = () => writeKey(a, 'test_list', TABLES);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'write-watch-'));
  a = new Database(join(dir, 'clinic.sqlite')) as unknown as Sqlite;
  a.pragma('journal_mode = WAL');
  a.exec(`CREATE TABLE patients (id TEXT PRIMARY KEY, phone TEXT, deleted_at INTEGER);
          CREATE TABLE coverages (id TEXT PRIMARY KEY, patient_id TEXT);
          CREATE TABLE settings (name TEXT);
          INSERT INTO patients (id) VALUES ('p1');`);
  b = new Database(join(dir, 'clinic.sqlite')) as unknown as Sqlite;
});
afterEach(() => {
  a.close();
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeKey', () => {
  it('moves on a write to a watched table, not on others, nor on a column or insert the list does not read', () => {
    const k0 = key();
    expect(key()).toBe(k0);
    a.exec(`INSERT INTO settings (name) VALUES ('Lakeside')`);
    a.exec(`UPDATE patients SET phone = '5125550100' WHERE id = 'p1'`);
    a.exec(`INSERT INTO patients (id) VALUES ('p2')`);
    expect(key()).toBe(k0);
    a.exec(`INSERT INTO coverages (id, patient_id) VALUES ('c1', 'p1')`);
    const k1 = key();
    expect(k1).not.toBe(k0);
    a.exec(`UPDATE patients SET deleted_at = 1 WHERE id = 'p2'`);
    const k2 = key();
    expect(k2).not.toBe(k1);
    a.exec(`DELETE FROM patients WHERE id = 'p2'`);
    expect(key()).not.toBe(k2);
  });

  it('a rolled-back write leaves the key as it was', () => {
    const k0 = key();
    expect(() =>
      a.transaction(() => {
        a.exec(`INSERT INTO coverages (id, patient_id) VALUES ('c1', 'p1')`);
        throw new Error('cut short');
      })(),
    ).toThrow('cut short');
    expect(key()).toBe(k0);
  });

  it('moves when another connection commits (the sync applier, another process)', () => {
    const k0 = key();
    b.exec(`INSERT INTO settings (name) VALUES ('x')`);
    expect(key()).not.toBe(k0);
  });
});
