/**
 * `npm run bench -- [--patients 50000] [--seed S] [--data-dir DIR] [--iterations K] [--only WORD] [--sync-patients N] [--sync-changes N]`
 *
 * Benchmarks on a seeded synthetic clinic (seeded first when the data folder has none, or
 * one with a different number of patients). Each benchmark is a section below; each prints
 * its figures beside a raw baseline measured in the same run, and its aim with PASS/MISS.
 * The figures are information, not a gate: the exit code is 0 unless a section crashes.
 *
 * To add a benchmark: write scripts/lib/bench-<thing>.ts exporting a function that takes
 * the BenchContext, and list it in SECTIONS.
 */
import { parseArgs } from 'node:util';
import { openBackend, type Backend } from '../src-main/backend/backend';
import { machineInfo, section, type SectionResult } from './lib/bench-kit';
import { benchConsultSlots } from './lib/bench-consult-slots';
import { intakeBenchSections } from './lib/bench-intake';
import { benchPatientSearch } from './lib/bench-patient-search';
import { benchSeriesPlanner } from './lib/bench-series-planner';
import { benchEncryption } from './lib/bench-encryption';
import { benchCalendarRender } from './lib/bench-calendar-render';
import { benchScreens } from './lib/bench-screens';
import { benchRecordsIndexing, benchRecordsSearch } from './lib/bench-records';
import { outcomesBenchSections } from './lib/bench-outcomes';
import { benchSyncSection } from './lib/bench-sync';
import { benchAudit } from './lib/bench-audit';
import { benchPackage } from './lib/bench-package';
import { benchWaitingList } from './lib/bench-waiting-list';
import { DEFAULT_SEED_DIR, dirOption, intOption, MIGRATIONS_FOLDER, UsageError } from './lib/cli';
import { ensureSeededClinic } from './lib/seed-clinic';
import { ensureInfusionFloor } from './lib/seed-series';
import { ensureOutcomeHistory } from './lib/seed-outcomes';
import { scriptStoreKey } from './lib/store-key';

export interface BenchContext {
  backend: Backend;
  seed: number;
  iterations: number;
  /** The seeded clinic's folder and size. */
  dataDir?: string;
  patients?: number;
  /** Sync benchmark: the clinic whose log the server holds (patients; null: the one above), and a cap on its changes. */
  syncPatients?: number | null;
  syncChanges?: number | null;
}

const SECTIONS: readonly { name: string; run: (ctx: BenchContext) => unknown }[] = [
  {
    name: 'Patient search (front desk search box)',
    run: (ctx) => benchPatientSearch({ backend: ctx.backend, seed: ctx.seed, iterations: ctx.iterations }),
  },
  { name: 'Free consultation slots (booking screen)', run: (ctx) => benchConsultSlots(ctx) },
  ...intakeBenchSections,
  { name: 'Series planner (six-session series on the 85%-booked floor)', run: (ctx) => benchSeriesPlanner(ctx) },
  { name: 'Authorization waiting list (first call, kept, after an edit)', run: (ctx) => benchWaitingList(ctx) },
  { name: 'Encryption at rest (patient search and series booking, encrypted copy vs. plain copy)', run: (ctx) => benchEncryption(ctx) },
  { name: 'Suite calendar render (busiest day and week, real Chromium)', run: (ctx) => benchCalendarRender(ctx) },
  { name: 'Screen timing (each main screen and common actions, click to content drawn, real Chromium)', run: (ctx) => benchScreens(ctx) },
  ...outcomesBenchSections,
  { name: 'Audit trail (the audit write on opening a chart; the chain check at start-up)', run: (ctx) => benchAudit(ctx) },
  { name: 'Prior records indexing (text PDFs and OCR through the watched-folder pipeline, memory)', run: (ctx) => benchRecordsIndexing(ctx) },
  { name: 'Prior records search (records.search over 20,000 records vs. the bare FTS5 statement)', run: (ctx) => benchRecordsSearch(ctx) },
  { name: 'Sync (new device initial sync, edit A -> B, push of 10,000 changes; clinic server on loopback)', run: (ctx) => benchSyncSection(ctx) },
];

