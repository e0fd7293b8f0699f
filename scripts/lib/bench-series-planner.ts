/**
 * Benchmark: proposing a whole six-session infusion series on the seeded infusion floor
 * (scripts/lib/seed-series.ts: 8 suites about 85 % booked over the 8 weeks from the seeded
 * clinic's "today").
 *
 * A fixed mix of requests for different seeded patients (drawn with a seeded PRNG) is run
 * (a) through the backend API, `invoke('series.propose', ...)`: input validation, permission,
 *     patient and template checks, loading the planner's input from the store, the planner
 *     (earliest finish, preferences, same suite, or why nothing fits and what would), output
 *     validation;
 * (b) raw: the same load (loadPlannerInput) and planSeries called directly, no dispatcher;
 *     and, to show where the time goes, the load alone and the planner alone on an input
 *     loaded before timing (a fresh copy of it each time, so the planner builds its
 *     per-input index as it does on every API call).
 * Before timing, every proposed session is re-checked with the placement rule against the
 * other sessions of its proposal, and the API and raw paths must propose the same series.
 * This section opens its own connection with the clock at the seeded "today".
 */
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBackend, type Backend } from '../../src-main/backend/backend';
import { loadPlannerInput, type PlannerRequest } from '../../src-main/backend/series/planner-data';
import { planSeries } from '../../src-main/backend/series/rules/planner';
import { checkPlacement } from '../../src-shared/domain/series/placement';
import type { PlannerInput, PlannerResult } from '../../src-shared/domain/series/planner-types';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { fmtInt, MIGRATIONS_FOLDER } from './cli';
import { storeKeyOf } from './store-key';
import { rngFor } from './prng';
import { SEED_REFERENCE_INSTANT } from './synthetic-clinic';

export const SERIES_PLANNER_AIM = { p95Ms: 100 } as const;
const DAY_MS = 86_400_000;

interface Query {
  shape: string;
  input: {
    patientId: string;
    templateId: string;
    from?: number;
    selfPay: boolean;
    authorizationId?: string;
    preferences?: { weekdays?: number[]; timeOfDay?: 'morning' | 'afternoon'; suiteId?: string };
  };
}

export interface SeriesPlannerOptions {
  backend: Backend;
  seed: number;
  iterations: number;
  /** Requests of each shape (default 12). */
  perShape?: number;
  log?: (line: string) => void;
}

export interface SeriesPlannerResult {
  api: Summary;
  raw: Summary;
  load: Summary;
  planner: Summary;
  found: number;
  noFit: number;
}

