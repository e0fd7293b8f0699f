/**
 * Applies drizzle/server/*.sql in name order, each once and in its own transaction, recorded
 * in server_migrations. Several server processes may start together on one PostgreSQL: an
 * advisory lock makes the others wait (PGlite has one connection, so it needs none).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerDb } from './sql';

const LOCK_KEY = 727_001;

export async function migrateServer(db: ServerDb, folder: string): Promise<string[]> {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS server_migrations (name text PRIMARY KEY, applied_at bigint NOT NULL)`);
    const done = new Set((await tx.query<{ name: string }>(`SELECT name FROM server_migrations`)).rows.map((r) => r.name));
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(readFileSync(join(folder, file), 'utf8'));
      await tx.query(`INSERT INTO server_migrations (name, applied_at) VALUES ($1, $2)`, [file, Date.now()]);
      applied.push(file);
    }
  });
  return applied;
}
