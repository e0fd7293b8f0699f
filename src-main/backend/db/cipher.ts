/**
 * Encryption of the clinic's SQLite store at rest.
 *
 * The driver is better-sqlite3-multiple-ciphers (installed under the `better-sqlite3` name),
 * set to its SQLCipher scheme with SQLCipher 4's defaults (AES-256-CBC pages with an
 * HMAC-SHA512 each, 4096-byte pages), keyed with a raw 32-byte key: the standard `sqlcipher`
 * tool opens the file with `PRAGMA key = "x'<64 hex digits>'";`. The key is random per
 * device; where it lives is up to the caller (security/store-key.ts, src-main/keychain-key.ts).
 *
 * A wrong key is only noticed at the first read (SQLITE_NOTADB). Every open here reads
 * sqlite_master straight after keying, before anything could write, and turns that failure
 * into a StoreKeyError in plain words: nothing in the file is changed.
 */
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

import { hasContent, isPlainSqliteFile, STORE_KEY_BYTES, StoreKeyError } from './store-file';

export { hasContent, isPlainSqliteFile, STORE_KEY_BYTES, StoreKeyError, storeFileState, type StoreKeyProblem } from './store-file';

type Sqlite = Database.Database;

export function checkStoreKey(key: Uint8Array): void {
  if (key.byteLength !== STORE_KEY_BYTES) throw new Error(`A store key is ${STORE_KEY_BYTES} bytes; this one has ${key.byteLength}.`);
}

const hex = (key: Uint8Array) => Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex');

/** The cipher settings: SQLCipher 4 compatible. Before the key, before any read. */
function selectCipher(sqlite: Sqlite): void {
  sqlite.pragma(`cipher = 'sqlcipher'`);
  sqlite.pragma('legacy = 4');
}

/** Key a freshly opened connection (raw key, no passphrase derivation). */
export function applyKey(sqlite: Sqlite, key: Uint8Array): void {
  checkStoreKey(key);
  selectCipher(sqlite);
  sqlite.pragma(`key = "x'${hex(key)}'"`);
}

const isNotADatabase = (err: unknown) => (err as { code?: string } | null)?.code === 'SQLITE_NOTADB';

export interface OpenSqliteOptions {
  /** The store key; null opens an unencrypted file (refused for an encrypted one with StoreKeyError). */
  key: Uint8Array | null;
  readonly?: boolean;
  fileMustExist?: boolean;
  nativeBinding?: string;
}

/**
 * Open a store file with its key and prove the key by reading sqlite_master. A wrong or
 * missing key throws StoreKeyError and the connection is closed (the file is not changed).
 */
export function openSqlite(file: string, opts: OpenSqliteOptions): Sqlite {
  const sqlite = new Database(file, {
    ...(opts.readonly ? { readonly: true } : {}),
    ...(opts.fileMustExist ? { fileMustExist: true } : {}),
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    if (opts.key) applyKey(sqlite, opts.key);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (err) {
    sqlite.close();
    if (isNotADatabase(err)) throw new StoreKeyError(opts.key ? 'wrong-key' : 'missing-key', file, { cause: err });
    throw err;
  }
}

/** Rows in every table (virtual tables and FTS shadow tables included), by name. */
export function tableCounts(sqlite: Sqlite): Map<string, number> {
  const names = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const counts = new Map<string, number>();
  for (const name of names) {
    counts.set(name, sqlite.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number);
  }
  return counts;
}

/** The tables whose counts differ, as "name: a -> b" (empty when every table has as many rows). */
export function countDifferences(before: Map<string, number>, after: Map<string, number>): string[] {
  const out: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(name) !== after.get(name)) out.push(`${name}: ${before.get(name) ?? 'missing'} -> ${after.get(name) ?? 'missing'}`);
  }
  return out;
}

/** PRAGMA integrity_check's verdict: null when the file is sound, else its first findings. */
export function integrityProblem(sqlite: Sqlite): string | null {
  const rows = sqlite.prepare('PRAGMA integrity_check(5)').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? null : rows.join('; ');
}

/** Every trace of a SQLite file: the file, its WAL and shared-memory index, a rollback journal. */
export function removeSqliteFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

export class StoreEncryptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreEncryptionError';
  }
}

