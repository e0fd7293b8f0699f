import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src-main/backend/backend';
import { openSqlite } from '../../../src-main/backend/db/cipher';
import { MigrationError, openStore } from '../../../src-main/backend/db/open';
import { MIGRATIONS, TEST_STORE_KEY, tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend | undefined;
afterEach(() => {
  b?.dispose();
  b = undefined;
});

/** A copy of drizzle/ with one more migration whose second statement fails. */
function migrationsWithBrokenStep(): string {
  const dir = join(tempDir('desk-mig-'), 'drizzle');
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
  const last = journal.entries.at(-1)!;
  const tag = `${String(last.idx + 1).padStart(4, '0')}_broken`;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(
    join(dir, `${tag}.sql`),
    'CREATE TABLE `half_done` (`id` text PRIMARY KEY);\n--> statement-breakpoint\nALTER TABLE `patients` ADD `allergies` text;\n--> statement-breakpoint\nALTER TABLE `no_such_table` ADD `x` text;',
  );
  return dir;
}

describe('the local store', () => {
  it('opens a new file with WAL, foreign keys and every table migrated', () => {
    b = tempBackend();
    const s = b.store.sqlite;
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (s.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['clinic_settings', 'users', 'patients', 'payers', 'coverages', 'suites', 'staff', 'change_log', 'field_clocks']) {
      expect(tables).toContain(t);
    }
  });

  it('keeps data and the device clock across restarts, applying no migration twice', async () => {
    b = tempBackend();
    const created = await b.ok('patients.create', validPatient);
    const dir = b.dir;
    const lastHlc = (b.store.sqlite.prepare(`SELECT value FROM device_meta WHERE key='hlc.last'`).get() as { value: string }).value;
    b.close();
    b = tempBackend({ dataDir: dir });
    expect(b.store.backupFile).toBeNull();
    const again = await b.ok('patients.get', { id: created.id });
    expect(again.lastName).toBe('Ramirez');
    await b.ok('patients.update', { id: created.id, expectedVersion: again.version, fields: { ...validPatient, firstName: 'Anita' } });
    const newest = (b.store.sqlite.prepare(`SELECT max(hlc) AS h FROM change_log`).get() as { h: string }).h;
    expect(newest > lastHlc).toBe(true);
  });

  it('an upgrade from the first schema copies the file first and keeps every row', async () => {
    // A store made by the first release (only 0000_init)...
    const first = join(tempDir('desk-mig-'), 'drizzle');
    cpSync(MIGRATIONS, first, { recursive: true });
    const journalPath = join(first, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
    journal.entries = journal.entries.slice(0, 1);
    writeFileSync(journalPath, JSON.stringify(journal));
    const dir = tempDir();
    const old = openStore({ file: join(dir, DB_FILE_NAME), migrationsFolder: first });
    old.sqlite
      .prepare(
        `INSERT INTO patients (id, version, created_at, updated_at, first_name, last_name, first_name_key, last_name_key,
           date_of_birth, sex, preferred_contact, mrn) VALUES (?, 1, 0, 0, 'Ana', 'Ramirez', 'ana', 'ramirez', '1984-03-07', 'female', 'none', '000001')`,
      )
      .run('01900000-0000-7000-8000-0000000000c1');
    old.close();
    const created = { id: '01900000-0000-7000-8000-0000000000c1' };
    // ...opened by this one.
    b = tempBackend({ dataDir: dir });
    expect(b.store.backupFile).toMatch(/clinic\.sqlite\.before-0001_.*\.bak$/);
    expect(existsSync(b.store.backupFile!)).toBe(true);
    expect((await b.ok('patients.get', { id: created.id })).lastName).toBe('Ramirez');
  });

  it('a failing migration leaves the old database as it was and says so plainly', async () => {
    b = tempBackend();
    const created = await b.ok('patients.create', validPatient);
    const dir = b.dir;
    b.close();
    const broken = migrationsWithBrokenStep();
    let error: unknown;
    try {
      openStore({ file: join(dir, DB_FILE_NAME), migrationsFolder: broken, key: TEST_STORE_KEY });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/could not be upgraded \(\d{4}_broken\); it was left as it was/);
    const backup = (error as MigrationError).backupFile!;
    expect(existsSync(backup)).toBe(true);

    const raw = openSqlite(join(dir, DB_FILE_NAME), { key: TEST_STORE_KEY, readonly: true });
    const tables = (raw.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).not.toContain('half_done');
    const cols = (raw.prepare(`PRAGMA table_info(patients)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('allergies');
    expect(raw.prepare(`SELECT last_name FROM patients WHERE id = ?`).get(created.id)).toEqual({ last_name: 'Ramirez' });
    raw.close();

    // The copy is encrypted with the store's key too.
    const copy = openSqlite(backup, { key: TEST_STORE_KEY, readonly: true });
    expect(copy.prepare(`SELECT count(*) AS n FROM patients`).get()).toEqual({ n: 1 });
    copy.close();

    // The old code still opens the untouched database.
    b = tempBackend({ dataDir: dir });
    expect((await b.ok('patients.get', { id: created.id })).firstName).toBe('Ana');
  });
});
