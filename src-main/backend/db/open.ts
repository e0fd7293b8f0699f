/**
 * Opening the clinic's SQLite store: pragmas, then pending migrations from `drizzle/`.
 *
 * A failing migration must leave the old database as it was: drizzle's migrator runs all
 * pending migrations in one transaction (rolled back on error), and before it starts we
 * copy the file with VACUUM INTO, so even a migration that SQLite cannot roll back (or a
 * power cut mid-way) leaves a usable copy beside the store.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;

export interface OpenStoreOptions {
  /** Path of the SQLite file; its folder is created if missing. */
  file: string;
  migrationsFolder: string;
  /** better-sqlite3 native binding built for the running ABI (Electron), when not the default. */
  nativeBinding?: string;
}

export interface Store {
  db: Db;
  sqlite: Sqlite;
  /** The copy taken before this start's migrations, if any ran. */
  backupFile: string | null;
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
}

export function openStore(opts: OpenStoreOptions): Store {
  mkdirSync(join(opts.file, '..'), { recursive: true });
  const existed = existsSync(opts.file);
  const sqlite = new Database(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
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
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
