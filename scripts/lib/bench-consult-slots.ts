/**
 * Benchmark: "find the next free consultation" on the seeded clinic.
 *
 * A fixed mix of searches (14 clinic days each, drawn with a seeded PRNG) is run
 * (a) through the backend API, `invoke('consultations.freeSlots', ...)`: input validation,
 *     permission check, provider/patient checks, the loads, the finder, output validation;
 * (b) raw: the same prepared SQL loads (schedule-data.ts) followed by the pure finder
 *     (rules/free-slots.ts), with no dispatcher; and, to show where the time goes, the SQL
 *     loads alone and the finder alone on arrays loaded before timing.
 * The seeded bookings lie in the weeks after the synthetic clinic's "today", so this section
 * opens its own connection to the same store with the clock set to that day
 * (SEED_REFERENCE_INSTANT); the bench's own backend runs on the real clock.
 */
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBackend, type Backend } from '../../src-main/backend/backend';
import { findFreeSlots, SLOT_STEP_MINUTES, type SlotSearch } from '../../src-main/backend/scheduling/rules/free-slots';
import { loadSchedule, readScheduleSettings } from '../../src-main/backend/scheduling/schedule-data';
import { addDays, localDateAt, startOfLocalDay } from '../../src-main/backend/scheduling/zoned-time';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { MIGRATIONS_FOLDER } from './cli';
import { storeKeyOf } from './store-key';
import { rngFor } from './prng';
import { SEED_REFERENCE_INSTANT } from './synthetic-clinic';

export const FREE_SLOTS_AIM = { p95Ms: 10, ratio: 2 } as const;
const DAYS = 14;
const DAY_MS = 86_400_000;

interface Query {
  shape: string;
  input: { from: number; days: number; limit: number; staffId?: string; patientId?: string };
}

export interface ConsultSlotsOptions {
  backend: Backend;
  seed: number;
  iterations: number;
  perShape?: number;
  log?: (line: string) => void;
}

export interface ConsultSlotsResult {
  api: Summary;
  raw: Summary;
  load: Summary;
  finder: Summary;
}

