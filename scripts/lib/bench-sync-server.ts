/**
 * The clinic server for the sync benchmark (scripts/lib/bench-sync.ts), in a process of its
 * own (forked with an IPC channel), so the benchmark process's memory is the device's alone,
 * as it is for the app on a front-desk computer. Its database: PGlite in BENCH_SYNC_PGLITE_DIR,
 * or the PostgreSQL database at BENCH_SYNC_DATABASE_URL.
 *
 * Besides serving HTTP it answers the benchmark's requests over IPC: make a clinic and an
 * enrolment code, the clinic's head, and the two raw baselines that need the server's
 * database (copy field_state into a SQLite file; call push() directly with given batches).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { PushRequest } from '../../src-shared/sync/protocol';
import { SYNC_SCHEMA_VERSION } from '../../src-shared/sync/protocol';
import { authenticate, createEnrolCode, enrol, ensureClinic } from '../../src-server/devices/enrolment';
import { startClinicServer } from '../../src-server/http/app';
import { openServerDb } from '../../src-server/open';
import { clinicHead, push } from '../../src-server/sync/change-log';

export type ServerRequest =
  | { op: 'clinic'; clinicId: string }
  | { op: 'head'; clinicId: string }
  | { op: 'copyFieldState'; clinicId: string; file: string; pageRows: number }
  | { op: 'enrolDirect'; clinicId: string; nodeId: string }
  | { op: 'pushDirect'; token: string; batches: PushRequest['changes'][] }
  | { op: 'memory'; resetPeak?: boolean };

export type ServerReply =
  | { code: string }
  | { head: number }
  | { rows: number; ms: number; readMs: number; writeMs: number }
  | { token: string }
  | { accepted: number; ms: number; perBatchMs: number[] }
  | { rss: number; peakRss: number };

async function main() {
  const db = await openServerDb({
    databaseUrl: process.env.BENCH_SYNC_DATABASE_URL || undefined,
    dataDir: process.env.BENCH_SYNC_PGLITE_DIR ?? 'memory',
    clinicName: 'Bench clinic',
  });
  const server = await startClinicServer({ db, port: 0 });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);

  async function answer(req: ServerRequest): Promise<ServerReply> {
    switch (req.op) {
      case 'clinic':
        await ensureClinic(db, `Bench ${req.clinicId}`, req.clinicId);
        return { code: (await createEnrolCode(db, req.clinicId)).code };
      case 'head':
        return { head: await clinicHead(db, req.clinicId) };
      case 'copyFieldState': {
        // The raw baseline: the server's current field values, page by page (keyset on the
        // primary key), each page written by one prepared INSERT in one SQLite transaction.
        mkdirSync(dirname(req.file), { recursive: true });
        const sqlite = new Database(req.file);
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = NORMAL');
        sqlite.exec(`CREATE TABLE field_state (table_name TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL, value TEXT,
                     PRIMARY KEY (table_name, row_id, field)) WITHOUT ROWID`);
        const insert = sqlite.prepare(`INSERT INTO field_state (table_name, row_id, field, hlc, value) VALUES (?, ?, ?, ?, ?)`);
        type Row = { table_name: string; row_id: string; field: string; hlc: string; value: string | null };
        const writePage = sqlite.transaction((rows: Row[]) => {
          for (const r of rows) insert.run(r.table_name, r.row_id, r.field, r.hlc, r.value);
        });
        let rows = 0;
        let readMs = 0;
        let writeMs = 0;
        let last: Row | null = null;
        const t0 = performance.now();
        for (;;) {
          const r0 = performance.now();
          const page: Row[] = (
            await db.query<Row>(
              `SELECT table_name, row_id, field, hlc, value FROM field_state
               WHERE clinic_id = $1 AND ($2::text IS NULL OR (table_name, row_id, field) > ($2::text, $3::text, $4::text))
               ORDER BY table_name, row_id, field LIMIT $5`,
              [req.clinicId, last?.table_name ?? null, last?.row_id ?? '', last?.field ?? '', req.pageRows],
            )
          ).rows;
          const w0 = performance.now();
          readMs += w0 - r0;
          if (page.length === 0) break;
          writePage(page);
          writeMs += performance.now() - w0;
          rows += page.length;
          last = page[page.length - 1]!;
          if (page.length < req.pageRows) break;
        }
        const ms = performance.now() - t0;
        sqlite.close();
        return { rows, ms, readMs, writeMs };
      }
      case 'enrolDirect': {
        await ensureClinic(db, `Bench ${req.clinicId}`, req.clinicId);
        const { code } = await createEnrolCode(db, req.clinicId);
        const out = await enrol(db, { code, deviceName: 'Bench (direct)', nodeId: req.nodeId, schemaVersion: SYNC_SCHEMA_VERSION });
        return { token: out.token };
      }
      case 'pushDirect': {
        // The raw baseline for a device's push: the server's push() with the same batches,
        // no HTTP, no JSON over the wire, no request validation.
        const device = await authenticate(db, req.token);
        let accepted = 0;
        const perBatchMs: number[] = [];
        const t0 = performance.now();
        for (const [i, changes] of req.batches.entries()) {
          const b0 = performance.now();
          const out = await push(db, device, { batchId: `bench-direct-${i}`, schemaVersion: SYNC_SCHEMA_VERSION, changes }, Date.now());
          perBatchMs.push(performance.now() - b0);
          accepted += out.accepted;
        }
        return { accepted, ms: performance.now() - t0, perBatchMs };
      }
      case 'memory': {
        const rss = process.memoryUsage().rss;
        const out = { rss, peakRss: Math.max(peakRss, rss) };
        if (req.resetPeak) peakRss = rss;
        return out;
      }
    }
  }

  process.on('message', (msg: { id: number; req: ServerRequest }) => {
    answer(msg.req).then(
      (reply) => process.send!({ id: msg.id, reply }),
      (err: unknown) => process.send!({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  process.on('disconnect', () => {
    clearInterval(sampler);
    void server.close().finally(() => process.exit(0));
  });
  process.send!({ ready: true, url: server.url, kind: db.kind });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
