/**
 * Looking after the encrypted store: re-keying it, and encrypted backups that can be restored
 * on another computer (`npm run store -- rekey | backup --out F | restore --from F`,
 * scripts/store.ts).
 *
 * A backup file:
 *   "IDESKBK1", 4 bytes (big-endian) header length, the header as JSON: the format, when it
 *   was made, and the passphrase derivation (scrypt with its salt, N, r, p) with a check
 *   value that tells a wrong passphrase from a damaged file;
 *   then one sealed stream (security/sealed-file.ts, AES-256-GCM in 64 KiB segments) under
 *   the key scrypt derives from the passphrase, holding: a manifest (JSON: a random
 *   transport key, every table's row count, the entries and their sizes), the store as of the
 *   backup (VACUUM INTO, then re-keyed to the transport key, so the device's own key never
 *   leaves it), and the records and documents files as they are on disk (sealed under the
 *   data-files key that travels inside the store).
 *
 * Restore unpacks into a folder of its own inside the data folder, opens the store with the
 * transport key, runs integrity_check, compares every table's row count with the manifest,
 * authenticates every data file, re-keys the store to this computer's key, and only then
 * moves the live store and files aside (into `before-restore-<time>/`) and the restored ones
 * into place. A wrong passphrase is refused before anything is written.
 */
import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { countDifferences, integrityProblem, openSqlite, rekeyInPlace, rekeyOpenStore, removeSqliteFile, tableCounts } from '../db/cipher';
import { DataFiles, DATA_FILE_FOLDERS, FILES_KEY_META } from './data-files';
import { SealedAppender, sealedSegments, SealedFileError } from './sealed-file';

type Sqlite = Database.Database;

const DB_ENTRY = 'clinic.sqlite';
const BACKUP_MAGIC = Buffer.from('IDESKBK1', 'latin1');
const COPY_CHUNK = 1024 * 1024;

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** The passphrase does not open this backup. */
export class WrongPassphraseError extends BackupError {
  constructor() {
    super('This passphrase does not open the backup. Nothing was changed. Check the passphrase (it is case-sensitive) and try again.');
    this.name = 'WrongPassphraseError';
  }
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** scrypt at 2^17 × 8 × 1: 128 MiB and about half a second per try on a clinic PC. */
export const BACKUP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 12;

interface BackupHeader {
  format: 1;
  app: 'Infusion Desk';
  createdAt: string;
  kdf: { name: 'scrypt'; salt: string } & ScryptParams;
  /** HMAC-SHA256(key, "passphrase check"), first 16 bytes, base64. */
  check: string;
}

interface Manifest {
  format: 1;
  transportKey: string;
  counts: Record<string, number>;
  entries: { name: string; size: number }[];
}

function deriveKey(passphrase: string, salt: Buffer, p: ScryptParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 });
}

const checkValue = (key: Buffer) => createHmac('sha256', key).update('infusion-desk backup passphrase check').digest().subarray(0, 16).toString('base64');

/** Every data file under records/ and documents/, as stored paths. */
function dataFileEntries(dataDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(dir, e.name), `${rel}/${e.name}`);
      else if (e.isFile() && !e.name.endsWith('.partial') && !e.name.endsWith('.download')) out.push(`${rel}/${e.name}`);
    }
  };
  for (const folder of DATA_FILE_FOLDERS) walk(join(dataDir, folder), folder);
  return out;
}

/** An entry name a backup may carry: the store, or a path under records/ or documents/ (never outside the folder). */
function safeEntry(name: string): boolean {
  if (name === DB_ENTRY) return true;
  return /^(records|documents)(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)+$/.test(name) && !name.split('/').some((s) => s === '.' || s === '..');
}

function copyInto(out: SealedAppender, file: string, size: number): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(COPY_CHUNK);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, size - done), done);
      if (n === 0) throw new BackupError(`${file} became shorter while it was backed up`);
      out.write(buf.subarray(0, n));
      done += n;
    }
  } finally {
    closeSync(fd);
  }
}

