/**
 * Benchmarks: pain outcomes on the seeded clinic (scripts/lib/seed-outcomes.ts).
 *
 * (a) The clinic dashboard, `invoke('outcomes.dashboard')` for the last month, quarter and
 *     year before the seed's "today": read the series and scores of the period, run every
 *     series through the responder and completeness rules, group by diagnosis, payer and
 *     template; against the raw baseline, the rows alone: the same series, sessions and
 *     scores read with plain prepared statements (no rules, no validation).
 * (b) One patient's payer report, `invoke('outcomes.reportPdf')`: read the patient's
 *     outcomes, build the report and chart, lay out the PDF, write the file (fsync) and its
 *     document row; against the raw baseline, buildOutcomesReport + renderReportPdf from a
 *     summary read beforehand (no database or file I/O). Generating writes files and rows, so
 *     this runs on a copy of the clinic (VACUUM INTO), deleted afterwards.
 * (c) Opening a patient's outcomes, `invoke('outcomes.patientSummary')`, against the raw
 *     reads of the same rows (the patient's series, sessions and scores).
 *
 * API and raw are interleaved in each round so drift hits both alike. The clock is the
 * synthetic clinic's "today" (SEED_REFERENCE_INSTANT).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Dashboard, PatientOutcomes } from '../../src-shared/api/schemas/outcomes';
import { addDays, localDateAt, startOfLocalDay } from '../../src-shared/domain/zoned-time';
import { DB_FILE_NAME, openBackend, type Backend } from '../../src-main/backend/backend';
import { readSettings } from '../../src-main/backend/clinic/service';
import { REPORT_CONTENT_WIDTH, renderReportPdf } from '../../src-main/backend/documents/pdf/render-pdf';
import { outcomesConfigFile } from '../../src-main/backend/outcomes/config-file';
import { buildOutcomesReport, type ReportFacts } from '../../src-main/backend/outcomes/report';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { fmtInt, MIGRATIONS_FOLDER } from './cli';
import { scriptStoreKey, storeKeyOf } from './store-key';
import { rngFor, type Rng } from './prng';
import { SEED_REFERENCE_INSTANT } from './synthetic-clinic';

export const OUTCOME_AIMS = {
  /** A manager opens the dashboard for a year: the screen aims at p95 < 300 ms click to drawn, so the call well under 200 ms. */
  dashboard: { p95Ms: 200 },
  /** A VA presses "payer report" on a chart. */
  report: { p95Ms: 500, ratio: 2 },
  /** Opening a patient's outcomes tab. */
  summary: { p95Ms: 30 },
} as const;

const DAY_MS = 86_400_000;

export interface OutcomesBenchContext {
  backend: Backend;
  seed: number;
  iterations: number;
  log?: (line: string) => void;
}

type Sqlite = Backend['store']['sqlite'];

