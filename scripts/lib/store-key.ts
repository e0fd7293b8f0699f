/**
 * The store key for the scripts (web, seed, bench, store) and the browser tests' helpers:
 * DESK_DB_KEY, DESK_DB_KEY_FILE, or the key file beside the data folder
 * (`<data folder>.key`, made once with mode 0600 when `create` is set). See
 * src-main/backend/security/store-key.ts and the README's "Encryption at rest".
 */
import { dirname, join, resolve } from 'node:path';
import { openSqlite, storeFileState } from '../../src-main/backend/db/cipher';
import { resolveStoreKey, settlePendingKey, type ResolvedStoreKey } from '../../src-main/backend/security/store-key';

const cache = new Map<string, ResolvedStoreKey>();

/** The key of the clinic in `dataDir` (made beside it when `create` and none is given). */
export function scriptStoreKey(dataDir: string, opts: { create?: boolean } = {}): Buffer {
  return resolvedScriptStoreKey(dataDir, opts).key;
}

export function resolvedScriptStoreKey(dataDir: string, opts: { create?: boolean } = {}): ResolvedStoreKey {
  const dir = resolve(dataDir);
  let found = cache.get(dir);
  if (!found) {
    // A re-key cut short (npm run store -- rekey) is settled first: the key that opens the store stays.
    found = settlePendingKey(resolveStoreKey({ dataDir: dir, create: opts.create ?? false }), join(dir, 'clinic.sqlite'));
    cache.set(dir, found);
  }
  return found;
}

/** Words for where the key came from, for a script's first lines (never the key itself). */
export function describeKeySource(k: ResolvedStoreKey): string {
  switch (k.source) {
    case 'env':
      return 'the database key from DESK_DB_KEY';
    case 'env-file':
      return `the database key in ${k.file} (DESK_DB_KEY_FILE)`;
    case 'dev-file':
      return `${k.created ? 'a new database key, kept in' : 'the database key in'} ${k.file} (a development key file beside the data folder; keep it private)`;
  }
}

/** The key of the clinic an open backend came from (for its copies: VACUUM INTO keeps the key). */
export function storeKeyOf(backend: { store: { sqlite: { name: string } } }): Buffer {
  return scriptStoreKey(dirname(backend.store.sqlite.name));
}

export { newStoreKey } from '../../src-main/backend/security/store-key';

/**
 * Open a store file read-only for a look before the backend opens it: with the key when it
 * is encrypted, without when it is still unencrypted (a clinic seeded before encryption; the
 * backend encrypts it on its next open).
 */
export function openSqliteAsFound(file: string, key: Buffer, opts: { readonly?: boolean; fileMustExist?: boolean } = {}) {
  return openSqlite(file, { key: storeFileState(file) === 'plain' ? null : key, ...opts });
}
