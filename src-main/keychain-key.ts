/**
 * The desktop app's store key, kept by the operating system's keychain through Electron's
 * `safeStorage` (Windows: DPAPI for the signed-in user; macOS: the login Keychain; Linux: the
 * Secret Service, i.e. GNOME Keyring or KWallet).
 *
 * On first run the main process makes 32 random bytes, has the keychain encrypt them and
 * writes the result to `store-key.keychain` in the user-data folder (mode 0600). Each start
 * reads that file back through the keychain and hands the raw key to the backend worker
 * (backend-protocol.ts `storeKey`). Copying the data folder to another computer or user
 * account copies nothing the keychain there will unlock: the store then refuses to open with
 * the "belongs to another computer's key" message, and an encrypted backup
 * (`npm run store -- backup`) is the way to move a clinic.
 *
 * No Electron import: index.ts passes `safeStorage` in, and tests pass a stand-in.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_KEY_BYTES, StoreKeyError, storeFileState } from './backend/db/cipher';

export const KEYCHAIN_KEY_FILE = 'store-key.keychain';

/** What the app needs of Electron's safeStorage. */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store safeStorage uses ('basic_text' is no real protection). */
  getSelectedStorageBackend?(): string;
}

export class KeychainKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeychainKeyError';
  }
}

export interface KeychainKeyOptions {
  /** The user-data folder: the key file goes here, beside the store. */
  userData: string;
  /** The store file, to tell a first run from a lost key. */
  dbFile: string;
  keychain: Keychain;
  platform?: NodeJS.Platform;
  /** DESK_ALLOW_BASIC_KEYCHAIN=1 accepts Linux's fallback store (a fixed password) instead of refusing. */
  env?: NodeJS.ProcessEnv;
}

export interface KeychainKey {
  key: Buffer;
  /** The key was made just now (first run). */
  created: boolean;
}

/**
 * The store key from the keychain, made on first run. Must be called once the app is ready
 * (before that, safeStorage is not available on Linux and macOS).
 */
export function keychainStoreKey(opts: KeychainKeyOptions): KeychainKey {
  const { keychain } = opts;
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  if (!keychain.isEncryptionAvailable()) {
    throw new KeychainKeyError(
      "This computer's keychain is not available, so the clinic database key cannot be kept safe and the database stays closed. " +
        (platform === 'linux'
          ? 'Sign in to a desktop session with a keyring (GNOME Keyring or KWallet) unlocked, then start Infusion Desk again.'
          : 'Sign in to this computer as yourself (not a temporary profile), then start Infusion Desk again.'),
    );
  }
  if (platform === 'linux' && keychain.getSelectedStorageBackend?.() === 'basic_text' && env.DESK_ALLOW_BASIC_KEYCHAIN !== '1') {
    throw new KeychainKeyError(
      'No keyring (GNOME Keyring or KWallet) is running in this desktop session, so the clinic database key cannot be kept safe and the database stays closed. ' +
        'Install or unlock a keyring and start Infusion Desk again. (For a test computer only: DESK_ALLOW_BASIC_KEYCHAIN=1 keeps the key under a fixed password.)',
    );
  }
  const file = join(opts.userData, KEYCHAIN_KEY_FILE);
  if (existsSync(file)) {
    let text: string;
    try {
      text = keychain.decryptString(readFileSync(file));
    } catch {
      throw new KeychainKeyError(
        `The keychain on this computer could not unlock the clinic database key (${file}); it was made by another user account or computer, ` +
          'or the keychain was reset. Nothing was changed. Restore an encrypted backup to use this computer (npm run store -- restore --from FILE).',
      );
    }
    if (!/^[0-9a-f]{64}$/.test(text)) throw new KeychainKeyError(`The clinic database key file ${file} is damaged. Nothing was changed.`);
    return { key: Buffer.from(text, 'hex'), created: false };
  }
  // No key file: a first run, unless an encrypted store is already there (its key was lost).
  if (storeFileState(opts.dbFile) === 'encrypted') throw new StoreKeyError('missing-key', opts.dbFile);
  const key = randomBytes(STORE_KEY_BYTES);
  writePrivateFile(file, keychain.encryptString(key.toString('hex')));
  return { key, created: true };
}

/** Owner-only (0600), durably: temporary name, flushed, renamed. */
function writePrivateFile(file: string, bytes: Uint8Array): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
