/**
 * Three devices and a clinic server, a seeded random run: offline edits on the same rows and
 * fields, partitions, requests dropped before they arrive, answers lost after the server
 * committed, requests duplicated, stale pushes delivered late, the server restarted, clocks
 * skewed by up to ±4 minutes. After quiescence every device's synced rows are identical and
 * equal to the server's state; the server holds each change made exactly once.
 *
 * Reproduce a failing run with SYNC_FUZZ_SEED=<seed>; SYNC_FUZZ_SEEDS sets how many run.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../scripts/lib/prng';
import { insertRow, softDeleteRow, updateRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { openStore, type Store } from '../../../src-main/backend/db/open';
import { ensureLocalAdmin } from '../../../src-main/backend/users/service';
import { payers, staff, suites } from '../../../src-main/backend/db/schema';
import { setQuietLogs } from '../../../src-main/backend/log';
import { SyncClient } from '../../../src-main/backend/sync/client';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import { syncedTables } from '../../../src-main/backend/sync/tables';
import { SyncRemoteError, type FetchLike } from '../../../src-main/backend/sync/transport';
import { createEnrolCode, ensureClinic } from '../../../src-server/devices/enrolment';
import { startClinicServer, type ClinicServer } from '../../../src-server/http/app';
import { openTestServerDb, SERVER_KINDS, type ServerKind, type TestServerDb } from '../../support/clinic-server';
import { MIGRATIONS, tempDir } from '../../support/temp-backend';

interface Device {
  name: string;
  store: Store;
  w: WriteContext;
  client: SyncClient;
  net: { partitioned: boolean; faults: boolean };
  /** Change-log rows written here: every one must reach the server exactly once. */
  made: () => number;
}

const MINUTE = 60_000;

function faultyFetch(rng: Rng, net: Device['net'], late: (() => Promise<void>)[]): FetchLike {
  return async (url, init) => {
    if (net.partitioned) throw new TypeError('fetch failed');
    if (!net.faults) return fetch(url, init);
    const r = rng.next();
    // Lost on the way: the server never saw it.
    if (r < 0.07) throw new TypeError('fetch failed');
    // The server did the work (committed a push, answered a pull) and the answer was lost.
    if (r < 0.14) {
      await (await fetch(url, init)).arrayBuffer();
      throw new TypeError('fetch failed');
    }
    // Sent twice.
    if (r < 0.2) {
      await (await fetch(url, init)).arrayBuffer();
      return fetch(url, init);
    }
    // A copy of this push arrives much later, after newer ones (reordered).
    if (r < 0.26 && url.includes('/v1/push')) late.push(async () => void (await fetch(url, init)).arrayBuffer());
    return fetch(url, init);
  };
}

