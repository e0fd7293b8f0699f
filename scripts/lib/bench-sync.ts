/**
 * Benchmarks: sync between devices and the clinic server, on loopback. The server runs in a
 * child process (scripts/lib/bench-sync-server.ts), so this process's memory is the device's
 * alone; on PGlite (a temporary data folder) and, when DESK_TEST_PG_URL is set, on PostgreSQL
 * (a database made for the run and dropped after).
 *
 * (a) Initial sync of a new device. The server's change log is built by pushing the seeded
 *     clinic's own change_log through /v1/push (the seeded store is the device that made it:
 *     enrolled with its node id, its log read in outbox batches; the seeded store itself is
 *     only read). Then a fresh backend (empty temporary folder) enrols and runs sync.round()
 *     until its cursor reaches the server's head: changes/s, MB received (response bodies,
 *     counted by the fetch the sync client is given), RSS before and peak RSS during. Raw
 *     baseline: the server's field_state copied page by page straight into a SQLite file
 *     (one prepared INSERT, one transaction per page), in the server process.
 * (b) Propagation of one edit A → B with live updates: two linked backends with their loops
 *     running (default long-poll); A changes a patient's phone through patients.update, timed
 *     until B's store holds the new number (checked every 5 ms and on B's patients.changed).
 *     Raw baseline: one push of one change and one pull after the cursor, bare HttpTransport.
 * (c) Push of 10,000 changes: a linked device with about 10,000 changes waiting (patients
 *     written through insertRow), timed through sync.round() (push, then pulling back the new
 *     changes, as the round does), with the push part on its own. Raw baseline: the server's
 *     push() called directly with the same batches (no HTTP), in the server process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { DB_FILE_NAME, openBackend, type Backend } from '../../src-main/backend/backend';
import type { Sqlite } from '../../src-main/backend/db/open';
import { insertRow, type WriteContext } from '../../src-main/backend/db/mutate';
import { setQuietLogs } from '../../src-main/backend/log';
import { patientRecord } from '../../src-main/backend/patients/record';
import { patients as patientsTable } from '../../src-main/backend/patients/schema';
import { loadDeviceClock } from '../../src-main/backend/sync/device-clock';
import { outboxCount, readOutbox } from '../../src-main/backend/sync/outbox';
import { readPositions } from '../../src-main/backend/sync/state';
import { HttpTransport, type FetchLike } from '../../src-main/backend/sync/transport';
import { formatHlc, parseHlc } from '../../src-shared/hlc';
import { PULL_PAGE_CHANGES, PUSH_BATCH_CHANGES, SYNC_SCHEMA_VERSION, type WireChange } from '../../src-shared/sync/protocol';
import type { BenchContext } from '../bench';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { fmtInt, MIGRATIONS_FOLDER } from './cli';
import { newStoreKey, openSqliteAsFound, scriptStoreKey } from './store-key';
import { generateClinic } from './synthetic-clinic';
import type { DeviceReply, DeviceRequest } from './bench-sync-device';
import type { ServerReply, ServerRequest } from './bench-sync-server';

export const SYNC_AIM = { initialChangesPerSecond: 25_000, peakRssMb: 400, propagationP95Ms: 1000, push10kMs: 2000 } as const;

const PROPAGATION_EDITS = 50;
const PROPAGATION_WARMUP = 3;
const PUSH_CHANGES = 10_000;
const DEFAULT_CLINIC = 'clinic';

const log = (line: string) => console.log(line);
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const perSecond = (n: number, msTaken: number) => (msTaken > 0 ? n / (msTaken / 1000) : NaN);

export interface SyncBenchOptions {
  /** Push at most this many changes of the seeded log to the server (whole operations); null: all. */
  maxChanges?: number | null;
  /** The store whose change_log becomes the server's log (default: the bench's seeded clinic). */
  source?: Sqlite;
  /** Engines to run on; default PGlite, and PostgreSQL when DESK_TEST_PG_URL is set. */
  engines?: Engine[];
}

type Engine = 'pglite' | 'postgres';

// ---------------------------------------------------------------------------------------
// The server process