export interface BackupOptions {
  /** The open store. */
  sqlite: Sqlite;
  /** Its key (null for an unencrypted store). */
  storeKey: Buffer | null;
  dataDir: string;
  out: string;
  passphrase: string;
  scrypt?: ScryptParams;
}

export interface BackupResult {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  files: number;
}

/** Write an encrypted backup of the store and its data files to `out` (a new file). */
export function backupStore(opts: BackupOptions): BackupResult {
  if (opts.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError(`The backup passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters; a sentence of a few words is easy to remember and hard to guess.`);
  }
  if (existsSync(opts.out)) throw new BackupError(`${opts.out} already exists; choose a new file name (a backup never replaces a file).`);
  const params = opts.scrypt ?? BACKUP_SCRYPT;
  const salt = randomBytes(16);
  const key = deriveKey(opts.passphrase, salt, params);
  const header: BackupHeader = {
    format: 1,
    app: 'Infusion Desk',
    createdAt: new Date().toISOString(),
    kdf: { name: 'scrypt', salt: salt.toString('base64'), ...params },
    check: checkValue(key),
  };

  mkdirSync(dirname(opts.out), { recursive: true });
  const snapshot = `${opts.out}.store-partial`;
  const partial = `${opts.out}.partial`;
  removeSqliteFile(snapshot);
  rmSync(partial, { force: true });
  try {
    // The store as of now, under the store's own key (VACUUM INTO keeps it), then under a
    // random transport key that travels inside the encrypted backup.
    opts.sqlite.prepare('VACUUM INTO ?').run(snapshot);
    const transportKey = randomBytes(32);
    const snap = openSqlite(snapshot, { key: opts.storeKey });
    let counts: Map<string, number>;
    try {
      counts = tableCounts(snap);
      rekeyInPlace(snap, transportKey, 'DELETE');
    } finally {
      snap.close();
    }
    const files = dataFileEntries(opts.dataDir);
    const entries = [{ name: DB_ENTRY, size: statSync(snapshot).size }, ...files.map((name) => ({ name, size: statSync(join(opts.dataDir, ...name.split('/'))).size }))];
    const manifest: Manifest = { format: 1, transportKey: transportKey.toString('hex'), counts: Object.fromEntries(counts), entries };
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const total = 4 + manifestBytes.length + entries.reduce((n, e) => n + e.size, 0);

    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const lead = Buffer.alloc(BACKUP_MAGIC.length + 4);
    BACKUP_MAGIC.copy(lead, 0);
    lead.writeUInt32BE(headerBytes.length, BACKUP_MAGIC.length);
    const fd = openSync(partial, 'wx', 0o600);
    try {
      writeSync(fd, Buffer.concat([lead, headerBytes]), 0, lead.length + headerBytes.length, 0);
      const out = SealedAppender.at(key, fd, lead.length + headerBytes.length, total);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(manifestBytes.length, 0);
      out.write(len);
      out.write(manifestBytes);
      copyInto(out, snapshot, entries[0]!.size);
      for (const e of entries.slice(1)) copyInto(out, join(opts.dataDir, ...e.name.split('/')), e.size);
      if (!out.complete) throw new BackupError('the backup was not written whole');
      out.close();
    } finally {
      closeSync(fd);
    }
    renameSync(partial, opts.out);
    return {
      file: opts.out,
      bytes: statSync(opts.out).size,
      tables: counts.size,
      rows: [...counts.values()].reduce((a, b) => a + b, 0),
      files: files.length,
    };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`The backup could not be written (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`, { cause: err });
  } finally {
    removeSqliteFile(snapshot);
  }
}

/**
 * Change the store's key (PRAGMA rekey) keeping every row, checked by integrity_check and
 * every table's count; a copy under the old key is kept until then. The caller keeps the
 * new key (write it where the old one was before calling, as `<key file>.next`, see
 * store-key.ts). The data files stay as they are: their key lives inside the store.
 */
