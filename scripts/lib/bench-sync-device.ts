/**
 * The new device of the sync benchmark's initial sync (scripts/lib/bench-sync.ts), in a fresh
 * process of its own (forked with an IPC channel), so its RSS is what the app's backend
 * process would hold: an empty store in a temporary folder, enrolled with the code it is
 * sent, then sync.round() until its cursor reaches the server's head. Set
 * BENCH_SYNC_CPU_PROF=DIR to write a V8 CPU profile of the download there.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DB_FILE_NAME, openBackend } from '../../src-main/backend/backend';
import { setQuietLogs } from '../../src-main/backend/log';
import { readPositions } from '../../src-main/backend/sync/state';
import type { FetchLike } from '../../src-main/backend/sync/transport';
import { MIGRATIONS_FOLDER } from './cli';
import { newStoreKey } from './store-key';

export interface DeviceRequest {
  url: string;
  code: string;
  head: number;
  pullLimit?: number;
}

export interface DeviceReply {
  changes: number;
  ms: number;
  rounds: number;
  pulls: number;
  received: number;
  rssBefore: number;
  peakRss: number;
  patients: number;
  storeBytes: number;
  /** Time inside fetch (request to the whole body read), summed over the pulls. */
  fetchMs: number;
}

async function run(req: DeviceRequest): Promise<DeviceReply> {
  setQuietLogs(true);
  let received = 0;
  let pulls = 0;
  let fetchMs = 0;
  const counting: FetchLike = async (url, init) => {
    const t0 = performance.now();
    const res = await fetch(url, init);
    const body = await res.arrayBuffer();
    received += body.byteLength;
    if (new URL(url).pathname === '/v1/pull') {
      pulls++;
      fetchMs += performance.now() - t0;
    }
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-sync-new-'));
  const backend = openBackend({
    dataDir: dir,
    migrationsFolder: MIGRATIONS_FOLDER,
    transport: 'http', inProcessAdmin: true,
    storeKey: newStoreKey(),
    sync: { autoStart: false, fetch: counting, ...(req.pullLimit ? { pullLimit: req.pullLimit } : {}) },
  });
  try {
    await new Promise((r) => setTimeout(r, 200));
    const rssBefore = process.memoryUsage().rss;
    const maxBefore = process.resourceUsage().maxRSS * 1024;
    let peak = rssBefore;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const profiler = process.env.BENCH_SYNC_CPU_PROF ? await startProfile() : null;
    const t0 = performance.now();
    const connected = await backend.invoke('sync.connect', { serverUrl: req.url, enrolCode: req.code, deviceName: 'New front desk PC', allowInsecure: false });
    if (!connected.ok) throw new Error(`sync.connect failed: ${JSON.stringify(connected.error)}`);
    let rounds = 0;
    let cursor = 0;
    do {
      await backend.sync.round();
      rounds++;
      cursor = readPositions(backend.store.sqlite).pullCursor;
    } while (cursor < req.head && rounds < 20);
    const ms = performance.now() - t0;
    await profiler?.stop(process.env.BENCH_SYNC_CPU_PROF!);
    clearInterval(timer);
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    peak = Math.max(peak, process.memoryUsage().rss, maxAfter > maxBefore ? maxAfter : 0);
    if (cursor < req.head) throw new Error(`the new device stopped at change ${cursor} of ${req.head} after ${rounds} rounds`);
    const patients = backend.store.sqlite.prepare(`SELECT count(*) FROM patients WHERE deleted_at IS NULL`).pluck().get() as number;
    return { changes: cursor, ms, rounds, pulls, received, rssBefore, peakRss: peak, patients, storeBytes: statSync(join(dir, DB_FILE_NAME)).size, fetchMs };
  } finally {
    await backend.sync.stop();
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync, mkdirSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop(outDir: string) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, `initial-sync-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

process.once('message', (req: DeviceRequest) => {
  run(req).then(
    (reply) => process.send!({ reply }, () => process.exit(0)),
    (err: unknown) => process.send!({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)),
  );
});
process.send!({ ready: true });