interface ServerHandle {
  engine: Engine;
  url: string;
  call<T extends ServerReply>(req: ServerRequest): Promise<T>;
  close(): Promise<void>;
}

async function openPgAdmin(url: string) {
  const { openPostgres } = await import('../../src-server/db/sql');
  return openPostgres(url, 1);
}

async function startServer(engine: Engine): Promise<ServerHandle> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BENCH_SYNC_DATABASE_URL;
  delete env.BENCH_SYNC_PGLITE_DIR;
  let cleanup: () => Promise<void>;
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'desk-bench-sync-server-'));
    env.BENCH_SYNC_PGLITE_DIR = join(dir, 'pg');
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const base = process.env.DESK_TEST_PG_URL!;
    const name = `desk_bench_sync_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = await openPgAdmin(base);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env.BENCH_SYNC_DATABASE_URL = url.toString();
    cleanup = async () => {
      const a = await openPgAdmin(base);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    };
  }
  // Forked with this process's flags (tsx's loader), so the child runs TypeScript too.
  const child: ChildProcess = fork(fileURLToPath(new URL('./bench-sync-server.ts', import.meta.url)), [], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve: (r: ServerReply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bench server exited with code ${code} before it was ready`)));
      child.on('message', (msg: { ready?: boolean; url?: string; id?: number; reply?: ServerReply; error?: string }) => {
        if (msg.ready) return resolve(msg.url!);
        const p = pending.get(msg.id!);
        if (!p) return;
        pending.delete(msg.id!);
        if (msg.error) p.reject(new Error(`bench server: ${msg.error}`));
        else p.resolve(msg.reply!);
      });
    });
  } catch (err) {
    await cleanup();
    throw err;
  }
  child.once('exit', () => {
    for (const p of pending.values()) p.reject(new Error('the bench server exited'));
    pending.clear();
  });
  return {
    engine,
    url,
    call: <T extends ServerReply>(req: ServerRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (r: ServerReply) => void, reject });
        child.send({ id, req });
      }),
    async close() {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await cleanup();
    },
  };
}

// ---------------------------------------------------------------------------------------
// Device-side helpers

interface Call {
  path: string;
  start: number;
  end: number;
  received: number;
  sent: number;
}

