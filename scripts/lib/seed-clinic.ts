/**
 * Writes a synthetic clinic (scripts/lib/synthetic-clinic.ts) into a fresh store through
 * the backend's one write path (insertRow / updateRow), so the change log and field clocks
 * are filled exactly as the app fills them.
 *
 * Time is simulated: the backend and the hybrid logical clock run on a virtual clock that
 * the seeder moves to each row's creation instant, so `created_at`, ids and the order of
 * the change log follow the clinic's four-year history and the same seed gives the same
 * rows. (The device's node id and each change's op id stay random, as the backend makes them.)
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { DB_FILE_NAME, openBackend } from '../../src-main/backend/backend';
import { readSettings } from '../../src-main/backend/clinic/service';
import { payers, staff, suites, clinicSettings } from '../../src-main/backend/clinic/schema';
import { insertRow, updateRow, type WriteContext } from '../../src-main/backend/db/mutate';
import { patientRecord } from '../../src-main/backend/patients/record';
import { coverages, patients } from '../../src-main/backend/patients/schema';
import { loadDeviceClock } from '../../src-main/backend/sync/device-clock';
import { fmtInt, fmtSeconds, MIGRATIONS_FOLDER } from './cli';
import { openSqliteAsFound, scriptStoreKey } from './store-key';
import { seedAvailability } from './seed-availability';
import { seedIntake } from './seed-intake';
import { generateClinic, SEED_CLINIC_OPENED } from './synthetic-clinic';

export interface SeedOptions {
  dataDir: string;
  patients: number;
  seed: number;
  /** Patients (with their coverages) per SQLite transaction. */
  batchSize?: number;
  migrationsFolder?: string;
  log?: (line: string) => void;
}

export interface SeedReport {
  file: string;
  patients: number;
  coverages: number;
  /** Settings, suites, staff and payers. */
  referenceRows: number;
  changeLogRows: number;
  /** Opening the store (migrations) through closing it. */
  totalMs: number;
  /** The inserts alone. */
  insertMs: number;
  rowsPerSecond: number;
  changesPerSecond: number;
}

/** Every file of the store: the database, its WAL and shared-memory files, pre-migration backups. */
function storeFiles(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((f) => f.startsWith(DB_FILE_NAME))
    .map((f) => join(dataDir, f));
}

export async function seedClinic(opts: SeedOptions): Promise<SeedReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = resolve(opts.dataDir);
  const batchSize = opts.batchSize ?? 1000;
  const file = join(dataDir, DB_FILE_NAME);
  const clinic = generateClinic({ seed: opts.seed, patients: opts.patients });

  const old = storeFiles(dataDir);
  if (old.length > 0) {
    log(`Deleting the existing clinic database to seed a fresh one: ${old.join(', ')}`);
    for (const f of old) rmSync(f, { force: true });
  }
  mkdirSync(dataDir, { recursive: true });

  const started = performance.now();
  let virtualNow = SEED_CLINIC_OPENED;
  const now = () => virtualNow;
  const backend = openBackend({ dataDir, migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER, transport: 'http', inProcessAdmin: true, storeKey: scriptStoreKey(dataDir, { create: true }), now });
  try {
    const me = await backend.invoke('system.whoami', {});
    if (!me.ok) throw new Error(`the backend did not start cleanly: ${me.error.message}`);
    const { db, sqlite } = backend.store;
    const w: WriteContext = {
      db,
      sqlite,
      clock: loadDeviceClock(sqlite, now),
      userId: (me.result as { user: { id: string } }).user.id,
      now,
    };

    const insertStarted = performance.now();
    sqlite.transaction(() => {
      const current = readSettings(w);
      updateRow(w, clinicSettings, current.id, clinic.settings, { what: 'The clinic settings' });
      for (const s of clinic.suites) {
        virtualNow = s.createdAt;
        insertRow(w, suites, { id: s.id, ...s.fields });
      }
      for (const s of clinic.staff) {
        virtualNow = s.createdAt;
        insertRow(w, staff, { id: s.id, ...s.fields });
      }
      for (const p of clinic.payers) {
        virtualNow = p.createdAt;
        insertRow(w, payers, { id: p.id, ...p.fields });
      }
    })();
    const referenceRows = 1 + clinic.suites.length + clinic.staff.length + clinic.payers.length;

    let patientRows = 0;
    let coverageRows = 0;
    const progressEvery = Math.max(batchSize, Math.ceil(opts.patients / 10 / batchSize) * batchSize);
    const writeBatch = sqlite.transaction((from: number, to: number) => {
      for (const p of clinic.patients(from, to)) {
        virtualNow = p.createdAt;
        insertRow(w, patients, { id: p.id, ...patientRecord(p.fields, p.fields.mrn) });
        patientRows++;
        for (const c of p.coverages) {
          insertRow(w, coverages, { id: c.id, patientId: p.id, ...c.fields });
          coverageRows++;
        }
      }
    });
    for (let from = 0; from < opts.patients; from += batchSize) {
      const to = Math.min(from + batchSize, opts.patients);
      writeBatch(from, to);
      if (to % progressEvery === 0 || to === opts.patients) {
        const s = (performance.now() - insertStarted) / 1000;
        log(`  ${fmtInt(to).padStart(9)} / ${fmtInt(opts.patients)} patients   ${s.toFixed(1).padStart(6)} s   ${fmtInt(to / s)} patients/s`);
      }
    }
    const insertMs = performance.now() - insertStarted;
    seedAvailability(w, { seed: opts.seed, clinic, log });

    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const changeLogRows = count(`SELECT count(*) AS n FROM change_log`);
    const storedPatients = count(`SELECT count(*) AS n FROM patients WHERE deleted_at IS NULL`);
    const storedCoverages = count(`SELECT count(*) AS n FROM coverages WHERE deleted_at IS NULL`);
    if (storedPatients !== patientRows || storedCoverages !== coverageRows) {
      throw new Error(`wrote ${patientRows} patients and ${coverageRows} coverages but the store holds ${storedPatients} and ${storedCoverages}`);
    }
    seedIntake(w, { seed: opts.seed, clinic, log });
    backend.close();
    const totalMs = performance.now() - started;
    const rows = referenceRows + patientRows + coverageRows;
    return {
      file,
      patients: patientRows,
      coverages: coverageRows,
      referenceRows,
      changeLogRows,
      totalMs,
      insertMs,
      rowsPerSecond: rows / (insertMs / 1000),
      changesPerSecond: changeLogRows / (insertMs / 1000),
    };
  } finally {
    backend.close();
  }
}