/**
 * Encrypt an unencrypted store file in place, keeping every row. The original is never
 * written to until the end: its WAL is folded in, it is copied, the copy is encrypted
 * (PRAGMA rekey), checked (integrity_check and every table's row count against the
 * original) and only then renamed over the original, in one step. If anything fails, the
 * original is left as it was and the copy removed.
 */
export function encryptPlainStore(file: string, key: Uint8Array, nativeBinding?: string, hooks: { beforeSwap?(work: string): void } = {}): void {
  checkStoreKey(key);
  const binding = nativeBinding ? { nativeBinding } : {};
  const work = `${file}.encrypting`;
  removeSqliteFile(work);
  let before: Map<string, number>;
  // Fold the WAL into the file (closing the last connection removes the WAL).
  const plain = new Database(file, { fileMustExist: true, ...binding });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    before = tableCounts(plain);
  } finally {
    plain.close();
  }
  if (hasContent(`${file}-wal`)) {
    throw new StoreEncryptionError(`The database could not be encrypted: another program is using it (${file}). Close it and start again; nothing was changed.`);
  }
  try {
    copyFileSync(file, work);
    const copy = new Database(work, { fileMustExist: true, ...binding });
    try {
      // The copy's journal mode is the original's (WAL), and re-keying needs a rollback
      // journal (the cipher refuses journal_mode OFF): switch while every page is rewritten.
      copy.pragma('journal_mode = DELETE');
      selectCipher(copy);
      copy.pragma(`rekey = "x'${hex(key)}'"`);
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    if (isPlainSqliteFile(work)) throw new StoreEncryptionError('the encrypted copy still reads as plain SQLite');
    const check = openSqlite(work, { key, ...binding });
    try {
      const problem = integrityProblem(check);
      if (problem) throw new StoreEncryptionError(`the encrypted copy failed its integrity check: ${problem}`);
      const diff = countDifferences(before, tableCounts(check));
      if (diff.length) throw new StoreEncryptionError(`the encrypted copy does not hold every row (${diff.join(', ')})`);
    } finally {
      check.close();
    }
    hooks.beforeSwap?.(work);
    rmSync(`${file}-shm`, { force: true });
    renameSync(work, file);
  } catch (err) {
    removeSqliteFile(work);
    if (err instanceof StoreEncryptionError && err.message.startsWith('The database')) throw err;
    throw new StoreEncryptionError(
      `The database could not be encrypted (${err instanceof Error ? err.message : String(err)}); it was left as it was, unencrypted. File: ${file}`,
      { cause: err },
    );
  }
}

/**
 * Change the key of an open store, keeping every row. A copy under the old key is taken
 * first (VACUUM INTO keeps the connection's encryption) and removed once the re-keyed store
 * has passed its checks; if re-keying fails, the copy is left beside the store and named in
 * the error.
 */
export function rekeyOpenStore(sqlite: Sqlite, file: string, newKey: Uint8Array): { tables: number; rows: number } {
  checkStoreKey(newKey);
  const before = tableCounts(sqlite);
  const backup = `${file}.before-rekey.bak`;
  removeSqliteFile(backup);
  sqlite.prepare('VACUUM INTO ?').run(backup);
  try {
    rekeyInPlace(sqlite, newKey, 'WAL');
    const problem = integrityProblem(sqlite);
    if (problem) throw new StoreEncryptionError(`the re-keyed store failed its integrity check: ${problem}`);
    const diff = countDifferences(before, tableCounts(sqlite));
    if (diff.length) throw new StoreEncryptionError(`the re-keyed store does not hold every row (${diff.join(', ')})`);
  } catch (err) {
    throw new StoreEncryptionError(
      `The database could not be re-keyed (${err instanceof Error ? err.message : String(err)}). A copy under the old key is at ${backup}.`,
      { cause: err },
    );
  }
  removeSqliteFile(backup);
  const rows = [...before.values()].reduce((a, b) => a + b, 0);
  return { tables: before.size, rows };
}

/**
 * PRAGMA rekey on an open connection with no copy taken (a copy the caller made, or the
 * caller's own backup): the WAL folded in, a rollback journal while every page is rewritten,
 * then the journal mode asked for.
 */
export function rekeyInPlace(sqlite: Sqlite, newKey: Uint8Array, journal: 'WAL' | 'DELETE'): void {
  checkStoreKey(newKey);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  try {
    selectCipher(sqlite);
    sqlite.pragma(`rekey = "x'${hex(newKey)}'"`);
  } finally {
    sqlite.pragma(`journal_mode = ${journal}`);
  }
}