/** A fetch for the sync client that counts request and response bytes and times each call. */
function countingFetch() {
  const calls: Call[] = [];
  const f: FetchLike = async (url, init) => {
    const start = performance.now();
    const res = await fetch(url, init);
    const body = await res.arrayBuffer();
    const sent = typeof init.body === 'string' ? Buffer.byteLength(init.body) : 0;
    calls.push({ path: new URL(url).pathname, start, end: performance.now(), received: body.byteLength, sent });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  return {
    fetch: f,
    calls,
    received: (path?: string) => calls.filter((c) => !path || c.path === path).reduce((a, c) => a + c.received, 0),
    sent: (path?: string) => calls.filter((c) => !path || c.path === path).reduce((a, c) => a + c.sent, 0),
    reset: () => void calls.splice(0),
  };
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

async function ok<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const r = await backend.invoke(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

async function connect(backend: Backend, server: ServerHandle, clinicId: string, deviceName: string): Promise<void> {
  const { code } = await server.call<{ code: string }>({ op: 'clinic', clinicId });
  await ok(backend, 'sync.connect', { serverUrl: server.url, enrolCode: code, deviceName, allowInsecure: false });
}

function newDevice(prefix: string, sync: Parameters<typeof openBackend>[0]['sync']) {
  const dir = tempDir(prefix);
  const backend = openBackend({ dataDir: dir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: newStoreKey(), sync });
  return {
    backend,
    dir,
    async dispose() {
      await backend.sync.stop();
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sleep = (msWait: number) => new Promise((r) => setTimeout(r, msWait));

// ---------------------------------------------------------------------------------------
// (a) Initial sync of a new device

interface InitialResult {
  logChanges: number;
  buildMs: number;
  changes: number;
  ms: number;
  rounds: number;
  received: number;
  rssBefore: number;
  peakRss: number;
  rawRows: number;
  rawMs: number;
  rawReadMs: number;
  rawWriteMs: number;
  patientsSeeded: number;
  patientsOnDevice: number;
  serverPeakRss: number;
  pulls: number;
  fetchMs: number;
}

/** Run the new device in a process of its own (scripts/lib/bench-sync-device.ts). */
async function runNewDevice(req: DeviceRequest): Promise<DeviceReply> {
  const child = fork(fileURLToPath(new URL('./bench-sync-device.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<DeviceReply>((resolve, reject) => {
    let settled = false;
    child.on('message', (msg: { ready?: boolean; reply?: DeviceReply; error?: string }) => {
      if (msg.ready) return void child.send(req);
      settled = true;
      if (msg.error) reject(new Error(`new device: ${msg.error}`));
      else resolve(msg.reply!);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`the new device's process exited with code ${code}`));
    });
  });
}

async function initialSync(server: ServerHandle, source: Sqlite, maxChanges: number | null): Promise<InitialResult> {
  // The server's log: the seeded store pushes its change_log, batch by batch, as its outbox.
  const first = source.prepare(`SELECT hlc FROM change_log ORDER BY seq LIMIT 1`).pluck().get() as string | undefined;
  if (!first) throw new Error('the seeded clinic has an empty change log');
  const nodeId = parseHlc(first).node;
  const total = source.prepare(`SELECT count(*) FROM change_log`).pluck().get() as number;
  const target = maxChanges ? Math.min(maxChanges, total) : total;
  const { code } = await server.call<{ code: string }>({ op: 'clinic', clinicId: DEFAULT_CLINIC });
  const enrolled = await new HttpTransport(server.url, null).enrol({ code, deviceName: 'Seeded clinic', nodeId, schemaVersion: SYNC_SCHEMA_VERSION });
  const up = new HttpTransport(server.url, enrolled.token);
  log(`Building the server's log: ${fmtInt(target)} of the seeded clinic's ${fmtInt(total)} changes through POST /v1/push, ${fmtInt(PUSH_BATCH_CHANGES)} per batch ...`);
  let after = 0;
  let pushed = 0;
  let nextReport = target / 5;
  const b0 = performance.now();
  for (;;) {
    const batch = readOutbox(source, after, PUSH_BATCH_CHANGES);
    if (!batch) break;
    await up.push({ batchId: uuidv7(), schemaVersion: SYNC_SCHEMA_VERSION, changes: batch.changes });
    after = batch.lastSeq;
    pushed += batch.changes.length;
    if (pushed >= nextReport && pushed < target) {
      const s = (performance.now() - b0) / 1000;
      log(`  ${fmtInt(pushed).padStart(11)} / ${fmtInt(target)}   ${s.toFixed(1).padStart(6)} s   ${fmtInt(pushed / s)} changes/s`);
      nextReport += target / 5;
    }
    if (pushed >= target) break;
  }
  const buildMs = performance.now() - b0;
  const { head: logChanges } = await server.call<{ head: number }>({ op: 'head', clinicId: DEFAULT_CLINIC });
  log(`  ${fmtInt(pushed)} changes pushed in ${(buildMs / 1000).toFixed(1)} s (${fmtInt(perSecond(pushed, buildMs))} changes/s); the server's head is ${fmtInt(logChanges)}.`);
  await server.call({ op: 'memory', resetPeak: true });

  // A new computer: an empty store in a fresh process, enrolled, rounds until its cursor
  // reaches the head.
  const { code: newCode } = await server.call<{ code: string }>({ op: 'clinic', clinicId: DEFAULT_CLINIC });
  const d = await runNewDevice({ url: server.url, code: newCode, head: logChanges });
  const serverMem = await server.call<{ rss: number; peakRss: number }>({ op: 'memory' });
  const count = (s: Sqlite) => s.prepare(`SELECT count(*) FROM patients WHERE deleted_at IS NULL`).pluck().get() as number;
  const result: InitialResult = {
    logChanges,
    buildMs,
    changes: d.changes,
    ms: d.ms,
    rounds: d.rounds,
    received: d.received,
    rssBefore: d.rssBefore,
    peakRss: d.peakRss,
    rawRows: 0,
    rawMs: 0,
    rawReadMs: 0,
    rawWriteMs: 0,
    patientsSeeded: count(source),
    patientsOnDevice: d.patients,
    serverPeakRss: serverMem.peakRss,
    pulls: d.pulls,
    fetchMs: d.fetchMs,
  };
  log(
    `New device: ${fmtInt(d.changes)} changes in ${(d.ms / 1000).toFixed(1)} s over ${d.rounds} round(s), ${d.pulls} pulls (${(d.fetchMs / 1000).toFixed(1)} s waiting on them); ` +
      `${mb(d.received)} received; store ${mb(d.storeBytes)}; ${fmtInt(d.patients)} of ${fmtInt(result.patientsSeeded)} patients.`,
  );

  // Raw baseline: the same clinic's current values straight from the server into SQLite.
  const rawDir = tempDir('desk-bench-sync-raw-');
  try {
    const raw = await server.call<{ rows: number; ms: number; readMs: number; writeMs: number }>({
      op: 'copyFieldState',
      clinicId: DEFAULT_CLINIC,
      file: join(rawDir, 'field_state.sqlite'),
      pageRows: PULL_PAGE_CHANGES,
    });
    Object.assign(result, { rawRows: raw.rows, rawMs: raw.ms, rawReadMs: raw.readMs, rawWriteMs: raw.writeMs });
  } finally {
    rmSync(rawDir, { recursive: true, force: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// (b) Propagation of one edit A → B

interface PropagationResult {
  api: Summary;
  raw: Summary;
}

async function propagation(server: ServerHandle): Promise<PropagationResult> {
  const a = newDevice('desk-bench-sync-a-', {});
  const b = newDevice('desk-bench-sync-b-', {});
  try {
    await connect(a.backend, server, 'live', 'Front desk PC');
    await connect(b.backend, server, 'live', 'Nurse laptop');
    const phoneOn = (d: Backend, id: string) => d.store.sqlite.prepare(`SELECT phone FROM patients WHERE id = ?`).pluck().get(id) as string | null | undefined;
    /** Resolves when B's store holds `phone` for the patient: checked every 5 ms and on B's events. */
    const waitOnB = (id: string, phone: string, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (phoneOn(b.backend, id) === phone) finish();
        };
        const timer = setInterval(check, 5);
        const unsubscribe = b.backend.subscribe((e) => {
          if (e.topic === 'patients.changed') check();
        });
        const deadline = setTimeout(() => {
          clearInterval(timer);
          unsubscribe();
          reject(new Error(`B did not receive the edit within ${timeoutMs} ms`));
        }, timeoutMs);
        function finish() {
          clearInterval(timer);
          clearTimeout(deadline);
          unsubscribe();
          resolve();
        }
        check();
      });

    const fields = {
      firstName: 'Ana',
      lastName: 'Ramirez',
      dateOfBirth: '1984-03-07',
      sex: 'female' as const,
      phone: '(312) 555-0147',
      email: 'ana.ramirez@example.com',
      preferredContact: 'sms' as const,
    };
    const created = await ok<{ id: string }>(a.backend, 'patients.create', fields);
    const patientId = created.id;
    await waitOnB(patientId, phoneOn(a.backend, patientId)!);

    const apiMs: number[] = [];
    for (let i = 0; i < PROPAGATION_WARMUP + PROPAGATION_EDITS; i++) {
      const version = a.backend.store.sqlite.prepare(`SELECT version FROM patients WHERE id = ?`).pluck().get(patientId) as number;
      const phone = `(773) 555-01${String(i % 100).padStart(2, '0')}`;
      const t0 = performance.now();
      await ok(a.backend, 'patients.update', { id: patientId, expectedVersion: version, fields: { ...fields, phone } });
      await waitOnB(patientId, phoneOn(a.backend, patientId)!);
      const dt = performance.now() - t0;
      if (i >= PROPAGATION_WARMUP) apiMs.push(dt);
      // Let both loops settle back into their long-polls, as between two real edits.
      await sleep(100);
    }

    // Raw baseline: one change up and the page holding it back down, bare HTTP, nothing applied.
    const { code } = await server.call<{ code: string }>({ op: 'clinic', clinicId: 'live-raw' });
    const node = randomBytes(8).toString('hex');
    const enrolled = await new HttpTransport(server.url, null).enrol({ code, deviceName: 'Bench raw', nodeId: node, schemaVersion: SYNC_SCHEMA_VERSION });
    const t = new HttpTransport(server.url, enrolled.token);
    let cursor = 0;
    const rawMs: number[] = [];
    const row = uuidv7();
    for (let i = 0; i < PROPAGATION_WARMUP + PROPAGATION_EDITS; i++) {
      const change: WireChange = {
        hlc: formatHlc({ millis: Date.now(), counter: 0, node }),
        op: uuidv7(),
        table: 'patients',
        row,
        field: 'phone',
        value: JSON.stringify(`+1773555${String(100 + i).padStart(4, '0')}`),
        user: null,
      };
      const t0 = performance.now();
      await t.push({ batchId: uuidv7(), schemaVersion: SYNC_SCHEMA_VERSION, changes: [change] });
      const page = await t.pull(cursor, SYNC_SCHEMA_VERSION, 0);
      const dt = performance.now() - t0;
      if (page.kind !== 'changes' || page.changes.length !== 1) throw new Error('the raw round trip did not bring the change back');
      cursor = page.cursor;
      if (i >= PROPAGATION_WARMUP) rawMs.push(dt);
      await sleep(2);
    }
    return { api: summarize(apiMs), raw: summarize(rawMs) };
  } finally {
    await a.dispose();
    await b.dispose();
  }
}

// ---------------------------------------------------------------------------------------
// (c) Push of 10,000 changes

interface PushRun {
  changes: number;
  batches: number;
  roundMs: number;
  pushMs: number;
  pushRequestMs: number;
  sent: number;
  pulledBack: number;
  rawMs: number;
}

async function pushTenThousand(server: ServerHandle, seed: number, reps: number): Promise<PushRun[]> {
  const counter = countingFetch();
  const d = newDevice('desk-bench-sync-push-', { autoStart: false, fetch: counter.fetch });
  try {
    await connect(d.backend, server, 'push', 'Infusion desk PC');
    await d.backend.sync.round();
    const sqlite = d.backend.store.sqlite;
    const me = await ok<{ user: { id: string } }>(d.backend, 'system.whoami', {});
    const w: WriteContext = { db: d.backend.store.db, sqlite, clock: loadDeviceClock(sqlite, Date.now), userId: me.user.id, now: Date.now };
    // Patients only (their coverages would need the clinic's payers); each rep takes new ones.
    const clinic = generateClinic({ seed, patients: reps * 2000 });
    const nodeId = w.clock.node;
    const { token } = await server.call<{ token: string }>({ op: 'enrolDirect', clinicId: 'push-raw', nodeId });
    let nextPatient = 0;
    const runs: PushRun[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const from = readPositions(sqlite).pushedSeq;
      sqlite.transaction(() => {
        while (outboxCount(sqlite, from) < PUSH_CHANGES) {
          const p = clinic.patient(nextPatient++);
          insertRow(w, patientsTable, { id: p.id, ...patientRecord(p.fields, p.fields.mrn) });
        }
      })();
      // The batches pushAll will send, for the raw baseline.
      const batches: WireChange[][] = [];
      let after = from;
      for (let batch = readOutbox(sqlite, after, PUSH_BATCH_CHANGES); batch; batch = readOutbox(sqlite, after, PUSH_BATCH_CHANGES)) {
        batches.push(batch.changes);
        after = batch.lastSeq;
      }
      const changes = batches.reduce((n, x) => n + x.length, 0);
      const raw = await server.call<{ accepted: number; ms: number; perBatchMs: number[] }>({ op: 'pushDirect', token, batches });
      if (raw.accepted !== changes) throw new Error(`the direct push accepted ${raw.accepted} of ${changes} changes`);

      counter.reset();
      const t0 = performance.now();
      await d.backend.sync.round();
      const roundMs = performance.now() - t0;
      const pushes = counter.calls.filter((c) => c.path === '/v1/push');
      if (outboxCount(sqlite, readPositions(sqlite).pushedSeq) !== 0) throw new Error('the round left changes unsent');
      runs.push({
        changes,
        batches: pushes.length,
        roundMs,
        pushMs: pushes.length ? pushes[pushes.length - 1]!.end - t0 : 0,
        pushRequestMs: pushes.reduce((a, c) => a + c.end - c.start, 0),
        sent: counter.sent('/v1/push'),
        pulledBack: counter.received('/v1/pull'),
        rawMs: raw.ms,
      });
    }
    return runs;
  } finally {
    await d.dispose();
  }
}

// ---------------------------------------------------------------------------------------

interface EngineResult {
  engine: Engine;
  initial: InitialResult | null;
  propagation: PropagationResult | null;
  push: PushRun[] | null;
  errors: string[];
}

const median = (xs: number[]) => summarize(xs).p50;

export async function benchSync(ctx: BenchContext, opts: SyncBenchOptions = {}): Promise<EngineResult[]> {
  setQuietLogs(true);
  const source = opts.source ?? ctx.backend.store.sqlite;
  const engines: Engine[] = opts.engines ?? (process.env.DESK_TEST_PG_URL ? ['pglite', 'postgres'] : ['pglite']);
  const reps = Math.min(ctx.iterations, 5);
  log(
    `Server in a child process on loopback; engines: ${engines.join(', ')}${process.env.DESK_TEST_PG_URL ? '' : ' (set DESK_TEST_PG_URL for PostgreSQL too)'}. ` +
      `Seeded log: ${opts.maxChanges ? `at most ${fmtInt(opts.maxChanges)} changes` : 'all of it'}. Push: ${reps} run(s) of ~${fmtInt(PUSH_CHANGES)} changes.`,
  );
  const results: EngineResult[] = [];
  for (const engine of engines) {
    log(`\n-- ${engine === 'pglite' ? 'PGlite (embedded, data folder)' : 'PostgreSQL (DESK_TEST_PG_URL)'} --`);
    const server = await startServer(engine);
    const r: EngineResult = { engine, initial: null, propagation: null, push: null, errors: [] };
    results.push(r);
    const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | null> => {
      try {
        return await fn();
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log(`${name} failed on ${engine}: ${message}`);
        r.errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    };
    try {
      r.initial = await step('initial sync', () => initialSync(server, source, opts.maxChanges ?? null));
      r.propagation = await step('propagation', () => propagation(server));
      r.push = await step('push of 10,000 changes', () => pushTenThousand(server, ctx.seed, reps));
    } finally {
      await server.close();
    }
  }
  printResults(results);
  const failed = results.flatMap((r) => r.errors.map((e) => `${r.engine}: ${e}`));
  if (failed.length) throw new Error(`some sync measurements failed:\n${failed.join('\n')}`);
  return results;
}

function printResults(results: EngineResult[]): void {
  for (const r of results) {
    log(`\nResults on ${r.engine}`);
    const rows: (string | number)[][] = [];
    const i = r.initial;
    if (i) {
      const rate = perSecond(i.changes, i.ms);
      const rawRate = perSecond(i.rawRows, i.rawMs);
      rows.push(
        [`initial sync, ${fmtInt(i.changes)} changes (changes/s)`, fmtInt(rate), fmtInt(rawRate), ratio(rawRate, rate), `>= ${fmtInt(SYNC_AIM.initialChangesPerSecond)}/s`, verdict(rate >= SYNC_AIM.initialChangesPerSecond)],
        [`  time (s)`, (i.ms / 1000).toFixed(1), (i.rawMs / 1000).toFixed(1), ratio(i.ms, i.rawMs), '', ''],
        [`  received`, mb(i.received), '', '', '', ''],
        [`  RSS before / peak`, `${mb(i.rssBefore)} / ${mb(i.peakRss)}`, '', '', `< ${SYNC_AIM.peakRssMb} MB`, verdict(i.peakRss < SYNC_AIM.peakRssMb * MB)],
      );
    }
    const p = r.propagation;
    if (p) {
      rows.push(
        [`edit A -> B, p50 (ms)`, ms(p.api.p50), ms(p.raw.p50), ratio(p.api.p50, p.raw.p50), '', ''],
        [`edit A -> B, p95 (ms)`, ms(p.api.p95), ms(p.raw.p95), ratio(p.api.p95, p.raw.p95), `< ${SYNC_AIM.propagationP95Ms} ms`, verdict(p.api.p95 < SYNC_AIM.propagationP95Ms)],
        [`edit A -> B, max (ms)`, ms(p.api.max), ms(p.raw.max), '', '', ''],
      );
    }
    const runs = r.push;
    if (runs && runs.length) {
      const changes = runs[0]!.changes;
      const round = median(runs.map((x) => x.roundMs));
      const pushPart = median(runs.map((x) => x.pushMs));
      const raw = median(runs.map((x) => x.rawMs));
      rows.push(
        [`push ${fmtInt(changes)} changes, round() (ms)`, ms(round), ms(raw), ratio(round, raw), `< ${SYNC_AIM.push10kMs} ms`, verdict(round < SYNC_AIM.push10kMs)],
        [`  its push part (ms)`, ms(pushPart), ms(raw), ratio(pushPart, raw), `< ${SYNC_AIM.push10kMs} ms`, verdict(pushPart < SYNC_AIM.push10kMs)],
        [`  sent / pulled back`, `${mb(median(runs.map((x) => x.sent)))} / ${mb(median(runs.map((x) => x.pulledBack)))}`, '', '', '', ''],
      );
    }
    log(table(['measure', 'sync', 'raw', 'sync/raw', 'aim', ''], rows));
    if (i) {
      log(
        `Initial sync: server log built at ${fmtInt(perSecond(i.logChanges, i.buildMs))} changes/s through /v1/push; raw baseline copied ${fmtInt(i.rawRows)} field_state rows ` +
          `(reading ${(i.rawReadMs / 1000).toFixed(1)} s, writing ${(i.rawWriteMs / 1000).toFixed(1)} s); server process peak RSS ${mb(i.serverPeakRss)} during the download.`,
      );
    }
    if (p) log(`Propagation: ${p.api.n} edits (after ${PROPAGATION_WARMUP} warm-up), default long-poll; raw = push 1 change + pull it back over HTTP.`);
    if (runs && runs.length) {
      log(
        `Push: ${runs.length} run(s), median shown; ${runs[0]!.batches} batches of <= ${fmtInt(PUSH_BATCH_CHANGES)}; round() = push then pull back the same changes; ` +
          `runs (round/push/raw ms): ${runs.map((x) => `${Math.round(x.roundMs)}/${Math.round(x.pushMs)}/${Math.round(x.rawMs)}`).join(', ')}.`,
      );
    }
  }
}

/**
 * The section `npm run bench` runs: the seeded clinic's own log by default; with
 * --sync-patients N (another size), a clinic of N patients seeded in <data-dir>-N (once, then
 * reused), opened read-only for its change_log.
 */
export async function benchSyncSection(ctx: BenchContext): Promise<EngineResult[]> {
  const { syncPatients, syncChanges, dataDir, patients } = ctx;
  if (!syncPatients || syncPatients === patients || !dataDir) {
    return benchSync(ctx, { maxChanges: syncChanges ?? null });
  }
  const dir = `${dataDir}-${syncPatients}`;
  const { ensureSeededClinic } = await import('./seed-clinic');
  const { ensureInfusionFloor } = await import('./seed-series');
  const { ensureOutcomeHistory } = await import('./seed-outcomes');
  await ensureSeededClinic({ dataDir: dir, patients: syncPatients, seed: ctx.seed });
  await ensureInfusionFloor({ dataDir: dir, seed: ctx.seed });
  await ensureOutcomeHistory({ dataDir: dir, seed: ctx.seed });
  const source = openSqliteAsFound(join(dir, DB_FILE_NAME), scriptStoreKey(dir), { readonly: true, fileMustExist: true });
  try {
    log(`Sync source: the clinic of ${fmtInt(syncPatients)} patients in ${dir}.`);
    return await benchSync(ctx, { maxChanges: syncChanges ?? null, source });
  } finally {
    source.close();
  }
}
