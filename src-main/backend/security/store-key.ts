/**
 * Where the store key comes from outside Electron: `npm run web`, the scripts (seed, bench,
 * store) and tests. The desktop app keeps its key in the operating system's keychain instead
 * (src-main/keychain-key.ts); both hand the backend the raw 32 bytes.
 *
 * In order:
 *   DESK_DB_KEY       the key itself, 64 hexadecimal digits;
 *   DESK_DB_KEY_FILE  a file holding those 64 digits;
 *   otherwise a key file beside the data folder, `<data folder>.key` (e.g. `.web-clinic.key`
 *   next to `.web-clinic/`), created once with mode 0600 when `create` is set. That is a
 *   development convenience: anyone who can read that file can read the clinic.
 *
 * Re-keying writes the new key to `<key file>.next` before the store is re-keyed and moves it
 * into place after, so a re-key cut short leaves both keys to try (keyCandidates).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openSqlite, STORE_KEY_BYTES, StoreKeyError, storeFileState } from '../db/cipher';

export class StoreKeySourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreKeySourceError';
  }
}

export function newStoreKey(): Buffer {
  return randomBytes(STORE_KEY_BYTES);
}

/** 64 hexadecimal digits (surrounding white space ignored) as the 32-byte key. */
export function parseStoreKey(text: string, where: string): Buffer {
  const t = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(t)) {
    throw new StoreKeySourceError(`${where} must hold the database key as 64 hexadecimal digits (32 bytes); it holds something else.`);
  }
  return Buffer.from(t, 'hex');
}

export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoreKeySourceError(
      code === 'ENOENT' ? `The database key file ${file} does not exist.` : `The database key file ${file} cannot be read (${code ?? 'error'}).`,
    );
  }
  return parseStoreKey(text, `The key file ${file}`);
}

/**
 * Write a key file readable by its owner only (0600), durably: a temporary name, flushed,
 * renamed into place. `exclusive` refuses to replace an existing key file.
 */
export function writeKeyFile(file: string, key: Uint8Array, opts: { exclusive?: boolean } = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  if (opts.exclusive && existsSync(file)) throw new StoreKeySourceError(`The key file ${file} already exists; it was not replaced.`);
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${Buffer.from(key).toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The development key file for a data folder: beside it, never inside (a copy of the folder does not carry its key). */
export function devKeyFileFor(dataDir: string): string {
  return `${resolve(dataDir).replace(/[\\/]+$/, '')}.key`;
}

export type StoreKeySourceKind = 'env' | 'env-file' | 'dev-file';

export interface ResolvedStoreKey {
  key: Buffer;
  source: StoreKeySourceKind;
  /** The key file, when the key came from one (re-keying replaces it). */
  file: string | null;
  /** The dev key file was made just now. */
  created: boolean;
}

export interface ResolveStoreKeyOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Make the dev key file beside the data folder when no key is given (npm run web, seed). */
  create?: boolean;
}

export function resolveStoreKey(opts: ResolveStoreKeyOptions): ResolvedStoreKey {
  const env = opts.env ?? process.env;
  if (env.DESK_DB_KEY) return { key: parseStoreKey(env.DESK_DB_KEY, 'DESK_DB_KEY'), source: 'env', file: null, created: false };
  if (env.DESK_DB_KEY_FILE) {
    const file = resolve(env.DESK_DB_KEY_FILE);
    return { key: readKeyFile(file), source: 'env-file', file, created: false };
  }
  const file = devKeyFileFor(opts.dataDir);
  if (existsSync(file)) return { key: readKeyFile(file), source: 'dev-file', file, created: false };
  if (!opts.create) {
    throw new StoreKeySourceError(
      `No database key was given: set DESK_DB_KEY (64 hexadecimal digits) or DESK_DB_KEY_FILE, or keep the key file ${file} beside the data folder.`,
    );
  }
  const key = newStoreKey();
  writeKeyFile(file, key, { exclusive: true });
  return { key, source: 'dev-file', file, created: true };
}

/** The pending key of a re-key that was cut short, if any. */
export const pendingKeyFile = (file: string) => `${file}.next`;

/**
 * Finish what a cut-short re-key left (a `<key file>.next` beside the key file): whichever of
 * the two keys opens the store stays, the other goes. Returns the key in force.
 */
export function settlePendingKey(resolved: ResolvedStoreKey, dbFile: string): ResolvedStoreKey {
  if (!resolved.file) return resolved;
  const next = pendingKeyFile(resolved.file);
  if (!existsSync(next)) return resolved;
  const opens = (key: Buffer) => {
    try {
      openSqlite(dbFile, { key, readonly: true, fileMustExist: true }).close();
      return true;
    } catch (err) {
      if (err instanceof StoreKeyError) return false;
      throw err;
    }
  };
  if (storeFileState(dbFile) !== 'encrypted' || opens(resolved.key)) {
    rmSync(next, { force: true });
    return resolved;
  }
  const pending = readKeyFile(next);
  if (!opens(pending)) return resolved; // neither: the wrong-key message follows when the store opens
  renameSync(next, resolved.file);
  return { ...resolved, key: pending };
}