async function call<T>(backend: Backend, method: string, input: unknown): Promise<T> {
  const r = await backend.invoke(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.result as T;
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const row = (name: string, s: Summary) => [name, s.n, ms(s.mean), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
const HEADERS = ['path', 'n', 'mean', 'p50', 'p95', 'p99', 'max'];

function requireOutcomes(sqlite: Sqlite): number {
  const n = sqlite.prepare(`SELECT count(*) FROM scores WHERE deleted_at IS NULL`).pluck().get() as number;
  const history = sqlite.prepare(`SELECT count(*) FROM scores WHERE series_id IS NOT NULL`).pluck().get() as number;
  if (history === 0) throw new Error('the seeded clinic has no outcome history: seed it again (npm run seed) with this version');
  return n;
}

/** Interleave API and raw calls `rounds` times over `items`, API first on even turns. */
async function interleaved<T>(items: readonly T[], rounds: number, rng: Rng, api: (t: T) => unknown, raw: (t: T) => unknown) {
  const times = { api: [] as number[], raw: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const [n, item] of shuffled(items, rng).entries()) {
      const one = async (which: 'api' | 'raw') => {
        const t0 = performance.now();
        await (which === 'api' ? api(item) : raw(item));
        times[which].push(performance.now() - t0);
      };
      if ((n + round) % 2 === 0) {
        await one('api');
        await one('raw');
      } else {
        await one('raw');
        await one('api');
      }
    }
  }
  return { api: summarize(times.api), raw: summarize(times.raw) };
}

// ---------------------------------------------------------------------------------------
// (a) Dashboard

/** The rows the dashboard reads, as plain prepared statements (its I/O without its rules). */
function rawDashboardReads(sqlite: Sqlite) {
  const series = sqlite.prepare(
    `SELECT s.id, s.patient_id, s.template_id, s.authorization_id, s.self_pay, s.status FROM infusion_series s
     WHERE s.deleted_at IS NULL AND s.id IN (SELECT DISTINCT series_id FROM infusion_sessions WHERE deleted_at IS NULL AND starts_at >= ? AND starts_at < ?)`,
  );
  const sessions = sqlite.prepare(
    `SELECT x.id, x.series_id, x.seq, x.starts_at, x.ends_at, x.status, x.status_times FROM infusion_sessions x
     WHERE x.deleted_at IS NULL AND x.series_id IN (SELECT DISTINCT series_id FROM infusion_sessions WHERE deleted_at IS NULL AND starts_at >= ? AND starts_at < ?)`,
  );
  const scores = sqlite.prepare(
    `SELECT id, patient_id, instrument, value, time_point, session_id, series_id, follow_up, observed_at, supersedes_id FROM scores
     WHERE deleted_at IS NULL AND patient_id IN (SELECT value FROM json_each(?))`,
  );
  return (from: number, to: number) => {
    const s = series.raw().all(from, to) as unknown[][];
    sessions.raw().all(from, to);
    scores.raw().all(JSON.stringify([...new Set(s.map((r) => r[1]))]));
  };
}

export async function benchOutcomesDashboard(opts: OutcomesBenchContext) {
  const log = opts.log ?? ((line: string) => console.log(line));
  const scoreCount = requireOutcomes(opts.backend.store.sqlite);
  const now = SEED_REFERENCE_INSTANT;
  const backend = openBackend({ dataDir: dirname(opts.backend.store.sqlite.name), migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: storeKeyOf(opts.backend), now: () => now });
  try {
    const sqlite = backend.store.sqlite;
    const tz = readSettings({ db: backend.store.db }).timeZone;
    const today = localDateAt(tz, now);
    const cfg = outcomesConfigFile();
    const last = cfg.followUps.at(-1)!;
    const lookback = (365 + last.offsetDays + last.toleranceDays) * DAY_MS;
    const periods = [
      { name: 'month', from: addDays(today, -30), to: addDays(today, -1) },
      { name: 'quarter', from: addDays(today, -91), to: addDays(today, -1) },
      { name: 'year', from: addDays(today, -365), to: addDays(today, -1) },
    ];
    const raw = rawDashboardReads(sqlite);
    // The window the handler reads: series with a session from a year and the follow-up schedule before the period to its end.
    const bounds = (p: { from: string; to: string }) => ({ from: startOfLocalDay(tz, p.from) - lookback, to: startOfLocalDay(tz, addDays(p.to, 1)) });
    const series = sqlite.prepare(`SELECT count(*) FROM infusion_series WHERE deleted_at IS NULL`).pluck().get() as number;
    log(`${fmtInt(scoreCount)} scores, ${fmtInt(series)} series in the clinic. Clock: ${new Date(now).toISOString()}. ${opts.iterations * 2} timed calls per period, API and raw interleaved.`);

    const rows: (string | number)[][] = [];
    const results: Record<string, { api: Summary; raw: Summary; d: Dashboard }> = {};
    for (const p of periods) {
      const first = performance.now();
      const d = await call<Dashboard>(backend, 'outcomes.dashboard', { from: p.from, to: p.to });
      const firstMs = performance.now() - first;
      const t = await interleaved(
        [p],
        opts.iterations * 2,
        rngFor(opts.seed, 'bench-outcomes-dashboard', p.name.length),
        () => call(backend, 'outcomes.dashboard', { from: p.from, to: p.to }),
        () => raw(bounds(p).from, bounds(p).to),
      );
      results[p.name] = { ...t, d };
      rows.push(row(`API  ${p.name} (${p.from}..${p.to}), first ${ms(firstMs)}`, t.api), row(`raw  ${p.name}: rows only`, t.raw));
      log(
        `  ${p.name}: ${fmtInt(d.overall.series)} series ended (${fmtInt(d.overall.evaluable)} evaluable, ${pct(d.overall.moderateRate)} moderate or better, ${pct(d.overall.substantialRate)} substantial); ` +
          `completeness ${pct(d.completeness.overall.share)} of ${fmtInt(d.completeness.overall.expected)} expected scores; ${d.byDiagnosis.length} diagnosis groups, ${d.byPayer.length} payers, ${d.byTemplate.length} templates`,
      );
    }
    log('\nClinic dashboard (milliseconds):');
    log(table(HEADERS, rows));
    const year = results['year']!;
    log(`ratio API/raw (year): p50 ${ratio(year.api.p50, year.raw.p50)}, p95 ${ratio(year.api.p95, year.raw.p95)}`);
    log(`aim: API p95 for a year under ${OUTCOME_AIMS.dashboard.p95Ms} ms`);
    log(`  year p95 ${ms(year.api.p95)} ms: ${verdict(year.api.p95 < OUTCOME_AIMS.dashboard.p95Ms)}`);
    return results;
  } finally {
    backend.close();
  }
}

const pct = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);

// ---------------------------------------------------------------------------------------
// (b) Payer report PDF and (c) the patient summary

/** Patients with a finished series of six or more sessions and follow-ups: what a payer report is for. */
function reportPatients(sqlite: Sqlite, want: number, seed: number): string[] {
  const ids = sqlite
    .prepare(
      `SELECT s.patient_id FROM infusion_series s
       WHERE s.deleted_at IS NULL AND s.status = 'completed'
         AND (SELECT count(*) FROM infusion_sessions x WHERE x.series_id = s.id) >= 6
         AND EXISTS (SELECT 1 FROM scores c WHERE c.series_id = s.id AND c.time_point = 'follow_up')
       GROUP BY s.patient_id ORDER BY s.patient_id`,
    )
    .pluck()
    .all() as string[];
  return shuffled(ids, rngFor(seed, 'bench-outcomes-patients')).slice(0, want);
}

export async function benchOutcomesReport(opts: OutcomesBenchContext & { patients?: number }) {
  const log = opts.log ?? ((line: string) => console.log(line));
  const source = opts.backend.store.sqlite;
  requireOutcomes(source);
  const ids = reportPatients(source, opts.patients ?? 30, opts.seed);
  if (!ids.length) throw new Error('no patient with a finished series and follow-ups to report on');
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-outcomes-'));
  const copyStarted = performance.now();
  source.prepare(`VACUUM INTO ?`).run(join(dir, DB_FILE_NAME));
  log(`Copied the clinic to ${dir} for this section (VACUUM INTO, ${((performance.now() - copyStarted) / 1000).toFixed(1)} s); deleted at the end.`);
  const now = SEED_REFERENCE_INSTANT;
  // The copy keeps the clinic's key (VACUUM INTO keeps the connection's encryption).
  const backend = openBackend({ dataDir: dir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: scriptStoreKey(dirname(source.name)), now: () => now });
  try {
    const settings = readSettings({ db: backend.store.db });
    const cfg = outcomesConfigFile();
    const user = (await call<{ user: { displayName: string } }>(backend, 'system.whoami', {})).user;
    // What the handler reads and words, read here before timing.
    const inputs = [];
    for (const patientId of ids) {
      const summary = await call<PatientOutcomes>(backend, 'outcomes.patientSummary', { patientId });
      const facts: ReportFacts = {
        clinicName: settings.name,
        timeZone: settings.timeZone,
        generatedAt: now,
        generatedBy: user.displayName,
        payer: 'payer',
        diagnoses: [],
        categories: cfg.categories,
        citations: Object.values(cfg.sources),
        pgicLabel: (v) => cfg.pgicAnswers.find((a) => a.value === v)?.label ?? String(v),
        contentWidth: REPORT_CONTENT_WIDTH,
      };
      inputs.push({ patientId, summary, facts });
    }
    const renderOpts = { author: settings.name, createdAt: new Date(now) };
    const scoresPer = inputs.map((i) => i.summary.scores.length);
    log(
      `${inputs.length} patients with a finished series and follow-ups; ${Math.round(summarize(scoresPer).p50)} scores each (median, ${Math.max(...scoresPer)} at most). ` +
        `${opts.iterations} timed rounds, API and raw interleaved.`,
    );

    const report = await interleaved(
      inputs,
      opts.iterations,
      rngFor(opts.seed, 'bench-outcomes-report'),
      (i) => call(backend, 'outcomes.reportPdf', { patientId: i.patientId }),
      (i) => renderReportPdf(buildOutcomesReport(i.summary, i.summary.series.at(-1)!, i.facts), renderOpts),
    );
    const sizes = (backend.store.sqlite.prepare(`SELECT size_bytes FROM documents WHERE doc_type = 'outcomes_report'`).pluck().all() as number[]).sort((a, b) => a - b);

    // (c) The summary against the raw reads of its rows.
    const rawSeries = backend.store.sqlite.prepare(`SELECT * FROM infusion_series WHERE patient_id = ? AND deleted_at IS NULL`);
    const rawSessions = backend.store.sqlite.prepare(`SELECT * FROM infusion_sessions WHERE patient_id = ? AND deleted_at IS NULL`);
    const rawScores = backend.store.sqlite.prepare(`SELECT * FROM scores WHERE patient_id = ? AND deleted_at IS NULL ORDER BY observed_at`);
    const rawDispositions = backend.store.sqlite.prepare(`SELECT * FROM outcome_dispositions WHERE patient_id = ? AND deleted_at IS NULL`);
    const summary = await interleaved(
      ids,
      opts.iterations * 2,
      rngFor(opts.seed, 'bench-outcomes-summary'),
      (patientId) => call(backend, 'outcomes.patientSummary', { patientId }),
      (patientId) => {
        rawSeries.all(patientId);
        rawSessions.all(patientId);
        rawScores.all(patientId);
        rawDispositions.all(patientId);
      },
    );

    log('\nPayer outcomes report PDF and patient summary, per patient (milliseconds):');
    log(
      table(HEADERS, [
        row('API  invoke(outcomes.reportPdf)', report.api),
        row('raw  buildOutcomesReport + renderReportPdf', report.raw),
        row('API  invoke(outcomes.patientSummary)', summary.api),
        row('raw  the same rows, prepared statements', summary.raw),
      ]),
    );
    log(`PDF size: median ${fmtInt(sizes[Math.floor(sizes.length / 2)] ?? 0)} bytes (${fmtInt(sizes[0] ?? 0)} to ${fmtInt(sizes.at(-1) ?? 0)}).`);
    log(`ratio API/raw report: p50 ${ratio(report.api.p50, report.raw.p50)}, p95 ${ratio(report.api.p95, report.raw.p95)}`);
    log(`ratio API/raw summary: p50 ${ratio(summary.api.p50, summary.raw.p50)}, p95 ${ratio(summary.api.p95, summary.raw.p95)}`);
    log(`aim: report p95 under ${OUTCOME_AIMS.report.p95Ms} ms and API/raw under ${OUTCOME_AIMS.report.ratio}; summary p95 under ${OUTCOME_AIMS.summary.p95Ms} ms`);
    log(
      `  report p95 ${ms(report.api.p95)} ms: ${verdict(report.api.p95 < OUTCOME_AIMS.report.p95Ms)}    report ratio p50 ${(report.api.p50 / report.raw.p50).toFixed(2)}: ${verdict(report.api.p50 / report.raw.p50 < OUTCOME_AIMS.report.ratio)}    summary p95 ${ms(summary.api.p95)} ms: ${verdict(summary.api.p95 < OUTCOME_AIMS.summary.p95Ms)}`,
    );
    return { report, summary };
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const outcomesBenchSections: readonly { name: string; run: (ctx: OutcomesBenchContext) => unknown }[] = [
  { name: 'Outcomes clinic dashboard (month, quarter, year)', run: (ctx) => benchOutcomesDashboard(ctx) },
  { name: 'Outcomes payer report PDF and patient summary', run: (ctx) => benchOutcomesReport(ctx) },
];
