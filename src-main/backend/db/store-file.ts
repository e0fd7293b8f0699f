/**
 * The store file on disk, before any driver opens it, and the error for a key that does not
 * open it. No database driver here: the Electron main process uses this too (keychain-key.ts).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

export const STORE_KEY_BYTES = 32;

/** The first 16 bytes of every unencrypted SQLite database file. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type StoreKeyProblem = 'wrong-key' | 'missing-key';

/**
 * The store cannot be opened with the key given (or with none). The message is for the
 * person at the computer, as written; it names no patient data.
 */
export class StoreKeyError extends Error {
  constructor(
    readonly problem: StoreKeyProblem,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(
      problem === 'wrong-key'
        ? `This database belongs to another computer's key (or the key was lost): it cannot be opened here. ` +
            `Nothing in it was changed. Open it on the computer it came from, or restore an encrypted backup ` +
            `on this computer (npm run store -- restore --from FILE). File: ${file}`
        : `This database is encrypted and no key was given for it, so it cannot be opened. Nothing in it was changed. ` +
            `On the computer it belongs to the key is found by itself; elsewhere restore an encrypted backup ` +
            `(npm run store -- restore --from FILE). File: ${file}`,
      options,
    );
    this.name = 'StoreKeyError';
  }
}

/** Does the file exist with something in it? */
export function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** True when the file starts like an unencrypted SQLite database (an encrypted one starts with random bytes). */
export function isPlainSqliteFile(file: string): boolean {
  const head = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** A store file's state on disk, before opening it. */
export function storeFileState(file: string): 'absent' | 'plain' | 'encrypted' {
  if (!existsSync(file) || !hasContent(file)) return 'absent';
  return isPlainSqliteFile(file) ? 'plain' : 'encrypted';
}
