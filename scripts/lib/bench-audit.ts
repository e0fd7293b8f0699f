/**
 * Benchmark: the audit trail's cost on opening a chart, on a copy of the seeded clinic (VACUUM
 * INTO, deleted afterwards: every open writes a row).
 *
 * A chart opens with eight calls (patients.get and the parts: intake, series, outcomes,
 * authorizations, consultations, documents, records). The same call set runs through two
 * dispatchers built from the same handlers in this run, one with the audit hook and one
 * without, interleaved (ABBA) over distinct patients so every open writes its row. Figures:
 *
 * - the time spent in the audit hook per open (the "Chart opened" row appended to the chain,
 *   and the seven parts found covered), p50/p95, against the aim of 1 ms;
 * - the whole call set with and without the hook;
 * - raw baselines for one row: a bare INSERT of the same text into a plain table (one
 *   transaction, committed like the audit row), and the same row through insertRow (the
 *   mutation helper's usual path: RETURNING and a savepoint), which the audit trail's
 *   appendRow avoids;
 * - the check at start-up: verifyAuditChain's rows per second over 100,000 rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DB_FILE_NAME, buildHandlerTable, openBackend, type Backend } from '../../src-main/backend/backend';
import type { ActingUser, HandlerContext } from '../../src-main/backend/api/context';
import { makeDispatcher, type CompletedCall, type Invoke } from '../../src-main/backend/api/dispatch';
import { canonicalBody, GENESIS_HASH, sha256Hex, verifyAuditChain } from '../../src-main/backend/audit/chain';
import { appendAuditEvent, auditAfterCall, CHECK_SLICE_ROWS, forgetRecentReads } from '../../src-main/backend/audit/trail';
import { syncedColumns } from '../../src-main/backend/db/columns';
import { insertRow } from '../../src-main/backend/db/mutate';
import { SessionStore } from '../../src-main/backend/users/sessions';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { fmtInt, MIGRATIONS_FOLDER } from './cli';
import { rngFor } from './prng';
import { storeKeyOf } from './store-key';

export const AUDIT_AIMS = { perOpenMs: 1 } as const;

/** A twin of audit_events (same columns, generated columns and indexes) for the insertRow baseline. */
const twin = sqliteTable('bench_audit_twin', { ...syncedColumns, body: text('body').notNull(), hash: text('hash').notNull() });

export interface AuditBenchContext {
  backend: Backend;
  seed: number;
  iterations: number;
  log?: (line: string) => void;
}

/** What the chart screen calls as it opens (PatientPage and its panels). */
const CHART_OPEN = (id: string): [string, unknown][] => [
  ['patients.get', { id }],
  ['intake.get', { patientId: id }],
  ['series.listForPatient', { patientId: id }],
  ['outcomes.patientSummary', { patientId: id }],
  ['authorizations.listForPatient', { patientId: id }],
  ['consultations.listForPatient', { patientId: id }],
  ['documents.listForPatient', { patientId: id }],
  ['records.listForPatient', { patientId: id }],
];

