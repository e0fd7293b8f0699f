/**
 * Encryption at rest, against real SQLite files in temp folders: the store cannot be read
 * without its key (plain better-sqlite3 and the sqlite3 tool both say "file is not a
 * database") and opens with it; a wrong or missing key is refused in plain words with the
 * file unchanged; re-keying keeps every row and the old key stops working; a plain store from
 * before is encrypted in place keeping every row (and stays usable when that fails); the
 * records copies and documents in the data folder hold no plaintext; an encrypted backup
 * restores on another computer's key, and a wrong passphrase changes nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../src-main/backend/api/context';
import { DB_FILE_NAME } from '../../../src-main/backend/backend';
import { encryptPlainStore, isPlainSqliteFile, openSqlite, StoreEncryptionError, StoreKeyError, tableCounts } from '../../../src-main/backend/db/cipher';
import { openStore } from '../../../src-main/backend/db/open';
import { saveGeneratedDocument } from '../../../src-main/backend/documents/store';
import { runtimeFor } from '../../../src-main/backend/records/runtime';
import { isSealedFile } from '../../../src-main/backend/security/data-files';
import { backupStore, BackupError, rekeyStore, restoreStore, WrongPassphraseError, type ScryptParams } from '../../../src-main/backend/security/store-admin';
import { newStoreKey } from '../../../src-main/backend/security/store-key';
import { waitFor } from '../records/fixtures';
import { MIGRATIONS, TEST_STORE_KEY, tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';

/** Fast scrypt for tests (the real cost is BACKUP_SCRYPT). */
const QUICK_SCRYPT: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };
const MARKER = 'QUILLFEATHER-ZEBRA-7731';
const PASSPHRASE = 'correct horse battery staple';

