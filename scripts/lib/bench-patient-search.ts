/**
 * Benchmark: the front desk's patient search box on a seeded clinic.
 *
 * A fixed query mix (drawn from the clinic's own patients with a seeded PRNG) is run
 * (a) through the backend API, `invoke('patients.search', {q})`: input validation,
 *     permission check, handler, output validation, as the renderer calls it; and
 * (b) as the raw better-sqlite3 statement the handler runs: the same
 *     `buildPatientSearch(parsePatientQuery(q), 50)`, prepared once per distinct SQL text.
 * Both are timed with performance.now(), interleaved query by query so that neither
 * benefits from a warmer cache.
 */
import { performance } from 'node:perf_hooks';
import type { Statement } from 'better-sqlite3';
import type { Backend } from '../../src-main/backend/backend';
import { buildPatientSearch } from '../../src-main/backend/patients/search';
import { parsePatientQuery } from '../../src-main/backend/patients/search-query';
import { formatPhone } from '../../src-shared/domain/contact';
import { formatCalendarDate } from '../../src-shared/domain/dates';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { rngFor, type Rng } from './prng';

/** What the screen asks for; the API's default. */
const LIMIT = 50;
export const SEARCH_AIM = { p95Ms: 20, ratio: 2 } as const;

export interface SamplePatient {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string | null;
  mrn: string;
}

export interface SearchQuery {
  shape: string;
  q: string;
  /** The patient the query was made from: it always matches, though it may lie beyond the first 50. */
  patientId: string;
}

/** As people type: sometimes all lower case, sometimes capitalised. */
function typed(rng: Rng, text: string): string {
  return rng.chance(0.6) ? text.toLowerCase() : text;
}

/** The first n characters (code points), so an accent is never split from its letter. */
function prefix(text: string, n: number): string {
  return Array.from(text).slice(0, n).join('');
}

interface Shape {
  name: string;
  needsPhone?: boolean;
  make(rng: Rng, p: SamplePatient): string;
}

export const QUERY_SHAPES: readonly Shape[] = [
  { name: 'surname, 1 letter', make: (rng, p) => typed(rng, prefix(p.lastName, 1)) },
  { name: 'surname, 2 letters', make: (rng, p) => typed(rng, prefix(p.lastName, 2)) },
  { name: 'surname, 3 letters', make: (rng, p) => typed(rng, prefix(p.lastName, 3)) },
  { name: 'surname, 5 letters', make: (rng, p) => typed(rng, prefix(p.lastName, 5)) },
  {
    name: 'first + last prefixes',
    make: (rng, p) => typed(rng, `${prefix(p.firstName, rng.int(2, 4))} ${prefix(p.lastName, rng.int(2, 4))}`),
  },
  {
    name: 'full name',
    make: (rng, p) => (rng.chance(0.7) ? `${p.firstName} ${p.lastName}` : `${p.lastName}, ${p.firstName}`),
  },
  { name: 'date of birth MM/DD/YYYY', make: (_rng, p) => formatCalendarDate(p.dateOfBirth) },
  { name: 'MRN', make: (_rng, p) => p.mrn },
  { name: 'phone, last 4', needsPhone: true, make: (_rng, p) => p.phone!.slice(-4) },
  {
    name: 'phone, full',
    needsPhone: true,
    make: (rng, p) => {
      const national = p.phone!.slice(2);
      return rng.weighted([
        [formatPhone(p.phone!), 3],
        [`${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`, 2],
        [national, 1],
      ]);
    },
  },
];