export async function benchSeriesPlanner(opts: SeriesPlannerOptions): Promise<SeriesPlannerResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const perShape = opts.perShape ?? 12;
  const now = SEED_REFERENCE_INSTANT;
  const backend = openBackend({
    dataDir: dirname(opts.backend.store.sqlite.name),
    migrationsFolder: MIGRATIONS_FOLDER,
    transport: 'http', inProcessAdmin: true,
    storeKey: storeKeyOf(opts.backend),
    now: () => now,
  });
  try {
    const sqlite = backend.store.sqlite;
    const one = (sql: string, ...p: unknown[]) => (sqlite.prepare(sql).get(...p) as { n: number }).n;
    const template = sqlite
      .prepare(`SELECT id, name FROM series_templates WHERE deleted_at IS NULL AND active = 1 AND session_count = 6 ORDER BY window_days, id LIMIT 1`)
      .get() as { id: string; name: string } | undefined;
    const sessions = one(`SELECT count(*) AS n FROM infusion_sessions WHERE deleted_at IS NULL`);
    if (!template || sessions === 0) {
      throw new Error('the seeded clinic has no infusion series: seed it again (npm run seed) with this version');
    }
    const suites = sqlite.prepare(`SELECT id FROM suites WHERE deleted_at IS NULL AND active = 1 ORDER BY sort_order, id`).all() as { id: string }[];
    const weeks8 = now + 56 * DAY_MS;
    log(
      `Seeded floor: ${suites.length} suites, ${one(`SELECT count(*) AS n FROM staff_shifts WHERE deleted_at IS NULL`)} floor shifts, ` +
        `${fmtInt(one(`SELECT count(*) AS n FROM infusion_sessions WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'no_show') AND starts_at >= ? AND starts_at < ?`, now, weeks8))} ` +
        `live sessions in the 8 weeks from "today" (${fmtInt(one(`SELECT count(*) AS n FROM infusion_series WHERE deleted_at IS NULL`))} series). Template: ${template.name}.`,
    );

    // Patients to schedule: with an intake diagnosis and no series yet; some already in a
    // series (a second one must keep clear of their own sessions); some with an approved
    // authorization waiting for a series (its dates and sessions limit the search).
    const rng = rngFor(opts.seed, 'bench-series-planner');
    const pick = <T>(rows: T[], n: number): T[] => {
      const pool = [...rows];
      const out: T[] = [];
      while (out.length < n && pool.length) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
      return out;
    };
    const fresh = sqlite
      .prepare(
        `SELECT p.id FROM patients p WHERE p.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM infusion_series r WHERE r.patient_id = p.id AND r.deleted_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM authorizations a WHERE a.patient_id = p.id AND a.deleted_at IS NULL)
         ORDER BY p.id LIMIT 5000`,
      )
      .all() as { id: string }[];
    const inSeries = sqlite.prepare(`SELECT DISTINCT patient_id AS id FROM infusion_sessions WHERE deleted_at IS NULL AND starts_at >= ? ORDER BY patient_id`).all(now) as { id: string }[];
    const authorized = sqlite
      .prepare(
        `SELECT a.patient_id AS id, a.id AS authorizationId FROM authorizations a
         WHERE a.deleted_at IS NULL AND a.status = 'approved' AND a.end_date >= ?
           AND NOT EXISTS (SELECT 1 FROM infusion_series r WHERE r.authorization_id = a.id AND r.deleted_at IS NULL)
         ORDER BY a.id`,
      )
      .all(new Date(now).toISOString().slice(0, 10)) as { id: string; authorizationId: string }[];

    const queries: Query[] = [];
    const base = (patientId: string) => ({ patientId, templateId: template.id, selfPay: true });
    for (const p of pick(fresh, perShape)) queries.push({ shape: 'self-pay, from today', input: base(p.id) });
    for (const p of pick(fresh, perShape)) {
      queries.push({ shape: 'self-pay, 1-4 weeks ahead', input: { ...base(p.id), from: now + rng.int(7, 28) * DAY_MS + rng.int(0, 10 * 60) * 60_000 } });
    }
    for (const p of pick(fresh, perShape)) {
      const preferences = rng.pick([
        { weekdays: [2, 4] },
        { timeOfDay: 'afternoon' as const },
        { weekdays: [1, 3, 5], timeOfDay: 'morning' as const },
        { suiteId: rng.pick(suites).id },
      ]);
      queries.push({ shape: 'self-pay, with preferences', input: { ...base(p.id), preferences } });
    }
    for (const p of pick(inSeries, perShape)) queries.push({ shape: 'patient already in a series', input: base(p.id) });
    for (const a of pick(authorized, perShape)) {
      queries.push({ shape: 'under an approved authorization', input: { patientId: a.id, templateId: template.id, selfPay: false, authorizationId: a.authorizationId } });
    }
    const shapes = [...new Set(queries.map((q) => q.shape))];
    log(`${queries.length} requests (${shapes.map((s) => `${queries.filter((q) => q.shape === s).length} ${s}`).join(', ')}), ${opts.iterations} timed rounds, API and raw interleaved. Clock: the seeded "today", ${new Date(now).toISOString()}.`);

    const ctx = { sqlite };
    const spec = (() => {
      const t = sqlite
        .prepare(
          `SELECT session_count AS sessionCount, window_days AS windowDays, min_gap_days AS minGapDays, max_gap_days AS maxGapDays,
                  prep_minutes AS prepMinutes, infusion_minutes AS infusionMinutes, recovery_minutes AS recoveryMinutes, supervisor_role AS supervisorRole
           FROM series_templates WHERE id = ?`,
        )
        .get(template.id) as PlannerRequest['template'];
      return t;
    })();
    // As series.propose builds its request (booking.ts proposeSeries).
    const request = (q: Query['input']): PlannerRequest => ({
      patientId: q.patientId,
      template: spec,
      from: Math.max(q.from ?? now, now),
      authorizationId: q.selfPay ? null : (q.authorizationId ?? null),
      selfPay: q.selfPay,
      ...(q.preferences ? { preferences: q.preferences } : {}),
    });
    const rawPropose = (q: Query['input']): { load: number; result: PlannerResult } => {
      const t0 = performance.now();
      const input = loadPlannerInput(ctx, request(q));
      const load = performance.now() - t0;
      return { load, result: planSeries(input) };
    };
    const runApi = async (q: Query['input']): Promise<PlannerResult> => {
      const r = await backend.invoke('series.propose', q);
      if (!r.ok) throw new Error(`series.propose failed: ${r.error.code} ${r.error.message}`);
      return r.result as PlannerResult;
    };
    const preloaded: PlannerInput[] = queries.map((q) => loadPlannerInput(ctx, request(q.input)));

    // Check before timing: the API and raw paths agree, and every proposed session passes
    // the placement rule beside the rest of its proposal.
    let agree = 0;
    let sessionsChecked = 0;
    const broken: string[] = [];
    const outcome = new Map<string, { found: number; noFit: number; proposals: number[]; stopped: number }>();
    for (const [i, q] of queries.entries()) {
      const api = await runApi(q.input);
      const raw = rawPropose(q.input).result;
      if (JSON.stringify(api) === JSON.stringify(raw)) agree++;
      for (const p of raw.proposals) {
        for (const s of p.sessions) {
          sessionsChecked++;
          const check = checkPlacement(preloaded[i]!, s, p.sessions);
          if (!check.ok) broken.push(`${q.shape} / ${p.kind} / session ${s.seq}: ${check.reasons.join('; ')}`);
        }
      }
      const o = outcome.get(q.shape) ?? { found: 0, noFit: 0, proposals: [], stopped: 0 };
      if (raw.proposals.length) o.found++;
      else o.noFit++;
      if (raw.noFit?.reasons.some((r) => r.startsWith('The search stopped at its limit'))) o.stopped++;
      o.proposals.push(raw.proposals.length);
      outcome.set(q.shape, o);
    }
    if (broken.length) throw new Error(`proposed sessions that break the placement rule:\n  ${broken.slice(0, 10).join('\n  ')}`);

    // Warm-up.
    for (const [i, q] of queries.entries()) {
      await runApi(q.input);
      rawPropose(q.input);
      planSeries({ ...preloaded[i]! });
    }

    const times = { api: new Map<string, number[]>(), raw: new Map<string, number[]>(), load: new Map<string, number[]>(), planner: new Map<string, number[]>() };
    const push = (m: Map<string, number[]>, k: string, v: number) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    const orderRng = rngFor(opts.seed, 'bench-series-planner-order');
    for (let round = 0; round < opts.iterations; round++) {
      const order = queries.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = orderRng.int(0, i);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const [n, idx] of order.entries()) {
        const q = queries[idx]!;
        const timeApi = async () => {
          const t0 = performance.now();
          await runApi(q.input);
          push(times.api, q.shape, performance.now() - t0);
        };
        const timeRaw = () => {
          const t0 = performance.now();
          const r = rawPropose(q.input);
          push(times.raw, q.shape, performance.now() - t0);
          push(times.load, q.shape, r.load);
          const copy = { ...preloaded[idx]! };
          const t1 = performance.now();
          planSeries(copy);
          push(times.planner, q.shape, performance.now() - t1);
        };
        if ((n + round) % 2 === 0) {
          await timeApi();
          timeRaw();
        } else {
          timeRaw();
          await timeApi();
        }
      }
    }

    const all = (m: Map<string, number[]>) => summarize([...m.values()].flat());
    const api = all(times.api);
    const raw = all(times.raw);
    const load = all(times.load);
    const planner = all(times.planner);
    const row = (name: string, s: Summary) => [name, s.n, ms(s.mean), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
    log('\nAll requests (milliseconds):');
    log(
      table(
        ['path', 'n', 'mean', 'p50', 'p95', 'p99', 'max'],
        [
          row('API  invoke(series.propose)', api),
          row('raw  loadPlannerInput + planSeries', raw),
          row('       of which the load', load),
          row('     planSeries alone, input pre-loaded', planner),
        ],
      ),
    );
    log(`\nratio API/raw: p50 ${ratio(api.p50, raw.p50)}, p95 ${ratio(api.p95, raw.p95)}; API/planner alone: p50 ${ratio(api.p50, planner.p50)}, p95 ${ratio(api.p95, planner.p95)}`);
    log(`aim: API p95 under ${SERIES_PLANNER_AIM.p95Ms} ms`);
    log(`  API p95 ${ms(api.p95)} ms: ${verdict(api.p95 < SERIES_PLANNER_AIM.p95Ms)}`);

    log('\nBy request shape (milliseconds; found = requests with at least one proposal, no fit = none, stopped = the search hit its limit):');
    log(
      table(
        ['shape', 'n', 'API p50', 'API p95', 'raw p50', 'raw p95', 'load p50', 'planner p50', 'planner p95', 'found', 'no fit', 'stopped', 'proposals'],
        shapes.map((shape) => {
          const a = summarize(times.api.get(shape)!);
          const r = summarize(times.raw.get(shape)!);
          const l = summarize(times.load.get(shape)!);
          const p = summarize(times.planner.get(shape)!);
          const o = outcome.get(shape)!;
          return [shape, a.n, ms(a.p50), ms(a.p95), ms(r.p50), ms(r.p95), ms(l.p50), ms(p.p50), ms(p.p95), o.found, o.noFit, o.stopped, o.proposals.reduce((x, y) => x + y, 0)];
        }),
      ),
    );
    const found = [...outcome.values()].reduce((n, o) => n + o.found, 0);
    const noFit = [...outcome.values()].reduce((n, o) => n + o.noFit, 0);
    log(`\nProposals found for ${found} of ${queries.length} requests, no fit for ${noFit}; API and raw path proposed the same for ${agree}/${queries.length}; ${sessionsChecked} proposed sessions re-checked with the placement rule, all pass.`);
    return { api, raw, load, planner, found, noFit };
  } finally {
    backend.close();
  }
}
