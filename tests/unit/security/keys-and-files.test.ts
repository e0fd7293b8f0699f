/**
 * Where store keys come from (environment, key file, the development key file beside the data
 * folder, the OS keychain through a stand-in for Electron's safeStorage), and the sealed-file
 * format of the data folder's files: whole and ranged reads, a download resumed from its last
 * whole segment, and any change, cut or swap noticed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreKeyError } from '../../../src-main/backend/db/cipher';
import { DataFiles, dataFileSize, readDataFile } from '../../../src-main/backend/security/data-files';
import { openSealedBuffer, plainSizeOf, readSealedRange, SealedAppender, sealBuffer, SealedFileError, SEGMENT_BYTES } from '../../../src-main/backend/security/sealed-file';
import { devKeyFileFor, parseStoreKey, resolveStoreKey, StoreKeySourceError, writeKeyFile } from '../../../src-main/backend/security/store-key';
import { KEYCHAIN_KEY_FILE, KeychainKeyError, keychainStoreKey, type Keychain } from '../../../src-main/keychain-key';
import { tempDir } from '../../support/temp-backend';

describe('store keys outside Electron', () => {
  it('come from DESK_DB_KEY, then DESK_DB_KEY_FILE, then a key file beside (not inside) the data folder made once with mode 0600', () => {
    const root = tempDir('desk-keys-');
    const dataDir = join(root, 'clinic');
    const hex = randomBytes(32).toString('hex');
    expect(resolveStoreKey({ dataDir, env: { DESK_DB_KEY: hex } })).toMatchObject({ source: 'env', file: null });
    expect(resolveStoreKey({ dataDir, env: { DESK_DB_KEY: hex } }).key.toString('hex')).toBe(hex);

    const file = join(root, 'elsewhere.key');
    writeFileSync(file, `${hex}\n`);
    expect(resolveStoreKey({ dataDir, env: { DESK_DB_KEY_FILE: file } }).key.toString('hex')).toBe(hex);

    expect(() => resolveStoreKey({ dataDir, env: {} })).toThrow(StoreKeySourceError);
    const made = resolveStoreKey({ dataDir, env: {}, create: true });
    expect(made).toMatchObject({ source: 'dev-file', created: true, file: join(root, 'clinic.key') });
    expect(devKeyFileFor(`${dataDir}/`)).toBe(join(root, 'clinic.key'));
    expect(statSync(made.file!).mode & 0o777).toBe(0o600);
    const again = resolveStoreKey({ dataDir, env: {}, create: true });
    expect(again.created).toBe(false);
    expect(again.key.equals(made.key)).toBe(true);
    expect(() => writeKeyFile(made.file!, randomBytes(32), { exclusive: true })).toThrow(/already exists/);
  });

  it('refuse anything but 64 hexadecimal digits, saying where', () => {
    expect(() => parseStoreKey('abc', 'DESK_DB_KEY')).toThrow(/^DESK_DB_KEY must hold the database key as 64 hexadecimal digits/);
    expect(() => resolveStoreKey({ dataDir: tempDir(), env: { DESK_DB_KEY_FILE: join(tempDir(), 'none.key') } })).toThrow(/does not exist/);
  });
});

/** A stand-in for Electron's safeStorage (reversible, like the shell stub). */
function fakeKeychain(overrides: Partial<Keychain> = {}): Keychain & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString(text) {
      sealed.push(text);
      return Buffer.from(`kc:${Buffer.from(text).toString('base64')}`);
    },
    decryptString(b) {
      const t = b.toString();
      if (!t.startsWith('kc:')) throw new Error('cannot decrypt');
      return Buffer.from(t.slice(3), 'base64').toString();
    },
    ...overrides,
  };
}

