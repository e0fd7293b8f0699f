/**
 * Benchmark: what encryption at rest costs the front desk. The same work on two copies of the
 * seeded clinic made in this run: one encrypted as the app keeps it (SQLCipher 4: AES-256 and
 * an HMAC-SHA512 per 4 KiB page, the clinic's own key) and one decrypted to plain SQLite, each
 * opened by a backend of its own with the clock at the seeded "today":
 *
 * (a) patient search: the search box's query mix (bench-patient-search.ts) through
 *     `invoke('patients.search')`;
 * (b) series booking: for patients without a series, `series.propose` for a six-session
 *     series on the 85%-booked floor, then `series.book` of its first proposal (validation,
 *     the placement and authorization checks, the writes with their change log and audit).
 *
 * Copies, so the bookings leave the seeded clinic as it was. Requests alternate between the
 * copies (which goes first alternates too) so neither has a warmer cache. The figure is the
 * ratio encrypted / plain; the aim is under 1.3x.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_FILE_NAME, openBackend, type Backend } from '../../src-main/backend/backend';
import { isPlainSqliteFile, openSqlite } from '../../src-main/backend/db/cipher';
import type { BenchContext } from '../bench';
import { ms, ratio, summarize, table, verdict, type Summary } from './bench-kit';
import { buildQueryMix, type SamplePatient } from './bench-patient-search';
import { fmtInt, MIGRATIONS_FOLDER } from './cli';
import { rngFor } from './prng';
import { storeKeyOf } from './store-key';
import { SEED_REFERENCE_INSTANT } from './synthetic-clinic';

export const ENCRYPTION_AIM = { ratio: 1.3 } as const;

interface Pair {
  enc: Backend;
  plain: Backend;
}

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.invoke(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.result as T;
}

/** Time `fn` on both copies, alternating which goes first. */
async function both(pair: Pair, turn: number, fn: (b: Backend) => Promise<unknown>, into: { enc: number[]; plain: number[] }): Promise<void> {
  const run = async (which: 'enc' | 'plain') => {
    const t0 = performance.now();
    await fn(pair[which]);
    into[which].push(performance.now() - t0);
  };
  if (turn % 2 === 0) {
    await run('enc');
    await run('plain');
  } else {
    await run('plain');
    await run('enc');
  }
}