export async function benchConsultSlots(opts: ConsultSlotsOptions): Promise<ConsultSlotsResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const perShape = opts.perShape ?? 25;
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
    const blocks = one(`SELECT count(*) AS n FROM provider_availability WHERE deleted_at IS NULL`);
    if (blocks === 0) throw new Error('the seeded clinic has no consultation hours: seed it again (npm run seed) with this version');
    const providers = sqlite
      .prepare(`SELECT id FROM staff WHERE deleted_at IS NULL AND active = 1 AND role IN ('physician', 'anesthesiologist') ORDER BY id`)
      .all() as { id: string }[];
    const bookedPatients = sqlite
      .prepare(`SELECT patient_id AS id FROM appointments WHERE deleted_at IS NULL AND status = 'booked' AND starts_at >= ? ORDER BY id`)
      .all(now) as { id: string }[];
    const windowEnd = now + (DAYS + 14) * DAY_MS;
    log(
      `Seeded schedule: ${providers.length} providers, ${blocks} weekly blocks, ` +
        `${one(`SELECT count(*) AS n FROM availability_exceptions WHERE deleted_at IS NULL`)} exceptions, ` +
        `${one(`SELECT count(*) AS n FROM appointments WHERE deleted_at IS NULL AND status = 'booked' AND starts_at >= ? AND starts_at < ?`, now, windowEnd)} ` +
        `booked consultations in the 4 weeks searched (of ${one(`SELECT count(*) AS n FROM appointments`)} appointment rows).`,
    );

    // The query mix: from "today" or a later moment in the first fortnight, on a minute.
    const rng = rngFor(opts.seed, 'bench-consult-slots');
    const someFrom = () => now + rng.int(0, 14 * 24 * 60) * 60_000;
    const queries: Query[] = [];
    for (let i = 0; i < perShape; i++) {
      queries.push({ shape: 'all providers, next 20', input: { from: i === 0 ? now : someFrom(), days: DAYS, limit: 20 } });
      queries.push({ shape: 'all providers, whole fortnight', input: { from: someFrom(), days: DAYS, limit: 200 } });
      queries.push({ shape: 'one provider, next 20', input: { from: someFrom(), days: DAYS, limit: 20, staffId: rng.pick(providers).id } });
      if (bookedPatients.length) {
        queries.push({ shape: 'for a booked patient, next 20', input: { from: someFrom(), days: DAYS, limit: 20, patientId: rng.pick(bookedPatients).id } });
      }
    }
    const shapes = [...new Set(queries.map((q) => q.shape))];
    log(`${queries.length} searches of ${DAYS} clinic days (${perShape} of each of ${shapes.length} shapes), ${opts.iterations} timed rounds, API and raw interleaved. Clock: the seeded clinic's "today", ${new Date(now).toISOString()}.`);

    const settings = readScheduleSettings(sqlite);
    const rawSearch = (q: Query['input']): { load: number; finder: number; slots: { staffId: string; startsAt: number }[] } => {
      const t0 = performance.now();
      const s = readScheduleSettings(sqlite);
      const minutes = s.consultationMinutes;
      const until = startOfLocalDay(s.timeZone, addDays(localDateAt(s.timeZone, q.from), q.days));
      const data = loadSchedule(sqlite, s, { from: q.from, to: until + minutes * 60_000, staffId: q.staffId, patientId: q.patientId });
      const t1 = performance.now();
      const r = findFreeSlots({ ...data, from: q.from, days: q.days, minutes, step: SLOT_STEP_MINUTES, limit: q.limit });
      return { load: t1 - t0, finder: performance.now() - t1, slots: r.slots };
    };
    const runApi = async (q: Query['input']) => {
      const r = await backend.invoke('consultations.freeSlots', q);
      if (!r.ok) throw new Error(`consultations.freeSlots failed: ${r.error.code} ${r.error.message}`);
      return r.result as { slots: { staffId: string; startsAt: number }[]; more: boolean };
    };

    // Pre-loaded inputs for the finder-only timing.
    const preloaded: SlotSearch[] = queries.map(({ input: q }) => {
      const until = startOfLocalDay(settings.timeZone, addDays(localDateAt(settings.timeZone, q.from), q.days));
      const data = loadSchedule(sqlite, settings, { from: q.from, to: until + settings.consultationMinutes * 60_000, staffId: q.staffId, patientId: q.patientId });
      return { ...data, from: q.from, days: q.days, minutes: settings.consultationMinutes, step: SLOT_STEP_MINUTES, limit: q.limit };
    });

    // Check before timing: the API and the raw path find the same slots.
    let agree = 0;
    const found = new Map<string, number[]>();
    for (const q of queries) {
      const api = await runApi(q.input);
      const raw = rawSearch(q.input);
      const key = (s: { staffId: string; startsAt: number }[]) => s.map((x) => `${x.staffId}@${x.startsAt}`).join();
      if (key(api.slots) === key(raw.slots)) agree++;
      (found.get(q.shape) ?? found.set(q.shape, []).get(q.shape)!).push(api.slots.length);
    }
    // Warm-up.
    for (const [i, q] of queries.entries()) {
      await runApi(q.input);
      rawSearch(q.input);
      findFreeSlots(preloaded[i]!);
    }

    const times = { api: new Map<string, number[]>(), raw: new Map<string, number[]>(), load: new Map<string, number[]>(), finder: new Map<string, number[]>() };
    const push = (m: Map<string, number[]>, k: string, v: number) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    const orderRng = rngFor(opts.seed, 'bench-consult-slots-order');
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
          const r = rawSearch(q.input);
          push(times.raw, q.shape, performance.now() - t0);
          push(times.load, q.shape, r.load);
          const t1 = performance.now();
          findFreeSlots(preloaded[idx]!);
          push(times.finder, q.shape, performance.now() - t1);
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
    const finder = all(times.finder);
    const row = (name: string, s: Summary) => [name, s.n, ms(s.mean), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
    log('\nAll searches (milliseconds):');
    log(
      table(
        ['path', 'n', 'mean', 'p50', 'p95', 'p99', 'max'],
        [
          row('API  invoke(consultations.freeSlots)', api),
          row('raw  SQL loads + finder', raw),
          row('       of which SQL loads', load),
          row('     finder alone, arrays pre-loaded', finder),
        ],
      ),
    );
    const r50 = api.p50 / raw.p50;
    const r95 = api.p95 / raw.p95;
    log(`\nratio API/raw: p50 ${ratio(api.p50, raw.p50)}, p95 ${ratio(api.p95, raw.p95)}; API/finder alone: p50 ${ratio(api.p50, finder.p50)}, p95 ${ratio(api.p95, finder.p95)}`);
    log(`aim: API p95 under ${FREE_SLOTS_AIM.p95Ms} ms, API/raw under ${FREE_SLOTS_AIM.ratio}`);
    log(`  API p95 ${ms(api.p95)} ms: ${verdict(api.p95 < FREE_SLOTS_AIM.p95Ms)}`);
    log(`  ratio p50 ${r50.toFixed(2)}: ${verdict(r50 < FREE_SLOTS_AIM.ratio)}    ratio p95 ${r95.toFixed(2)}: ${verdict(r95 < FREE_SLOTS_AIM.ratio)}`);

    log('\nBy search shape (milliseconds; slots = slots returned, p50):');
    log(
      table(
        ['shape', 'n', 'API p50', 'API p95', 'raw p50', 'raw p95', 'SQL p50', 'finder p50', 'finder p95', 'p95 ratio', 'slots'],
        shapes.map((shape) => {
          const a = summarize(times.api.get(shape)!);
          const r = summarize(times.raw.get(shape)!);
          const l = summarize(times.load.get(shape)!);
          const f = summarize(times.finder.get(shape)!);
          return [shape, a.n, ms(a.p50), ms(a.p95), ms(r.p50), ms(r.p95), ms(l.p50), ms(f.p50), ms(f.p95), ratio(a.p95, r.p95), Math.round(summarize(found.get(shape)!).p50)];
        }),
      ),
    );
    log(`\nAPI and raw path returned the same slots for ${agree}/${queries.length} searches.`);
    return { api, raw, load, finder };
  } finally {
    backend.close();
  }
}
