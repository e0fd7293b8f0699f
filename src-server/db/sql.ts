/**
 * The server's database, behind one small interface so the same code runs on the embedded
 * PGlite (a clinic's single box, the default) and on a real PostgreSQL (DATABASE_URL: CI, a
 * clinic group, a managed service). Only SQL both understand is used.
 */
import { mkdirSync } from 'node:fs';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface ServerDb extends Queryable {
  /** Run fn inside one transaction on one connection; rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Embedded PostgreSQL (WASM) in a data folder; `memory` for tests that need no files. */
export async function openPglite(dataDir: string | 'memory'): Promise<ServerDb> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const pg = dataDir === 'memory' ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params: unknown[] = []) => ({ rows: (await pg.query<T>(sql, params)).rows }),
    exec: async (sql: string) => {
      await pg.exec(sql);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      pg.transaction(async (tx) =>
        fn({
          query: async <R>(sql: string, params: unknown[] = []) => ({ rows: (await tx.query<R>(sql, params)).rows }),
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: () => pg.close(),
  };
}

/** A real PostgreSQL server through a connection pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<ServerDb> {
  const pg = (await import('pg')).default;
  // int8 (server sequences, epoch ms) as numbers: they stay far below 2^53.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // A dropped connection in the pool must not crash the server; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params: unknown[] = []) => ({ rows: (await pool.query(sql, params)).rows as T[] }),
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          query: async <R>(sql: string, params: unknown[] = []) => ({ rows: (await client.query(sql, params)).rows as R[] }),
          exec: async (sql: string) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
