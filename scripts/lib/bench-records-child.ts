/**
 * The indexing part of the 'Prior records indexing' benchmark (scripts/lib/bench-records.ts) in a
 * process of its own that is only the backend, so its RSS is the app's: opens the backend on the
 * parent's copy of the clinic (with the app's default extraction pool), adds the watched folder
 * of text PDFs, waits for every file to be indexed, then the folder of scanned pages. Its own RSS
 * is sampled every 20 ms (process.memoryUsage().rss; the extraction workers are threads of this
 * process). Prints one JSON line: each folder's time, the RSS just before it and its peak, the
 * matched and OCR counts, the time from the first scan indexed to the last, and the process's
 * high-water mark (resourceUsage().maxRSS).
 *
 * Arguments: <copy data dir> <clinic data dir (for its store key)> <text dir> <text count> <scans dir> <scan count>.
 */
import { performance } from 'node:perf_hooks';
import { openBackend, type Backend } from '../../src-main/backend/backend';
import { defaultPoolSize, runtimeFor } from '../../src-main/backend/records/runtime';
import { MIGRATIONS_FOLDER } from './cli';
import { scriptStoreKey } from './store-key';

const [copyDir, clinicDir, textDir, textCount, ocrDir, ocrCount] = process.argv.slice(2) as [string, string, string, string, string, string];

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

async function indexFolder(backend: Backend, dir: string, expected: number) {
  const rssBefore = process.memoryUsage().rss;
  peak = rssBefore;
  const t0 = performance.now();
  const r = await backend.invoke('records.folders.add', { path: dir, stabilitySeconds: 0.2 });
  if (!r.ok) throw new Error(`records.folders.add failed: ${r.error.message}`);
  const countIndexed = () =>
    (backend.store.sqlite.prepare(`SELECT count(*) AS n FROM record_files WHERE path LIKE ? AND status IN ('indexed', 'failed')`).get(`${dir}%`) as { n: number }).n;
  for (;;) {
    if (countIndexed() >= expected) break;
    if (performance.now() - t0 > 20 * 60_000) throw new Error('indexing did not finish in 20 minutes');
    await new Promise((res) => setTimeout(res, 25));
  }
  const seconds = (performance.now() - t0) / 1000;
  const peakRss = Math.max(peak, process.memoryUsage().rss);
  return { seconds, rssBefore, peakRss, indexed: countIndexed() };
}

const rssAtStart = process.memoryUsage().rss;
const backend = openBackend({
  dataDir: copyDir,
  migrationsFolder: MIGRATIONS_FOLDER,
  transport: 'http',
  inProcessAdmin: true,
  storeKey: scriptStoreKey(clinicDir),
  records: { progressThrottleMs: 500 },
});
try {
  const text = await indexFolder(backend, textDir, Number(textCount));
  const matched = (backend.store.sqlite.prepare(`SELECT count(*) AS n FROM record_files WHERE path LIKE ? AND match_state = 'matched'`).get(`${textDir}%`) as { n: number }).n;
  const ocr = await indexFolder(backend, ocrDir, Number(ocrCount));
  const ocrPages = (backend.store.sqlite.prepare(`SELECT coalesce(sum(ocr_pages), 0) AS n FROM record_files WHERE path LIKE ?`).get(`${ocrDir}%`) as { n: number }).n;
  // From the first scan indexed to the last: the pages in between went through rendering, OCR
  // and the writes with the worker and its engine already started (the steady rate).
  const span = backend.store.sqlite
    .prepare(`SELECT min(indexed_at) AS first, max(indexed_at) AS last, count(*) AS n FROM record_files WHERE path LIKE ? AND status = 'indexed'`)
    .get(`${ocrDir}%`) as { first: number | null; last: number | null; n: number };
  const firstToLast = span.first !== null && span.last !== null ? { seconds: (span.last - span.first) / 1000, files: span.n } : null;
  clearInterval(sampler);
  console.log(
    JSON.stringify({ poolSize: defaultPoolSize(), rssAtStart, text: { ...text, matched }, ocr: { ...ocr, ocrPages, firstToLast }, maxRss: process.resourceUsage().maxRSS * 1024 }),
  );
} finally {
  clearInterval(sampler);
  await runtimeFor(backend.store.sqlite)?.close();
  backend.close();
}
// Nothing else to wait for: end here even if a handle (a watcher, a timer) was left behind.
process.exit(0);