/** The fixed, deterministic query mix: `perShape` queries of each shape. */
export function buildQueryMix(all: readonly SamplePatient[], seed: number, perShape: number): SearchQuery[] {
  const withPhone = all.filter((p) => p.phone);
  const out: SearchQuery[] = [];
  for (const shape of QUERY_SHAPES) {
    const rng = rngFor(seed, 'bench-patient-search', shape.name);
    const pool = shape.needsPhone ? withPhone : all;
    for (let i = 0; i < perShape && pool.length > 0; i++) {
      const p = rng.pick(pool);
      out.push({ shape: shape.name, q: shape.make(rng, p), patientId: p.id });
    }
  }
  return out;
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

interface Prepared {
  query: SearchQuery;
  stmt: Statement;
  params: (string | number)[];
  sql: string;
}

export interface PatientSearchOptions {
  backend: Backend;
  seed: number;
  iterations: number;
  perShape?: number;
  log?: (line: string) => void;
}

export interface PatientSearchResult {
  api: Summary;
  raw: Summary;
  byShape: { shape: string; api: Summary; raw: Summary }[];
}

export async function benchPatientSearch(opts: PatientSearchOptions): Promise<PatientSearchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const { backend } = opts;
  const sqlite = backend.store.sqlite;
  const perShape = opts.perShape ?? 40;

  const all = sqlite
    .prepare(
      `SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, phone, mrn
       FROM patients WHERE deleted_at IS NULL ORDER BY mrn, id`,
    )
    .all() as SamplePatient[];
  if (all.length === 0) throw new Error('the clinic has no patients to search for');
  const queries = buildQueryMix(all, opts.seed, perShape);
  log(`${queries.length} queries (${perShape} of each of ${QUERY_SHAPES.length} shapes) drawn from ${all.length.toLocaleString('en-US')} patients; ` +
    `${opts.iterations} timed rounds, each query through the API and raw, interleaved. Limit ${LIMIT}.`);

  // Raw: one prepared statement per distinct SQL text, exactly as the handler builds it.
  const statements = new Map<string, Statement>();
  const prepared: Prepared[] = queries.map((query) => {
    const { sql, params } = buildPatientSearch(parsePatientQuery(query.q), LIMIT);
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = sqlite.prepare(sql)));
    return { query, stmt, params, sql };
  });

  const runApi = async (q: string) => {
    const r = await backend.invoke('patients.search', { q });
    if (!r.ok) throw new Error(`patients.search failed for a ${JSON.stringify(q.length)}-character query: ${r.error.code} ${r.error.message}`);
    return r.result as { items: { id: string }[]; more: boolean };
  };

  // Check before timing: the API and the raw statement agree, and each query finds something.
  let disagreements = 0;
  const emptyQueries: string[] = [];
  const quality = new Map<string, { rows: number[]; empty: number; found: number }>();
  for (const p of prepared) {
    const api = await runApi(p.query.q);
    const raw = (p.stmt.all(...p.params) as { id: string }[]).slice(0, LIMIT);
    if (api.items.map((r) => r.id).join() !== raw.map((r) => r.id).join()) disagreements++;
    const qs = quality.get(p.query.shape) ?? { rows: [], empty: 0, found: 0 };
    qs.rows.push(api.items.length + (api.more ? 1 : 0));
    if (api.items.length === 0) {
      qs.empty++;
      emptyQueries.push(p.query.q);
    }
    if (api.items.some((r) => r.id === p.query.patientId)) qs.found++;
    quality.set(p.query.shape, qs);
  }

  // Warm-up: one more untimed pass of both paths.
  for (const p of prepared) {
    await runApi(p.query.q);
    p.stmt.all(...p.params);
  }

  const apiTimes = new Map<string, number[]>();
  const rawTimes = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, v: number) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  const orderRng = rngFor(opts.seed, 'bench-patient-search-order');
  for (let round = 0; round < opts.iterations; round++) {
    for (const [i, p] of shuffled(prepared, orderRng).entries()) {
      const timeApi = async () => {
        const t0 = performance.now();
        await runApi(p.query.q);
        push(apiTimes, p.query.shape, performance.now() - t0);
      };
      const timeRaw = () => {
        const t0 = performance.now();
        p.stmt.all(...p.params);
        push(rawTimes, p.query.shape, performance.now() - t0);
      };
      // Alternate which path goes first.
      if ((i + round) % 2 === 0) {
        await timeApi();
        timeRaw();
      } else {
        timeRaw();
        await timeApi();
      }
    }
  }

  const api = summarize([...apiTimes.values()].flat());
  const raw = summarize([...rawTimes.values()].flat());
  const byShape = QUERY_SHAPES.filter((s) => apiTimes.has(s.name)).map((s) => ({
    shape: s.name,
    api: summarize(apiTimes.get(s.name)!),
    raw: summarize(rawTimes.get(s.name)!),
  }));

  log('\nAll queries (milliseconds):');
  log(
    table(
      ['path', 'n', 'mean', 'p50', 'p95', 'p99', 'max'],
      [
        ['API  invoke(patients.search)', api.n, ms(api.mean), ms(api.p50), ms(api.p95), ms(api.p99), ms(api.max)],
        ['raw  prepared statement .all()', raw.n, ms(raw.mean), ms(raw.p50), ms(raw.p95), ms(raw.p99), ms(raw.max)],
      ],
    ),
  );
  const r50 = api.p50 / raw.p50;
  const r95 = api.p95 / raw.p95;
  log(`\nratio API/raw: p50 ${ratio(api.p50, raw.p50)}, p95 ${ratio(api.p95, raw.p95)}`);
  log(`aim: p95 under ${SEARCH_AIM.p95Ms} ms, ratio under ${SEARCH_AIM.ratio}`);
  log(`  API p95 ${ms(api.p95)} ms: ${verdict(api.p95 < SEARCH_AIM.p95Ms)}`);
  log(`  ratio p50 ${r50.toFixed(2)}: ${verdict(r50 < SEARCH_AIM.ratio)}    ratio p95 ${r95.toFixed(2)}: ${verdict(r95 < SEARCH_AIM.ratio)}`);

  log('\nBy query shape (milliseconds; rows = results shown, +1 when there were more than 50):');
  log(
    table(
      ['shape', 'n', 'API p50', 'API p95', 'API max', 'raw p50', 'raw p95', 'raw max', 'p95 ratio', 'rows p50', 'empty', 'own patient in results'],
      byShape.map(({ shape, api: a, raw: r }) => {
        const qs = quality.get(shape)!;
        const rows = summarize(qs.rows);
        return [shape, a.n, ms(a.p50), ms(a.p95), ms(a.max), ms(r.p50), ms(r.p95), ms(r.max), ratio(a.p95, r.p95), Math.round(rows.p50), qs.empty, `${qs.found}/${qs.rows.length}`];
      }),
    ),
  );
  log(
    `\nAPI and raw statement returned the same patients for ${prepared.length - disagreements}/${prepared.length} queries.` +
      ` "empty" counts queries that found nobody although the patient they were made from matches them.`,
  );
  if (emptyQueries.length > 0) {
    log(`Queries that found nobody (synthetic names, safe to print): ${emptyQueries.slice(0, 8).map((q) => JSON.stringify(q)).join(', ')}`);
  }

  explain(sqlite, prepared, log);
  return { api, raw, byShape };
}

function explain(sqlite: Backend['store']['sqlite'], prepared: readonly Prepared[], log: (line: string) => void): void {
  const pick = (shape: string) => prepared.find((p) => p.query.shape === shape);
  const cases = [pick('surname, 3 letters'), pick('full name'), pick('phone, last 4'), pick('phone, full')].filter(
    (p): p is Prepared => p !== undefined,
  );
  for (const p of cases) {
    log(`\nEXPLAIN QUERY PLAN: ${p.query.shape}, q = ${JSON.stringify(p.query.q)}`);
    log(p.sql.replace(/\s+/g, ' '));
    log(`params: ${JSON.stringify(p.params)}`);
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${p.sql}`).all(...p.params) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, 0]]);
    for (const r of rows) {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      log(`${'  '.repeat(d)}${r.detail}`);
    }
  }
}