/** Sections that need no seeded clinic: `--only` choosing just these skips seeding and opening it. */
const STANDALONE: readonly { name: string; run: (opts: { iterations: number }) => unknown }[] = [
  { name: 'Prior authorization package (20 enclosed records, ~200 pages, vs. a raw pdf-lib merge)', run: (opts) => benchPackage(opts) },
];

const USAGE = `Usage: npm run bench -- [--patients N] [--seed S] [--data-dir DIR] [--iterations K]
  --patients N    clinic size (default 50000); the data folder is seeded again if it holds a different number
  --seed S        seed for the clinic and for the query mix (default 1)
  --data-dir DIR  folder with clinic.sqlite (default .seed-clinic at the project root)
  --iterations K  timed rounds over each benchmark's query mix (default 5)
  --only WORD     run only the sections whose name contains WORD (e.g. --only intake, --only sync)
  --sync-patients N  sync benchmark: the server holds the log of a clinic of N patients (default: the clinic above;
                     another N is seeded in <data-dir>-N); env BENCH_SYNC_PATIENTS
  --sync-changes N   sync benchmark: push at most the first N changes of that log (default all); env BENCH_SYNC_CHANGES
  PostgreSQL: with DESK_TEST_PG_URL set, the sync benchmark runs on PGlite and on PostgreSQL (a database of its own, dropped after)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      iterations: { type: 'string' },
      only: { type: 'string' },
      'sync-patients': { type: 'string' },
      'sync-changes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const patients = intOption(values.patients, 'patients', 50_000, 1, 5_000_000);
  const seed = intOption(values.seed, 'seed', 1, 0, 0xffffffff);
  const iterations = intOption(values.iterations, 'iterations', 5, 1, 1000);
  const dataDir = dirOption(values['data-dir'], DEFAULT_SEED_DIR);
  const syncPatientsText = values['sync-patients'] ?? process.env.BENCH_SYNC_PATIENTS;
  const syncChangesText = values['sync-changes'] ?? process.env.BENCH_SYNC_CHANGES;
  const syncPatients = syncPatientsText === undefined ? null : intOption(syncPatientsText, 'sync-patients', patients, 1, 5_000_000);
  const syncChanges = syncChangesText === undefined ? null : intOption(syncChangesText, 'sync-changes', 0, 1);

  const only = values.only?.toLowerCase();
  const chosen = (x: { name: string }) => !only || x.name.toLowerCase().includes(only);
  const standalone: SectionResult[] = [];
  for (const s of STANDALONE.filter(chosen)) standalone.push(await section(s.name, () => s.run({ iterations })));
  if (only && !SECTIONS.some(chosen)) {
    console.log('\nSections');
    for (const r of standalone) console.log(`  ${r.ok ? 'ran   ' : 'FAILED'}  ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
    return standalone.every((r) => r.ok) ? 0 : 1;
  }

  await ensureSeededClinic({ dataDir, patients, seed });
  await ensureInfusionFloor({ dataDir, seed });
  await ensureOutcomeHistory({ dataDir, seed });

  const backend = openBackend({ dataDir, migrationsFolder: MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: scriptStoreKey(dataDir) });
  const results: SectionResult[] = [...standalone];
  try {
    const sqliteVersion = (backend.store.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    console.log('\nMachine');
    console.log(machineInfo({ sqlite: sqliteVersion, clinic: dataDir }));
    for (const s of SECTIONS.filter(chosen)) results.push(await section(s.name, () => s.run({ backend, seed, iterations, dataDir, patients, syncPatients, syncChanges })));
  } finally {
    backend.close();
  }

  console.log('\nSections');
  for (const r of results) console.log(`  ${r.ok ? 'ran   ' : 'FAILED'}  ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
