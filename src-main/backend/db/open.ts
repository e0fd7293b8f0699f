/**
 * Opening the clinic's SQLite store: its key (db/cipher.ts), pragmas, then pending
 * migrations from `drizzle/`.
 *
 * With a key, the store is encrypted (SQLCipher 4 compatible). An unencrypted store from
 * before encryption is encrypted in place the first time it is opened with a key (a copy is
 * encrypted and checked, then put in its place), and so are the copies that earlier upgrades
 * left beside it. A wrong or missing key stops here with a StoreKeyError, the file untouched.
 *
 * A failing migration must leave the old database as it was: drizzle's migrator runs all
 * pending migrations in one transaction (rolled back on error), and before it starts we
 * copy the file with VACUUM INTO, so even a migration that SQLite cannot roll back (or a
 * power cut mid-way) leaves a usable copy beside the store.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { encryptPlainStore, openSqlite, storeFileState } from './cipher';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export interface OpenStoreOptions {
  /** Path of the SQLite file; its folder is created if missing. */
  file: string;
  migrationsFolder: string;
  /** better-sqlite3 native binding built for the running ABI (Electron), when not the default. */
  nativeBinding?: string;
  /**
   * The store key (32 random bytes per device). Absent or null: an unencrypted store, which
   * only tests of the unencrypted past and the benchmarks' baseline ask for.
   */
  key?: Uint8Array | null;
}

export interface Store {
  db: Db;
  sqlite: Sqlite;
  /** The copy taken before this start's migrations, if any ran. */
  backupFile: string | null;
  /** Opened with a key (the file on disk is encrypted). */
  encrypted: boolean;
  /** An unencrypted store was encrypted in place by this open. */
  encryptedNow: boolean;
  close(): void;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly backupFile: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

function pendingMigrations(sqlite: Sqlite, migrationsFolder: string): Journal['entries'] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const hasTable = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
    .get();
  const last = hasTable
    ? (sqlite.prepare(`SELECT max(created_at) AS last FROM __drizzle_migrations`).get() as { last: number | null }).last
    : null;
  return journal.entries.filter((e) => last === null || e.when > Number(last));
}

export function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process (a backup tool, the web harness) may hold a lock briefly.
  sqlite.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable across application crashes; only an OS crash can lose the
  // last transactions, never corrupt the file.
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): with the store encrypted, every page read
  // from disk is also decrypted, so keeping the working set of a busy clinic in memory
  // matters; a chart open otherwise pushes out the pages the next write needs.
  sqlite.pragma('cache_size = -65536');
}

/** Plain copies an earlier upgrade left beside the store (`clinic.sqlite.before-<tag>.bak`). */
function plainBackupsBeside(file: string): string[] {
  const prefix = `${basename(file)}.before-`;
  return readdirSync(dirname(file))
    .filter((n) => n.startsWith(prefix) && n.endsWith('.bak'))
    .map((n) => join(dirname(file), n))
    .filter((f) => storeFileState(f) === 'plain');
}

export function openStore(opts: OpenStoreOptions): Store {
  mkdirSync(join(opts.file, '..'), { recursive: true });
  const key = opts.key ?? null;
  let encryptedNow = false;
  if (key && storeFileState(opts.file) === 'plain') {
    encryptPlainStore(opts.file, key, opts.nativeBinding);
    encryptedNow = true;
  }
  if (key) {
    // Copies taken before earlier upgrades hold the same patients: they are encrypted too.
    for (const bak of plainBackupsBeside(opts.file)) encryptPlainStore(bak, key, opts.nativeBinding);
  }
  const existed = existsSync(opts.file);
  const sqlite = openSqlite(opts.file, { key, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  let backupFile: string | null = null;
  try {
    applyPragmas(sqlite);
    const pending = pendingMigrations(sqlite, opts.migrationsFolder);
    const hasData =
      existed &&
      (sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n > 0;
    if (pending.length > 0 && hasData) {
      backupFile = `${opts.file}.before-${pending[0]!.tag}.bak`;
      rmSync(backupFile, { force: true });
      sqlite.prepare('VACUUM INTO ?').run(backupFile);
    }
    const db = drizzle(sqlite, { schema });
    if (pending.length > 0) {
      try {
        migrate(db, { migrationsFolder: opts.migrationsFolder });
      } catch (err) {
        throw new MigrationError(
          `The database could not be upgraded (${pending.map((p) => p.tag).join(', ')}); it was left as it was.` +
            (backupFile ? ` A copy taken before the upgrade is at ${backupFile}.` : ''),
          backupFile,
          { cause: err },
        );
      }
    }
    return {
      db,
      sqlite,
      backupFile,
      encrypted: key !== null,
      encryptedNow,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
