/** The change key kept work lists are checked against, on a real SQLite file with two connections. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/backend/db/open';
import { keptAnswersWorkedOut, keptWhileUnchanged } from '../../../src-main/backend/db/kept-answers';
import { anyWriteKey, writeKey, type Watched } from '../../../src-main/backend/db/write-watch';

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

describe('anyWriteKey', () => {
  const any = () => anyWriteKey(a, 'test_any');
  beforeEach(() => {
    a.exec(`CREATE TABLE audit_events (id TEXT); CREATE TABLE change_log (id TEXT); CREATE TABLE device_meta (k TEXT, v TEXT);
            CREATE VIRTUAL TABLE notes_fts USING fts5(body);`);
  });

  it('moves on a write to any table, not on the read trail (who read what, and the change log and clock that sync it)', () => {
    const k0 = any();
    a.exec(`INSERT INTO audit_events (id) VALUES ('e1'); INSERT INTO change_log (id) VALUES ('c1'); INSERT INTO device_meta (k, v) VALUES ('hlc', '1')`);
    a.exec(`INSERT INTO notes_fts (body) VALUES ('indexed with its table')`);
    expect(any()).toBe(k0);
    a.exec(`UPDATE patients SET phone = '5125550100' WHERE id = 'p1'`);
    const k1 = any();
    expect(k1).not.toBe(k0);
    a.exec(`INSERT INTO settings (name) VALUES ('Lakeside')`);
    const k2 = any();
    expect(k2).not.toBe(k1);
    b.exec(`INSERT INTO audit_events (id) VALUES ('e2')`);
    // Another connection's commit is seen through data_version, whatever it wrote.
    expect(any()).not.toBe(k2);
  });

  it('an answer is kept until a write, per key, and worked out again after one', () => {
    let n = 0;
    const answer = (key: string) => keptWhileUnchanged(a, 'test_answers', key, () => `${key}:${++n}`);
    expect(answer('page 1')).toBe('page 1:1');
    expect(answer('page 2')).toBe('page 2:2');
    a.exec(`INSERT INTO audit_events (id) VALUES ('e1')`);
    expect(answer('page 1')).toBe('page 1:1');
    expect(keptAnswersWorkedOut(a, 'test_answers')).toBe(2);
    a.exec(`UPDATE patients SET phone = '5125550100' WHERE id = 'p1'`);
    expect(answer('page 1')).toBe('page 1:3');
    expect(answer('page 2')).toBe('page 2:4');
  });
});