const row = (name: string, s: Summary) => [name, s.n, ms(s.mean), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
const HEADERS = ['path (milliseconds)', 'n', 'mean', 'p50', 'p95', 'p99', 'max'];

export async function benchAudit(opts: AuditBenchContext) {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-audit-'));
  const copyStarted = performance.now();
  opts.backend.store.sqlite.prepare(`VACUUM INTO ?`).run(join(dir, DB_FILE_NAME));
  log(`Copied the clinic to ${dir} (VACUUM INTO, ${((performance.now() - copyStarted) / 1000).toFixed(1)} s); deleted at the end.`);
  const backend = openBackend({ dataDir: dir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: storeKeyOf(opts.backend), sync: { autoStart: false } });
  try {
    const sqlite = backend.store.sqlite;
    const admin = sqlite.prepare(`SELECT id, display_name AS displayName, role FROM users WHERE role = 'admin' AND deleted_at IS NULL ORDER BY created_at LIMIT 1`).get() as ActingUser;
    const sessions = new SessionStore();
    const handlers = buildHandlerTable(null);
    const makeContext = (caller: Pick<HandlerContext, 'user' | 'userId' | 'session'>): HandlerContext => ({
      ...backend.system,
      ...caller,
      sessions,
      emit: () => {},
      transport: 'http',
      dataDir: dir,
    });
    let hookMs = 0;
    const timedHook = (call: CompletedCall) => {
      const t0 = performance.now();
      auditAfterCall(call);
      hookMs += performance.now() - t0;
    };
    const base = { sqlite, sessions, inProcessUser: () => admin };
    const without = makeDispatcher(handlers, makeContext, base);
    const withAudit = makeDispatcher(handlers, makeContext, { ...base, afterCall: timedHook });

    const opens = 100 * opts.iterations;
    const rng = rngFor(opts.seed, 'bench-audit');
    const ids = sqlite.prepare(`SELECT id FROM patients WHERE deleted_at IS NULL ORDER BY id`).pluck().all() as string[];
    if (ids.length < opens * 2) throw new Error(`the clinic has ${ids.length} patients; this benchmark opens ${opens * 2} distinct charts`);
    const picked = new Set<string>();
    while (picked.size < opens * 2) picked.add(ids[rng.int(0, ids.length - 1)]!);
    const patients = [...picked];
    const rowsBefore = sqlite.prepare(`SELECT count(*) FROM audit_events`).pluck().get() as number;

    const openChart = async (invoke: Invoke, id: string) => {
      for (const [method, input] of CHART_OPEN(id)) {
        const r = await invoke(method, input);
        if (!r.ok) throw new Error(`${method} failed: ${r.error.code}`);
      }
    };
    // Warm both paths (statements prepared, pages cached) on patients not timed.
    for (let i = 0; i < 20; i++) {
      await openChart(without, ids[i]!);
      await openChart(withAudit, ids[ids.length - 1 - i]!);
    }
    forgetRecentReads(sqlite);

    const times = { with: [] as number[], without: [] as number[], hook: [] as number[] };
    const one = async (which: 'with' | 'without', id: string) => {
      hookMs = 0;
      const t0 = performance.now();
      await openChart(which === 'with' ? withAudit : without, id);
      times[which].push(performance.now() - t0);
      if (which === 'with') times.hook.push(hookMs);
    };
    for (let i = 0; i < opens; i++) {
      const [a, b] = [patients[2 * i]!, patients[2 * i + 1]!];
      if (i % 2 === 0) {
        await one('with', a);
        await one('without', b);
      } else {
        await one('without', a);
        await one('with', b);
      }
    }
    const written = (sqlite.prepare(`SELECT count(*) FROM audit_events`).pluck().get() as number) - rowsBefore;

    // Raw baselines for one row: the same text, a bare INSERT in its own transaction; and the
    // mutation helper's usual insertRow (RETURNING, savepoint) in a transaction as the trail's.
    sqlite.exec(`CREATE TABLE bench_audit_raw (id INTEGER PRIMARY KEY, body TEXT NOT NULL, hash TEXT NOT NULL)`);
    const ddl = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = 'audit_events' AND type IN ('table', 'index') AND sql IS NOT NULL`).pluck().all() as string[];
    for (const sql of ddl) sqlite.exec(sql.replace(/audit_events/g, 'bench_audit_twin'));
    const bare = sqlite.prepare(`INSERT INTO bench_audit_raw (body, hash) VALUES (?, ?)`);
    const bareTx = sqlite.transaction((body: string, hash: string) => bare.run(body, hash));
    const viaInsertRow = sqlite.transaction((body: string, hash: string) => insertRow(backend.system, twin, { body, hash }));
    const sampleBody = (i: number) =>
      canonicalBody({ v: 1, device: 'ffffffffffffffff', seq: i, at: Date.now(), user: admin.id, userName: admin.displayName, role: admin.role, kind: 'chartOpened', method: 'patients.get', patient: patients[i % patients.length]!, subject: null, prev: GENESIS_HASH });
    const raw = { bare: [] as number[], insertRow: [] as number[], append: [] as number[] };
    for (let i = 0; i < opens; i++) {
      const body = sampleBody(i);
      const hash = sha256Hex(body);
      const order = i % 3;
      const steps: (() => void)[] = [
        () => {
          const t0 = performance.now();
          bareTx(body, hash);
          raw.bare.push(performance.now() - t0);
        },
        () => {
          const t0 = performance.now();
          viaInsertRow(body, hash);
          raw.insertRow.push(performance.now() - t0);
        },
        () => {
          const t0 = performance.now();
          appendAuditEvent(backend.system, { kind: 'chartOpened', method: 'patients.get', actor: admin, patientId: patients[i % patients.length]! });
          raw.append.push(performance.now() - t0);
        },
      ];
      for (let k = 0; k < 3; k++) steps[(order + k) % 3]!();
    }

    const s = { with: summarize(times.with), without: summarize(times.without), hook: summarize(times.hook) };
    const r = { bare: summarize(raw.bare), insertRow: summarize(raw.insertRow), append: summarize(raw.append) };
    log(`${fmtInt(ids.length)} patients; ${fmtInt(opens)} chart opens with the audit hook and ${fmtInt(opens)} without, interleaved, each a different patient (${CHART_OPEN('x').length} calls per open); ${fmtInt(written)} audit rows written by them.`);
    log('');
    log(
      table(HEADERS, [
        row('audit hook per chart open (1 row written, 7 parts covered)', s.hook),
        row('chart open, 8 calls, with the audit hook', s.with),
        row('chart open, 8 calls, without the hook', s.without),
        row('one audit row: appendAuditEvent (chain head, appendRow)', r.append),
        row('one row through insertRow (RETURNING, savepoint)', r.insertRow),
        row('raw: bare INSERT of the same text, own transaction', r.bare),
      ]),
    );
    log(`ratio chart open with/without the hook: p50 ${ratio(s.with.p50, s.without.p50)}, p95 ${ratio(s.with.p95, s.without.p95)}`);
    log(`ratio audit row / bare INSERT: p50 ${ratio(r.append.p50, r.bare.p50)}; insertRow / appendAuditEvent: p50 ${ratio(r.insertRow.p50, r.append.p50)}`);
    const pass = s.hook.p95 < AUDIT_AIMS.perOpenMs;
    log(`audit cost per chart open: p50 ${ms(s.hook.p50)} ms, p95 ${ms(s.hook.p95)} ms; aim p95 under ${AUDIT_AIMS.perOpenMs} ms: ${verdict(pass)}`);

    // The check at start-up: how fast the chains verify.
    const target = 100_000;
    const have = sqlite.prepare(`SELECT count(*) FROM audit_events WHERE device = ?`).pluck().get(backend.system.clock.node) as number;
    const fill = sqlite.transaction((n: number) => {
      for (let i = 0; i < n; i++) appendAuditEvent(backend.system, { kind: 'patientRead', method: 'intake.get', actor: admin, patientId: patients[i % patients.length]! });
    });
    for (let left = target - have; left > 0; left -= 10_000) fill(Math.min(left, 10_000));
    const v0 = performance.now();
    const report = verifyAuditChain(sqlite, { thisDevice: backend.system.clock.node });
    const vMs = performance.now() - v0;
    log(
      `start-up check: verifyAuditChain walked ${fmtInt(report.checkedRows)} rows in ${ms(vMs)} ms (${fmtInt(Math.round(report.checkedRows / (vMs / 1000)))} rows/s, about ${((1_000_000 / report.checkedRows) * vMs / 1000).toFixed(1)} s per million rows, walked in slices of ${CHECK_SLICE_ROWS.toLocaleString('en-US')} rows after start-up while calls are answered); chain ${report.ok ? 'verified' : 'BROKEN'}`,
    );
    return { hook: s.hook, with: s.with, without: s.without, raw: r, pass, verifyMs: vMs, verifiedRows: report.checkedRows };
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