export function rekeyStore(sqlite: Sqlite, newKey: Buffer): { tables: number; rows: number } {
  return rekeyOpenStore(sqlite, sqlite.name, newKey);
}

function readHeader(file: string): { header: BackupHeader; base: number } {
  const fd = openSync(file, 'r');
  try {
    const lead = Buffer.alloc(BACKUP_MAGIC.length + 4);
    if (readSync(fd, lead, 0, lead.length, 0) !== lead.length || !lead.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
      throw new BackupError(`${file} is not an Infusion Desk backup.`);
    }
    const len = lead.readUInt32BE(BACKUP_MAGIC.length);
    if (len > 64 * 1024) throw new BackupError(`${file} is not an Infusion Desk backup.`);
    const bytes = Buffer.alloc(len);
    if (readSync(fd, bytes, 0, len, lead.length) !== len) throw new BackupError(`${file} is cut short.`);
    let header: BackupHeader;
    try {
      header = JSON.parse(bytes.toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupError(`${file} is damaged (its header cannot be read).`);
    }
    if (header.format !== 1 || header.kdf?.name !== 'scrypt') throw new BackupError(`${file} was made by a newer version of Infusion Desk; update the app to restore it.`);
    return { header, base: lead.length + len };
  } finally {
    closeSync(fd);
  }
}

export interface RestoreOptions {
  from: string;
  passphrase: string;
  dataDir: string;
  /** This computer's store key: the restored store is re-keyed to it. */
  storeKey: Buffer;
  /** Names the folder the live store is moved into (tests fix it). */
  now?: () => Date;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  files: number;
  /** Where the store and files that were here before now are (null when there were none). */
  movedAside: string | null;
}

/** Consumes a plain byte stream as: u32 manifest length, manifest, then each entry's bytes into its file. */
class Unpacker {
  private buf: Buffer = Buffer.alloc(0);
  manifest: Manifest | null = null;
  private entry = 0;
  private left = 0;
  private fd: number | null = null;

  constructor(private readonly dir: string) {}

  push(part: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, part]) : part;
    for (;;) {
      if (!this.manifest) {
        if (this.buf.length < 4) return;
        const len = this.buf.readUInt32BE(0);
        if (len > 256 * 1024 * 1024) throw new BackupError('the backup is damaged (its manifest is too large)');
        if (this.buf.length < 4 + len) return;
        this.manifest = JSON.parse(this.buf.subarray(4, 4 + len).toString('utf8')) as Manifest;
        this.buf = this.buf.subarray(4 + len);
        for (const e of this.manifest.entries) if (!safeEntry(e.name)) throw new BackupError(`the backup names a file outside the data folder (${e.name}); it was not restored`);
        this.open();
        continue;
      }
      if (this.fd === null) {
        if (this.buf.length) throw new BackupError('the backup has more bytes than its manifest says');
        return;
      }
      if (this.left === 0) {
        this.next();
        continue;
      }
      if (this.buf.length === 0) return;
      const n = Math.min(this.left, this.buf.length);
      writeSync(this.fd, this.buf, 0, n);
      this.left -= n;
      this.buf = this.buf.subarray(n);
    }
  }

  private open(): void {
    const e = this.manifest!.entries[this.entry];
    if (!e) return;
    const file = join(this.dir, ...e.name.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'wx', 0o600);
    this.left = e.size;
  }

  private next(): void {
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
    this.entry++;
    this.open();
  }

  finish(): void {
    if (this.fd !== null && this.left === 0) this.next();
    if (!this.manifest || this.fd !== null || this.entry < this.manifest.entries.length || this.buf.length) {
      throw new BackupError('the backup is cut short or damaged');
    }
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Restore an encrypted backup into `dataDir` (Infusion Desk must not be using it). */
export async function restoreStore(opts: RestoreOptions): Promise<RestoreResult> {
  const { header, base } = readHeader(opts.from);
  const key = deriveKey(opts.passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  if (checkValue(key) !== header.check) throw new WrongPassphraseError();

  const live = join(opts.dataDir, DB_ENTRY);
  if (existsSync(`${live}-wal`)) {
    throw new BackupError(
      'Infusion Desk (or npm run web) seems to be using this data folder: close it first. (If it stopped unexpectedly, start and close it once.) Nothing was changed.',
    );
  }
  const stamp = (opts.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-');
  const staging = join(opts.dataDir, `.restore-${stamp}`);
  mkdirSync(staging, { recursive: true });
  const unpack = new Unpacker(staging);
  try {
    try {
      for await (const part of sealedSegments(key, opts.from, base)) unpack.push(part);
      unpack.finish();
    } catch (err) {
      unpack.abort();
      if (err instanceof SealedFileError) throw new BackupError('The backup is damaged (a part of it does not check out); it was not restored. Nothing was changed.', { cause: err });
      throw err;
    }
    const manifest = unpack.manifest!;

    // Verify before anything here changes: the store's integrity and every table's rows, and
    // every data file authenticated under the data-files key inside the store.
    const restoredDb = join(staging, DB_ENTRY);
    const db = openSqlite(restoredDb, { key: Buffer.from(manifest.transportKey, 'hex') });
    let counts: Map<string, number>;
    let filesKey: Buffer | null = null;
    try {
      const problem = integrityProblem(db);
      if (problem) throw new BackupError(`The store in the backup failed its integrity check (${problem}); it was not restored. Nothing was changed.`);
      counts = tableCounts(db);
      const diff = countDifferences(new Map(Object.entries(manifest.counts)), counts);
      if (diff.length) throw new BackupError(`The store in the backup does not hold the rows its manifest lists (${diff.join(', ')}); it was not restored. Nothing was changed.`);
      const row = db.prepare(`SELECT value FROM device_meta WHERE key = ?`).get(FILES_KEY_META) as { value: string } | undefined;
      if (row) filesKey = Buffer.from(row.value, 'hex');
      rekeyInPlace(db, opts.storeKey, 'WAL');
      const after = countDifferences(counts, tableCounts(db));
      if (after.length) throw new BackupError(`The restored store lost rows while it was given this computer's key (${after.join(', ')}); it was not restored.`);
    } finally {
      db.close();
    }
    const files = new DataFiles(staging, filesKey);
    for (const e of manifest.entries.slice(1)) {
      try {
        await files.hash(files.path(e.name));
      } catch (err) {
        throw new BackupError(`A file in the backup (${e.name}) does not open with the backup's key; it was not restored. Nothing was changed.`, { cause: err });
      }
    }
    const check = openSqlite(restoredDb, { key: opts.storeKey, readonly: true });
    check.close();

    // Everything checked: move what is here aside, then the restored store and files in.
    const present = [DB_ENTRY, ...DATA_FILE_FOLDERS].filter((n) => existsSync(join(opts.dataDir, n)));
    let aside: string | null = null;
    if (present.length) {
      aside = join(opts.dataDir, `before-restore-${stamp}`);
      mkdirSync(aside, { recursive: true });
      for (const n of present) renameSync(join(opts.dataDir, n), join(aside, n));
      for (const suffix of ['-wal', '-shm']) if (existsSync(`${live}${suffix}`)) renameSync(`${live}${suffix}`, join(aside, `${DB_ENTRY}${suffix}`));
    }
    for (const n of [DB_ENTRY, ...DATA_FILE_FOLDERS]) {
      if (existsSync(join(staging, n))) renameSync(join(staging, n), join(opts.dataDir, n));
    }
    rmSync(staging, { recursive: true, force: true });
    return { tables: counts.size, rows: [...counts.values()].reduce((a, b) => a + b, 0), files: manifest.entries.length - 1, movedAside: aside };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err instanceof BackupError ? err : new BackupError(`The backup could not be restored (${err instanceof Error ? err.message : String(err)}). Nothing was changed.`, { cause: err });
  }
}