export async function benchEncryption(ctx: BenchContext): Promise<{ search: { enc: Summary; plain: Summary }; booking: { enc: Summary; plain: Summary } }> {
  const log = (line: string) => console.log(line);
  const key = storeKeyOf(ctx.backend);
  const encDir = mkdtempSync(join(tmpdir(), 'desk-bench-enc-'));
  const plainDir = mkdtempSync(join(tmpdir(), 'desk-bench-plain-'));
  const pair: Partial<Pair> = {};
  try {
    const t0 = performance.now();
    // VACUUM INTO keeps the connection's encryption: both copies start encrypted under the clinic's key.
    ctx.backend.store.sqlite.prepare('VACUUM INTO ?').run(join(encDir, DB_FILE_NAME));
    ctx.backend.store.sqlite.prepare('VACUUM INTO ?').run(join(plainDir, DB_FILE_NAME));
    const dec = openSqlite(join(plainDir, DB_FILE_NAME), { key });
    try {
      dec.pragma('journal_mode = DELETE');
      dec.pragma(`rekey = ''`);
    } finally {
      dec.close();
    }
    if (!isPlainSqliteFile(join(plainDir, DB_FILE_NAME)) || isPlainSqliteFile(join(encDir, DB_FILE_NAME))) throw new Error('the copies are not one encrypted and one plain');
    log(`Two copies of the clinic made in ${((performance.now() - t0) / 1000).toFixed(1)} s: encrypted (SQLCipher 4, the clinic's key) and plain; deleted at the end.`);
    const now = () => SEED_REFERENCE_INSTANT;
    pair.enc = openBackend({ dataDir: encDir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: key, now });
    pair.plain = openBackend({ dataDir: plainDir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: null, now });
    const p = pair as Pair;
    const sqlite = p.plain.store.sqlite;

    // (a) Patient search.
    const all = sqlite
      .prepare(`SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, phone, mrn FROM patients WHERE deleted_at IS NULL ORDER BY mrn, id`)
      .all() as SamplePatient[];
    const queries = buildQueryMix(all, ctx.seed, 20);
    const search = { enc: [] as number[], plain: [] as number[] };
    for (const q of queries) await both(p, 0, (b) => call(b, 'patients.search', { q: q.q }), { enc: [], plain: [] }); // warm-up
    for (let round = 0; round < ctx.iterations; round++) {
      for (const [i, q] of queries.entries()) await both(p, i + round, (b) => call(b, 'patients.search', { q: q.q }), search);
    }

    // (b) Series booking: propose, then book the first proposal.
    const template = sqlite
      .prepare(`SELECT id FROM series_templates WHERE deleted_at IS NULL AND active = 1 AND session_count = 6 ORDER BY window_days, id LIMIT 1`)
      .pluck()
      .get() as string | undefined;
    if (!template) throw new Error('the seeded clinic has no six-session series template: seed it again (npm run seed)');
    const fresh = sqlite
      .prepare(
        `SELECT p.id FROM patients p WHERE p.deleted_at IS NULL
           AND EXISTS (SELECT 1 FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM infusion_series r WHERE r.patient_id = p.id AND r.deleted_at IS NULL)
         ORDER BY p.id LIMIT 2000`,
      )
      .pluck()
      .all() as string[];
    const rng = rngFor(ctx.seed, 'bench-encryption-booking');
    // Bookings wanted; patients are tried (from a day up to ten weeks ahead) until that many found a series.
    const wanted = 10 * ctx.iterations;
    const propose = { enc: [] as number[], plain: [] as number[] };
    const book = { enc: [] as number[], plain: [] as number[] };
    const booking = { enc: [] as number[], plain: [] as number[] };
    let booked = 0;
    let noFit = 0;
    for (let i = 0; booked < wanted && fresh.length > 0; i++) {
      const patientId = fresh.splice(rng.int(0, fresh.length - 1), 1)[0]!;
      const input = { patientId, templateId: template, selfPay: true, from: SEED_REFERENCE_INSTANT + rng.int(1, 70) * 86_400_000 };
      const proposals = new Map<Backend, { sessions: unknown[] } | undefined>();
      await both(
        p,
        i,
        async (b) => {
          const r = await call<{ proposals: { sessions: unknown[] }[] }>(b, 'series.propose', input);
          proposals.set(b, r.proposals[0]);
        },
        propose,
      );
      const encFirst = proposals.get(p.enc);
      const plainFirst = proposals.get(p.plain);
      if (JSON.stringify(encFirst) !== JSON.stringify(plainFirst)) throw new Error('the encrypted and plain copies proposed different series');
      if (!encFirst) {
        noFit++;
        propose.enc.pop();
        propose.plain.pop();
        continue;
      }
      await both(p, i, (b) => call(b, 'series.book', { ...input, sessions: proposals.get(b)!.sessions }), book);
      booking.enc.push(propose.enc.at(-1)! + book.enc.at(-1)!);
      booking.plain.push(propose.plain.at(-1)! + book.plain.at(-1)!);
      booked++;
    }

    const row = (name: string, s: Summary) => [name, s.n, ms(s.mean), ms(s.p50), ms(s.p95), ms(s.max)];
    const s = { enc: summarize(search.enc), plain: summarize(search.plain) };
    const pr = { enc: summarize(propose.enc), plain: summarize(propose.plain) };
    const bk = { enc: summarize(book.enc), plain: summarize(book.plain) };
    const all2 = { enc: summarize(booking.enc), plain: summarize(booking.plain) };
    log(`\n${queries.length} search queries × ${ctx.iterations} rounds; ${booked} series proposed and booked (${noFit} patients without a fitting series skipped), ${fmtInt(all.length)} patients in the clinic.`);
    log('\nMilliseconds, each request on both copies in turn:');
    log(
      table(
        ['work', 'n', 'mean', 'p50', 'p95', 'max'],
        [
          row('patient search, encrypted', s.enc),
          row('patient search, plain', s.plain),
          row('series.propose, encrypted', pr.enc),
          row('series.propose, plain', pr.plain),
          row('series.book, encrypted', bk.enc),
          row('series.book, plain', bk.plain),
          row('propose + book, encrypted', all2.enc),
          row('propose + book, plain', all2.plain),
        ],
      ),
    );
    log(`\nratio encrypted/plain (aim under ${ENCRYPTION_AIM.ratio}x):`);
    for (const [name, x] of [
      ['patient search', s],
      ['series booking (propose + book)', all2],
    ] as const) {
      const r50 = x.enc.p50 / x.plain.p50;
      const r95 = x.enc.p95 / x.plain.p95;
      log(`  ${name}: p50 ${ratio(x.enc.p50, x.plain.p50)} ${verdict(r50 < ENCRYPTION_AIM.ratio)}, p95 ${ratio(x.enc.p95, x.plain.p95)} ${verdict(r95 < ENCRYPTION_AIM.ratio)}`);
    }
    log(`  (series.propose alone: p50 ${ratio(pr.enc.p50, pr.plain.p50)}; series.book alone: p50 ${ratio(bk.enc.p50, bk.plain.p50)})`);
    return { search: s, booking: all2 };
  } finally {
    pair.enc?.close();
    pair.plain?.close();
    rmSync(encDir, { recursive: true, force: true });
    rmSync(plainDir, { recursive: true, force: true });
  }
}