export function printSeedReport(r: SeedReport, log: (line: string) => void = (l) => console.log(l)): void {
  const rows = r.referenceRows + r.patients + r.coverages;
  log('');
  log(`Seeded ${r.file}`);
  log(`  ${fmtInt(r.patients)} patients, ${fmtInt(r.coverages)} coverages, ${fmtInt(r.referenceRows)} settings/suite/staff/payer rows`);
  log(`  ${fmtInt(r.changeLogRows)} change-log entries (every field through the mutation helper)`);
  log(`  inserts: ${fmtSeconds(r.insertMs)} for ${fmtInt(rows)} rows = ${fmtInt(r.rowsPerSecond)} rows/s (${fmtInt(r.changesPerSecond)} change-log entries/s)`);
  log(`  total elapsed including migrations and checks: ${fmtSeconds(r.totalMs)}`);
}

/** Live patients in the store at `dataDir`, or null when there is no usable store. */
export function countSeededPatients(dataDir: string): number | null {
  const file = join(resolve(dataDir), DB_FILE_NAME);
  if (!existsSync(file)) return null;
  let sqlite: Database.Database | null = null;
  try {
    sqlite = openSqliteAsFound(file, scriptStoreKey(dataDir, { create: true }), { readonly: true, fileMustExist: true });
    return (sqlite.prepare(`SELECT count(*) AS n FROM patients WHERE deleted_at IS NULL`).get() as { n: number }).n;
  } catch {
    return null;
  } finally {
    sqlite?.close();
  }
}

/** Reuse the clinic at `dataDir` if it has exactly `patients` patients; seed a fresh one otherwise. */
export async function ensureSeededClinic(opts: SeedOptions): Promise<{ seeded: boolean; report: SeedReport | null }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const have = countSeededPatients(opts.dataDir);
  if (have === opts.patients) {
    log(`Using the seeded clinic in ${resolve(opts.dataDir)} (${fmtInt(have)} patients).`);
    return { seeded: false, report: null };
  }
  log(
    have === null
      ? `No seeded clinic in ${resolve(opts.dataDir)}: seeding ${fmtInt(opts.patients)} patients (seed ${opts.seed}).`
      : `The clinic in ${resolve(opts.dataDir)} has ${fmtInt(have)} patients, not ${fmtInt(opts.patients)}: seeding again (seed ${opts.seed}).`,
  );
  const report = await seedClinic(opts);
  printSeedReport(report, log);
  return { seeded: true, report };
}