/** Every synced row, field by field, as the device stores it (bookkeeping left out). */
function dump(store: Store): string {
  const out: string[] = [];
  for (const info of [...syncedTables().values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const cols = [...info.columns.keys()].filter((c) => c !== 'version' && c !== 'updated_at').sort();
    const rows = store.sqlite.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${info.name}" ORDER BY id`).all();
    for (const row of rows) out.push(`${info.name} ${JSON.stringify(row)}`);
  }
  return out.join('\n');
}

/** The device's field clocks must be the server's: same winner for every field. */
function clocks(store: Store): Map<string, string> {
  const rows = store.sqlite.prepare(`SELECT table_name, row_id, field, hlc FROM field_clocks`).all() as { table_name: string; row_id: string; field: string; hlc: string }[];
  return new Map(rows.map((r) => [`${r.table_name}|${r.row_id}|${r.field}`, r.hlc]));
}

interface RunResult {
  steps: number;
  made: number;
  serverChanges: number;
}

async function runSeed(kind: ServerKind, store: TestServerDb, seed: number, steps: number): Promise<RunResult> {
  const rng = new Rng(seed, 0x5e1c);
  const clinicId = `fuzz-${kind}-${seed}`;
  await ensureClinic(store.db, `Fuzz ${seed}`, clinicId);
  let server: ClinicServer = await startClinicServer({ db: store.db, pollMs: 50 });
  const url = () => server.url;
  const port = server.port;
  const late: (() => Promise<void>)[] = [];
  const devices: Device[] = [];
  const dirs: string[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const dir = tempDir('desk-fuzz-');
      dirs.push(dir);
      const skew = rng.int(-4 * MINUTE, 4 * MINUTE);
      const now = () => Date.now() + skew;
      const st = openStore({ file: join(dir, 'clinic.sqlite'), migrationsFolder: MIGRATIONS });
      const clock = loadDeviceClock(st.sqlite, now);
      // Edits are made by the clinic's administrator (the server refuses changes with no person behind them).
      const admin = ensureLocalAdmin({ db: st.db, sqlite: st.sqlite, clock, userId: null, now });
      const w: WriteContext = { db: st.db, sqlite: st.sqlite, clock, userId: admin.id, now };
      const net = { partitioned: false, faults: true };
      const client = new SyncClient(w, () => {}, { autoStart: false, fetch: faultyFetch(new Rng(seed, i + 1), net, late), pullLimit: rng.int(3, 40) });
      // The change log's AUTOINCREMENT high-water mark: acknowledged rows are compacted away.
      const made = st.sqlite.prepare(`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0)`).pluck();
      devices.push({ name: `device ${i}`, store: st, w, client, net, made: () => made.get() as number });
    }
    // Enrol each device (no faults on enrolment: a lost enrolment answer needs a person).
    for (const d of devices) {
      d.net.faults = false;
      const { code } = await createEnrolCode(store.db, clinicId);
      await d.client.connect({ serverUrl: url(), enrolCode: code, deviceName: d.name, allowInsecure: false });
      d.net.faults = true;
    }

    // Shared row ids so devices edit the same rows and fields while apart.
    const ids = { suites: [] as string[], staff: [] as string[], payers: [] as string[] };
    const live = (d: Device, table: 'suites' | 'staff' | 'payers', id: string) =>
      d.store.sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;

    for (let step = 0; step < steps; step++) {
      const d = rng.pick(devices);
      const action = rng.weighted([
        ['edit', 10],
        ['create', 2],
        ['delete', 0.5],
        ['sync', 6],
        ['partition', 1],
        ['late', 1],
        ['restart', 0.3],
      ] as const);
      if (action === 'create') {
        const t = rng.pick(['suites', 'staff', 'payers'] as const);
        const row =
          t === 'suites'
            ? insertRow(d.w, suites, { name: `Suite ${step}`, sortOrder: step, openingHours: rng.chance(0.5) ? null : [{ day: 1, open: '08:00', close: '16:00' }] })
            : t === 'staff'
              ? insertRow(d.w, staff, { name: `Nurse ${step}`, role: 'rn' as never })
              : insertRow(d.w, payers, { name: `Payer ${step}`, payerCode: null, phone: null });
        ids[t].push(row.id);
      } else if (action === 'edit' || action === 'delete') {
        const t = rng.pick(['suites', 'staff', 'payers'] as const);
        const mine = ids[t].filter((id) => live(d, t, id));
        if (!mine.length) continue;
        const id = rng.pick(mine);
        if (action === 'delete') softDeleteRow(d.w, { suites, staff, payers }[t], id, { what: 'Row' });
        else if (t === 'suites') {
          const which = rng.int(0, 3);
          const patch =
            which === 0
              ? { name: `Suite ${rng.int(1, 9)}` }
              : which === 1
                ? { active: rng.chance(0.5) }
                : which === 2
                  ? { sortOrder: rng.int(0, 5) }
                  : { openingHours: [{ day: rng.int(0, 6), open: '07:00', close: `1${rng.int(5, 9)}:00` }] };
          updateRow(d.w, suites, id, patch, { what: 'Suite' });
        } else if (t === 'staff') updateRow(d.w, staff, id, rng.chance(0.5) ? { name: `Nurse ${rng.int(1, 9)}` } : { active: rng.chance(0.5) }, { what: 'Staff' });
        else updateRow(d.w, payers, id, rng.chance(0.5) ? { phone: `555-01${rng.int(10, 99)}` } : { payerCode: rng.chance(0.3) ? null : `P${rng.int(1, 5)}` }, { what: 'Payer' });
      } else if (action === 'sync') {
        try {
          await d.client.round(0);
        } catch (err) {
          if (!(err instanceof SyncRemoteError) || err.code !== 'NETWORK') throw err;
        }
      } else if (action === 'partition') d.net.partitioned = !d.net.partitioned;
      else if (action === 'late' && late.length) await late.splice(rng.int(0, late.length - 1), 1)[0]!().catch(() => {});
      else if (action === 'restart') {
        // The server process goes away (requests under way fail) and comes back on the same database.
        await server.kill();
        server = await startClinicServer({ db: store.db, pollMs: 50, port });
      }
    }

    // Quiescence: the network heals; late copies arrive; every device syncs until nothing moves.
    for (const fn of late.splice(0)) await fn().catch(() => {});
    for (const d of devices) d.net = Object.assign(d.net, { partitioned: false, faults: false });
    // A connection the restarted server dropped can fail once more, as it would in a clinic:
    // the loop tries again.
    const settle = async (d: Device) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await d.client.round(0);
        } catch (err) {
          if (attempt >= 3 || !(err instanceof SyncRemoteError) || err.code !== 'NETWORK') throw err;
        }
      }
    };
    for (let pass = 0; pass < 3; pass++) for (const d of devices) await settle(d);

    const head = Number((await store.db.query<{ head: number }>(`SELECT head FROM clinics WHERE id = $1`, [clinicId])).rows[0]!.head);
    const serverChanges = Number((await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE clinic_id = $1`, [clinicId])).rows[0]!.n);
    const made = devices.reduce((n, d) => n + d.made(), 0);
    for (const d of devices) {
      expect(d.client.status().waiting, `${d.name} has nothing left to send (seed ${seed})`).toBe(0);
      expect(Number(d.store.sqlite.prepare(`SELECT value FROM device_meta WHERE key = 'sync.pullCursor'`).pluck().get()), `${d.name} pulled everything (seed ${seed})`).toBe(head);
    }
    // Every change made on any device is on the server exactly once.
    expect(serverChanges, `seed ${seed}`).toBe(made);
    // Every device holds the same rows, field for field.
    const first = dump(devices[0]!.store);
    for (const d of devices.slice(1)) expect(dump(d.store), `${d.name} equals device 0 (seed ${seed})`).toBe(first);
    // ... and the same winners as the server's current state.
    const state = (
      await store.db.query<{ table_name: string; row_id: string; field: string; hlc: string; value: string | null }>(
        `SELECT table_name, row_id, field, hlc, value FROM field_state WHERE clinic_id = $1`,
        [clinicId],
      )
    ).rows;
    for (const d of devices) {
      const c = clocks(d.store);
      expect(c.size, `${d.name} field count (seed ${seed})`).toBe(state.length);
      for (const f of state) expect(c.get(`${f.table_name}|${f.row_id}|${f.field}`), `seed ${seed}`).toBe(f.hlc);
      // The stored value is the winner's value.
      for (const f of state.filter((x) => x.table_name === 'suites' && x.field === 'name')) {
        const v = d.store.sqlite.prepare(`SELECT name FROM suites WHERE id = ?`).pluck().get(f.row_id);
        expect(JSON.stringify(v), `seed ${seed}`).toBe(f.value);
      }
    }
    return { steps, made, serverChanges };
  } finally {
    await server.kill();
    for (const d of devices) d.store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.env.SYNC_FUZZ_SEED ? [Number(process.env.SYNC_FUZZ_SEED)] : null;
const SEEDS = Number(process.env.SYNC_FUZZ_SEEDS ?? 150);

describe.each(SERVER_KINDS)('sync converges under faults (%s)', (kind) => {
  let store: TestServerDb;
  beforeAll(async () => {
    setQuietLogs(true);
    store = await openTestServerDb(kind);
  });
  afterAll(async () => {
    if (kind === 'pglite') await store.db.close();
    else await store.drop();
  });

  it(`${only ? `seed ${only[0]}` : `${SEEDS} seeds`}: every device equals the server, no change lost or applied twice`, async () => {
    const seeds = only ?? Array.from({ length: kind === 'postgres' ? Math.ceil(SEEDS / 3) : SEEDS }, (_, i) => i + 1);
    let made = 0;
    for (const seed of seeds) {
      try {
        made += (await runSeed(kind, store, seed, 150)).made;
      } catch (err) {
        throw new Error(`seed ${seed} failed (rerun with SYNC_FUZZ_SEED=${seed}): ${(err as Error).message}`, { cause: err });
      }
    }
    expect(made).toBeGreaterThan(seeds.length * 50);
  }, 600_000);

  it('one long run: thousands of edits', async () => {
    const r = await runSeed(kind, store, 9001, 3000);
    expect(r.made).toBeGreaterThan(1500);
  }, 600_000);
});