const open: TestBackend[] = [];
function backend(opts: Parameters<typeof tempBackend>[0] = {}): TestBackend {
  const b = tempBackend(opts);
  open.push(b);
  return b;
}
afterEach(async () => {
  for (const b of open.splice(0)) {
    await runtimeFor(b.store.sqlite)?.close();
    b.dispose();
  }
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const filesIn = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
const hasSqliteCli = spawnSync('sqlite3', ['-version']).status === 0;

/** A small clinic: patients with coverage, a document with the marker in it. */
async function fill(b: TestBackend): Promise<{ patientId: string; documentId: string }> {
  const p = await b.ok('patients.create', { ...validPatient, lastName: 'Quillfeather' });
  await b.ok('patients.create', { ...validPatient, firstName: 'Marcus', lastName: 'Lee', dateOfBirth: '1971-11-23' });
  const ctx = { ...b.system, dataDir: b.dir } as unknown as HandlerContext;
  const doc = saveGeneratedDocument(ctx, {
    patientId: p.id,
    docType: 'referral_letter',
    title: 'Referral',
    mimeType: 'text/plain',
    extension: 'txt',
    bytes: Buffer.from(`Referral for ${MARKER}: `.repeat(5000)),
  });
  return { patientId: p.id, documentId: doc.id };
}

describe('the encrypted store', () => {
  it('cannot be read without its key (better-sqlite3, the sqlite3 tool) and opens with it', async () => {
    const b = backend();
    await fill(b);
    const file = join(b.dir, DB_FILE_NAME);
    b.close();
    expect(isPlainSqliteFile(file)).toBe(false);
    expect(readFileSync(file).includes(MARKER)).toBe(false);
    expect(readFileSync(file).includes('Quillfeather')).toBe(false);

    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM patients').get()).toThrow(/file is not a database/);
    plain.close();
    if (hasSqliteCli) {
      const r = spawnSync('sqlite3', [file, 'SELECT count(*) FROM patients;'], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/file is not a database/);
    }

    const keyed = openSqlite(file, { key: TEST_STORE_KEY, readonly: true });
    expect(keyed.prepare(`SELECT count(*) FROM patients WHERE last_name = 'Quillfeather'`).pluck().get()).toBe(1);
    // SQLCipher 4 settings (what the sqlcipher tool uses by default).
    expect(keyed.pragma('cipher', { simple: true })).toBe('sqlcipher');
    expect(String(keyed.pragma('legacy', { simple: true }))).toBe('4');
    keyed.close();
  });

  it('refuses a wrong key in plain words and changes nothing', async () => {
    const b = backend();
    await fill(b);
    const dir = b.dir;
    b.close();
    const file = join(dir, DB_FILE_NAME);
    const before = filesIn(dir).map((f) => [f, sha(f)]);
    let error: unknown;
    try {
      tempBackend({ dataDir: dir, storeKey: newStoreKey() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreKeyError);
    expect((error as StoreKeyError).problem).toBe('wrong-key');
    expect((error as Error).message).toMatch(/^This database belongs to another computer's key \(or the key was lost\): it cannot be opened here\. Nothing in it was changed\./);
    expect((error as Error).message).toContain(file);
    expect(filesIn(dir).map((f) => [f, sha(f)])).toEqual(before);

    // No key at all for an encrypted file: the same kind of message.
    let missing: unknown;
    try {
      tempBackend({ dataDir: dir, storeKey: null });
    } catch (e) {
      missing = e;
    }
    expect(missing).toBeInstanceOf(StoreKeyError);
    expect((missing as StoreKeyError).problem).toBe('missing-key');
    expect((missing as Error).message).toMatch(/^This database is encrypted and no key was given for it, so it cannot be opened\. Nothing in it was changed\./);
    expect(filesIn(dir).map((f) => [f, sha(f)])).toEqual(before);

    // The right key still opens it.
    const again = backend({ dataDir: dir });
    expect((await again.ok('patients.search', { q: 'Quillfeather' })).items).toHaveLength(1);
  });

  it('re-keys keeping every row; the old key no longer opens it, the documents still do', async () => {
    const b = backend();
    const { documentId } = await fill(b);
    const before = tableCounts(b.store.sqlite);
    const newKey = newStoreKey();
    const done = rekeyStore(b.store.sqlite, newKey);
    expect(done.tables).toBe(before.size);
    expect(tableCounts(b.store.sqlite)).toEqual(before);
    // No copy under the old key is left behind once it worked.
    expect(readdirSync(b.dir).filter((n) => n.includes('before-rekey'))).toEqual([]);
    const dir = b.dir;
    b.close();

    expect(() => openSqlite(join(dir, DB_FILE_NAME), { key: TEST_STORE_KEY, readonly: true })).toThrow(StoreKeyError);
    const again = backend({ dataDir: dir, storeKey: newKey });
    expect(tableCounts(again.store.sqlite)).toEqual(before);
    const read = await again.ok('documents.read', { id: documentId });
    expect(Buffer.from(read.base64, 'base64').toString('utf8')).toContain(MARKER);
  });
});

describe('a store from before encryption', () => {
  it('is encrypted in place on the first open with a key, keeping every row, and its files sealed', async () => {
    const old = backend({ storeKey: null });
    const { documentId } = await fill(old);
    const dir = old.dir;
    const doc = old.store.sqlite.prepare(`SELECT stored_path FROM documents WHERE id = ?`).pluck().get(documentId) as string;
    old.close();
    const file = join(dir, DB_FILE_NAME);
    expect(isPlainSqliteFile(file)).toBe(true);
    expect(readFileSync(join(dir, doc)).includes(MARKER)).toBe(true);
    const plain = openSqlite(file, { key: null, readonly: true });
    const before = tableCounts(plain);
    plain.close();

    // The store alone first (the backend's start writes rows of its own): every table, every row.
    const store = openStore({ file, migrationsFolder: MIGRATIONS, key: TEST_STORE_KEY });
    expect(store.encryptedNow).toBe(true);
    expect(tableCounts(store.sqlite)).toEqual(before);
    store.close();
    expect(isPlainSqliteFile(file)).toBe(false);

    const b = backend({ dataDir: dir });
    expect(existsSync(`${file}.encrypting`)).toBe(false);
    expect(isSealedFile(join(dir, doc))).toBe(true);
    expect(readFileSync(join(dir, doc)).includes(MARKER)).toBe(false);
    const read = await b.ok('documents.read', { id: documentId });
    expect(Buffer.from(read.base64, 'base64').toString('utf8')).toContain(MARKER);
    b.close();
    expect(() => new Database(file, { readonly: true }).prepare('SELECT 1 FROM patients').get()).toThrow(/file is not a database/);
    // Opened again: nothing more to do.
    const again = backend({ dataDir: dir });
    expect(again.store.encryptedNow).toBe(false);
  });

  it('stays as it was, unencrypted and usable, when encrypting fails part-way', async () => {
    const old = backend({ storeKey: null });
    await fill(old);
    const dir = old.dir;
    old.close();
    const file = join(dir, DB_FILE_NAME);
    const before = sha(file);
    expect(() =>
      encryptPlainStore(file, TEST_STORE_KEY, undefined, {
        beforeSwap: () => {
          throw new Error('the disk was pulled out');
        },
      }),
    ).toThrow(StoreEncryptionError);
    expect(sha(file)).toBe(before);
    expect(isPlainSqliteFile(file)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.includes('encrypting'))).toEqual([]);
    const plain = backend({ dataDir: dir, storeKey: null });
    expect((await plain.ok('patients.search', { q: 'Quillfeather' })).items).toHaveLength(1);
  });
});

describe('records copies and documents in the data folder', () => {
  it('hold no plaintext, while reading, search and opening a record work', async () => {
    const inbox = tempDir('records-inbox-');
    try {
      writeFileSync(join(inbox, 'outside-note.txt'), `Consultation note. Patient ${MARKER} reports burning pain in the left foot.\n`);
      const b = backend({ records: { rescanIntervalMs: 60_000, progressThrottleMs: 20 } });
      await fill(b);
      await b.ok('records.folders.add', { path: inbox, stabilitySeconds: 0.2 });
      const hit = await waitFor(async () => (await b.ok('records.search', { q: MARKER.split('-')[1]! })).items[0], 'the note to be indexed');
      const opened = await b.ok('records.open', { id: hit.record.id });
      expect(opened.fromCopy).toBe(true);
      expect(Buffer.from(opened.base64, 'base64').toString('utf8')).toContain(MARKER);

      const dataFiles = filesIn(b.dir).filter((f) => /[\\/](records|documents)[\\/]/.test(f));
      expect(dataFiles.length).toBeGreaterThanOrEqual(2);
      for (const f of dataFiles) {
        expect(isSealedFile(f), f).toBe(true);
        expect(readFileSync(f).includes(MARKER), f).toBe(false);
      }
      await runtimeFor(b.store.sqlite)?.close();
      b.close();
      for (const f of filesIn(b.dir)) expect(readFileSync(f).includes(MARKER), f).toBe(false);
    } finally {
      rmSync(inbox, { recursive: true, force: true });
    }
  });
});

describe('encrypted backup and restore', () => {
  it('restores on another computer (another key) with every row and file, and refuses a wrong passphrase without a change', async () => {
    const b = backend();
    const { documentId } = await fill(b);
    const counts = tableCounts(b.store.sqlite);
    const out = join(tempDir('desk-backup-'), 'clinic.idbackup');
    const made = backupStore({ sqlite: b.store.sqlite, storeKey: TEST_STORE_KEY, dataDir: b.dir, out, passphrase: PASSPHRASE, scrypt: QUICK_SCRYPT });
    expect(made.files).toBe(1);
    expect(made.rows).toBe([...counts.values()].reduce((x, y) => x + y, 0));
    expect(readFileSync(out).includes(MARKER)).toBe(false);
    expect(readFileSync(out).includes('Quillfeather')).toBe(false);
    expect(() => backupStore({ sqlite: b.store.sqlite, storeKey: TEST_STORE_KEY, dataDir: b.dir, out, passphrase: PASSPHRASE, scrypt: QUICK_SCRYPT })).toThrow(
      /already exists/,
    );
    expect(() => backupStore({ sqlite: b.store.sqlite, storeKey: TEST_STORE_KEY, dataDir: b.dir, out: `${out}2`, passphrase: 'short', scrypt: QUICK_SCRYPT })).toThrow(
      /at least 12 characters/,
    );

    // Another computer: its own key, and a clinic of its own already there.
    const otherKey = newStoreKey();
    const other = backend({ storeKey: otherKey });
    await other.ok('patients.create', { ...validPatient, firstName: 'Olga', lastName: 'Other' });
    const otherDir = other.dir;
    other.close();
    const beforeWrong = filesIn(otherDir).map((f) => [f, sha(f)]);
    await expect(restoreStore({ from: out, passphrase: 'not the passphrase at all', dataDir: otherDir, storeKey: otherKey })).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(restoreStore({ from: out, passphrase: 'not the passphrase at all', dataDir: otherDir, storeKey: otherKey })).rejects.toThrow(
      /^This passphrase does not open the backup\. Nothing was changed\./,
    );
    expect(filesIn(otherDir).map((f) => [f, sha(f)])).toEqual(beforeWrong);

    // A damaged backup is refused before anything here changes.
    const damaged = `${out}.damaged`;
    const bytes = readFileSync(out);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(damaged, bytes);
    await expect(restoreStore({ from: damaged, passphrase: PASSPHRASE, dataDir: otherDir, storeKey: otherKey })).rejects.toBeInstanceOf(BackupError);
    expect(filesIn(otherDir).map((f) => [f, sha(f)])).toEqual(beforeWrong);

    const restored = await restoreStore({ from: out, passphrase: PASSPHRASE, dataDir: otherDir, storeKey: otherKey });
    expect(restored.files).toBe(1);
    expect(restored.movedAside).toMatch(/before-restore-/);
    // What was there is kept aside, still under its own key.
    expect(existsSync(join(restored.movedAside!, DB_FILE_NAME))).toBe(true);
    expect(readdirSync(otherDir).filter((n) => n.startsWith('.restore-'))).toEqual([]);

    const again = backend({ dataDir: otherDir, storeKey: otherKey });
    expect(tableCounts(again.store.sqlite)).toEqual(counts);
    expect((await again.ok('patients.search', { q: 'Quillfeather' })).items).toHaveLength(1);
    expect((await again.ok('patients.search', { q: 'Other' })).items).toHaveLength(0);
    const read = await again.ok('documents.read', { id: documentId });
    expect(Buffer.from(read.base64, 'base64').toString('utf8')).toContain(MARKER);
    // The restored store is under this computer's key only.
    expect(() => openSqlite(join(otherDir, DB_FILE_NAME), { key: TEST_STORE_KEY, readonly: true })).toThrow(StoreKeyError);
  });
});

describe('npm run store', () => {
  const run = (args: string[], env: Record<string, string>) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/store.ts', ...args], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, DESK_DB_KEY: '', ...env },
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });

  it('re-keys a web clinic (its key file replaced), backs it up and restores it', async () => {
    const root = tempDir('desk-store-cli-');
    const dataDir = join(root, 'clinic');
    mkdirSync(dataDir);
    const keyFile = join(root, 'clinic.key');
    writeFileSync(keyFile, `${TEST_STORE_KEY.toString('hex')}\n`, { mode: 0o600 });
    const b = backend({ dataDir });
    await fill(b);
    const counts = tableCounts(b.store.sqlite);
    b.close();

    expect(run(['status', '--data-dir', dataDir], {})).toMatch(/encrypted, SQLCipher 4 compatible/);
    expect(run(['rekey', '--data-dir', dataDir], {})).toMatch(/all kept/);
    const newKey = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
    expect(newKey.equals(TEST_STORE_KEY)).toBe(false);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(() => openSqlite(join(dataDir, DB_FILE_NAME), { key: TEST_STORE_KEY, readonly: true })).toThrow(StoreKeyError);
    const check = openSqlite(join(dataDir, DB_FILE_NAME), { key: newKey, readonly: true });
    expect(tableCounts(check)).toEqual(counts);
    check.close();

    const out = join(root, 'backup.idbackup');
    expect(run(['backup', '--data-dir', dataDir, '--out', out], { DESK_BACKUP_PASSPHRASE: PASSPHRASE })).toMatch(/Wrote .*1 records and documents files/);
    const target = join(root, 'elsewhere');
    const wrong = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/store.ts', 'restore', '--data-dir', target, '--from', out], {
      cwd: join(import.meta.dirname, '../../..'),
      env: { ...process.env, DESK_DB_KEY: '', DESK_BACKUP_PASSPHRASE: 'a wrong passphrase here' },
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/This passphrase does not open the backup/);
    expect(run(['restore', '--data-dir', target, '--from', out], { DESK_BACKUP_PASSPHRASE: PASSPHRASE })).toMatch(/Restored into/);
    // A key file was made beside the new folder, owner-only, and opens the restored store.
    const targetKey = Buffer.from(readFileSync(`${target}.key`, 'utf8').trim(), 'hex');
    expect(statSync(`${target}.key`).mode & 0o777).toBe(0o600);
    const restored = openSqlite(join(target, DB_FILE_NAME), { key: targetKey, readonly: true });
    expect(tableCounts(restored)).toEqual(counts);
    restored.close();
  }, 60_000);
});

describe('keys', () => {
  it('are 32 random bytes', () => {
    expect(newStoreKey()).toHaveLength(32);
    expect(newStoreKey().equals(newStoreKey())).toBe(false);
  });
});