describe('the desktop key in the OS keychain', () => {
  it('is made on first run, kept only as the keychain sealed it (0600), and the same on the next start', () => {
    const userData = tempDir('desk-kc-');
    const dbFile = join(userData, 'clinic.sqlite');
    const kc = fakeKeychain();
    const first = keychainStoreKey({ userData, dbFile, keychain: kc, platform: 'linux', env: {} });
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    const kept = readFileSync(join(userData, KEYCHAIN_KEY_FILE));
    expect(kept.includes(first.key.toString('hex'))).toBe(false);
    expect(statSync(join(userData, KEYCHAIN_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = keychainStoreKey({ userData, dbFile, keychain: kc, platform: 'linux', env: {} });
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('is refused plainly when the keychain is missing, only a fixed-password fallback, or cannot unlock the key', () => {
    const userData = tempDir('desk-kc-');
    const dbFile = join(userData, 'clinic.sqlite');
    expect(() => keychainStoreKey({ userData, dbFile, keychain: fakeKeychain({ isEncryptionAvailable: () => false }), platform: 'win32', env: {} })).toThrow(
      /keychain is not available/,
    );
    const basic = fakeKeychain({ getSelectedStorageBackend: () => 'basic_text' });
    expect(() => keychainStoreKey({ userData, dbFile, keychain: basic, platform: 'linux', env: {} })).toThrow(KeychainKeyError);
    expect(existsSync(join(userData, KEYCHAIN_KEY_FILE))).toBe(false);
    expect(keychainStoreKey({ userData, dbFile, keychain: basic, platform: 'linux', env: { DESK_ALLOW_BASIC_KEYCHAIN: '1' } }).created).toBe(true);
    // Another user's keychain cannot open this key file.
    const stranger = fakeKeychain({ decryptString: () => { throw new Error('no'); } });
    expect(() => keychainStoreKey({ userData, dbFile, keychain: stranger, platform: 'linux', env: {} })).toThrow(/could not unlock the clinic database key/);
  });

  it('is not made anew for an encrypted store whose key file is gone: that is a lost key', () => {
    const userData = tempDir('desk-kc-');
    const dbFile = join(userData, 'clinic.sqlite');
    writeFileSync(dbFile, randomBytes(8192));
    expect(() => keychainStoreKey({ userData, dbFile, keychain: fakeKeychain(), platform: 'darwin', env: {} })).toThrow(StoreKeyError);
    expect(existsSync(join(userData, KEYCHAIN_KEY_FILE))).toBe(false);
  });
});

describe('sealed files', () => {
  const key = randomBytes(32);
  const sizes = [0, 1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 17];

  it('round-trip at every size, with the plain size known from the file size alone', () => {
    for (const n of sizes) {
      const plain = randomBytes(n);
      const sealed = sealBuffer(key, plain);
      expect(openSealedBuffer(key, sealed).equals(plain), String(n)).toBe(true);
      expect(plainSizeOf(sealed.length)).toBe(n);
      expect(sealed.includes(plain.subarray(0, Math.min(n, 32))) && n >= 16).toBe(false);
    }
  });

  it('read any range from the segments it lies in', () => {
    const dir = tempDir();
    const plain = randomBytes(3 * SEGMENT_BYTES + 17);
    const file = join(dir, 'f');
    writeFileSync(file, sealBuffer(key, plain));
    for (const [start, len] of [[0, 10], [SEGMENT_BYTES - 5, 10], [SEGMENT_BYTES, SEGMENT_BYTES], [plain.length - 17, 17], [0, plain.length]] as const) {
      expect(readSealedRange(key, file, start, len).equals(plain.subarray(start, start + len))).toBe(true);
    }
    expect(() => readSealedRange(key, file, plain.length - 1, 2)).toThrow(SealedFileError);
    expect(dataFileSize(file)).toBe(plain.length);
  });

  it('notice a changed byte, a cut-off end, a wrong key and a swapped segment', () => {
    const plain = randomBytes(2 * SEGMENT_BYTES + 5);
    const sealed = sealBuffer(key, plain);
    const flipped = Buffer.from(sealed);
    flipped[100]! ^= 1;
    expect(() => openSealedBuffer(key, flipped)).toThrow(SealedFileError);
    // Cut after the second whole segment: the segment now last was not sealed as the last one.
    expect(() => openSealedBuffer(key, sealed.subarray(0, 28 + 2 * (SEGMENT_BYTES + 16)))).toThrow(SealedFileError);
    expect(() => openSealedBuffer(randomBytes(32), sealed)).toThrow(SealedFileError);
    const seg = SEGMENT_BYTES + 16;
    const swapped = Buffer.concat([sealed.subarray(0, 28), sealed.subarray(28 + seg, 28 + 2 * seg), sealed.subarray(28, 28 + seg), sealed.subarray(28 + 2 * seg)]);
    expect(() => openSealedBuffer(key, swapped)).toThrow(SealedFileError);
  });

  it('resume a download from the last whole segment, whatever size the pieces came in', () => {
    const dir = tempDir();
    const file = join(dir, 'doc.pdf.download');
    const plain = randomBytes(5 * SEGMENT_BYTES + 1234);
    const first = SealedAppender.open(key, file, plain.length);
    first.write(plain.subarray(0, 2 * SEGMENT_BYTES + 100)); // 100 bytes short of a third segment: not on disk
    first.close();
    expect(dataFileSize(file)).toBe(2 * SEGMENT_BYTES);
    const second = SealedAppender.open(key, file, plain.length);
    expect(second.have).toBe(2 * SEGMENT_BYTES);
    for (let at = second.have; at < plain.length; at += 7777) second.write(plain.subarray(at, Math.min(plain.length, at + 7777)));
    expect(second.complete).toBe(true);
    second.close();
    expect(readDataFile(file, key).equals(plain)).toBe(true);
  });

  it('are read as they are when plain (from before encryption), and sealed in place once', async () => {
    const dir = tempDir();
    const files = new DataFiles(dir, key);
    const old = files.path('records/ab/abc.txt');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'records', 'ab'), { recursive: true });
    writeFileSync(old, 'plain text from before');
    expect(files.read(old).toString()).toBe('plain text from before');
    expect(files.sealPlainFiles()).toBe(1);
    expect(readFileSync(old).includes('plain text')).toBe(false);
    expect(files.read(old).toString()).toBe('plain text from before');
    expect(await files.hash(old)).toMatch(/^[0-9a-f]{64}$/);
    expect(files.sealPlainFiles()).toBe(0);
  });
});
