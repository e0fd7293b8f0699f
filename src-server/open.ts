/** Open the server's database (PGlite in a data folder, or DATABASE_URL) and bring it up to date. */
import { resolve } from 'node:path';
import { migrateServer } from './db/migrate';
import { openPglite, openPostgres, type ServerDb } from './db/sql';
import { ensureClinic } from './devices/enrolment';

export const SERVER_MIGRATIONS = resolve(import.meta.dirname, '../drizzle/server');

export async function openServerDb(opts: { databaseUrl?: string | undefined; dataDir?: string; clinicName?: string }): Promise<ServerDb> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openPglite(opts.dataDir ?? 'memory');
  try {
    await migrateServer(db, SERVER_MIGRATIONS);
    await ensureClinic(db, opts.clinicName ?? 'Clinic');
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
