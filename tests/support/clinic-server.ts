/**
 * A clinic server for tests: on embedded PGlite (in memory), or on the real PostgreSQL that
 * .ci/run starts (DESK_TEST_PG_URL), each server in a database of its own, dropped after.
 */
import { randomBytes } from 'node:crypto';
import { migrateServer } from '../../src-server/db/migrate';
import { openPglite, openPostgres, type ServerDb } from '../../src-server/db/sql';
import { createEnrolCode, DEFAULT_CLINIC_ID, ensureClinic } from '../../src-server/devices/enrolment';
import { startClinicServer, type ClinicServer, type ClinicServerOptions } from '../../src-server/http/app';
import { SERVER_MIGRATIONS } from '../../src-server/open';

export type ServerKind = 'pglite' | 'postgres';

export const PG_URL = process.env.DESK_TEST_PG_URL ?? null;
if (process.env.CI && !PG_URL) {
  throw new Error('DESK_TEST_PG_URL is not set: .ci/run starts PostgreSQL and sets it, and CI runs the sync tests on it.');
}
/** The kinds to run against here: PGlite always, PostgreSQL where one is running. */
export const SERVER_KINDS: ServerKind[] = PG_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestServerDb {
  db: ServerDb;
  /** Open another connection pool on the same database (a second server process). */
  reopen(): Promise<ServerDb>;
  drop(): Promise<void>;
}

export async function openTestServerDb(kind: ServerKind): Promise<TestServerDb> {
  if (kind === 'pglite') {
    const db = await openPglite('memory');
    await migrateServer(db, SERVER_MIGRATIONS);
    await ensureClinic(db, 'Test clinic');
    return { db, reopen: async () => db, drop: async () => {} };
  }
  const name = `desk_sync_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(PG_URL!, 1);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  await migrateServer(db, SERVER_MIGRATIONS);
  await ensureClinic(db, 'Test clinic');
  const pools: ServerDb[] = [db];
  return {
    db,
    reopen: async () => {
      const p = await openPostgres(url.toString());
      pools.push(p);
      return p;
    },
    drop: async () => {
      for (const p of pools) await p.close().catch(() => {});
      const a = await openPostgres(PG_URL!, 1);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

export interface TestClinicServer extends ClinicServer {
  db: ServerDb;
  store: TestServerDb;
  enrolCode(opts?: { canAdmin?: boolean }): Promise<string>;
  dispose(): Promise<void>;
}

export async function startTestServer(kind: ServerKind, opts: Omit<ClinicServerOptions, 'db'> = {}, existing?: TestServerDb): Promise<TestClinicServer> {
  const store = existing ?? (await openTestServerDb(kind));
  const server = await startClinicServer({ db: store.db, pollMs: 100, ...opts });
  return Object.assign(server, {
    db: store.db,
    store,
    enrolCode: async (o: { canAdmin?: boolean } = {}) => (await createEnrolCode(store.db, DEFAULT_CLINIC_ID, o)).code,
    dispose: async () => {
      await server.kill();
      if (!existing) {
        if (kind === 'pglite') await store.db.close();
        else await store.drop();
      }
    },
  });
}
