/**
 * outcomes.exportCsv / outcomes.exportFhir: the scores that count, for one patient or every
 * patient, optionally within a period of clinic-local dates. The FHIR bundle is checked
 * against the R4 structure (and every reference resolved) before it leaves; a bundle that
 * fails the check is never handed out.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { csvExportInput, exportInput } from '../../../src-shared/api/schemas/outcomes';
import { addDays, localDateAt, startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { logError } from '../log';
import { outcomesConfig } from './config-file';
import { displayName, livePatient, patientsByIds, scoresForPatients, type ScoreRecord } from './data';
import { CSV_COLUMNS, scoresCsv } from './export/csv';
import { Deidentifier, deidentifiedHeader, deidentifiedRows } from './export/deidentify';
import { giveWay, reportProgress, stopIfCancelled } from './export/progress';
import { bundleOrder, LOINC_CODES, patientEntries, scoreEntries } from './export/fhir';
import { collectReferences, fhirBundleHeaderSchema, fhirEntrySchema } from './export/fhir-check';
import { currentScores } from './rules/current-scores';
import { localDate } from './rules/dates';

type ExportInput = z.output<typeof exportInput>;
type CsvExportInput = z.output<typeof csvExportInput>;

function fileStem(ctx: HandlerContext, input: ExportInput, tz: string, patientName: string | null): string {
  const who = patientName ? patientName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') : 'clinic';
  const span = input.from || input.to ? `${input.from ?? 'start'}_to_${input.to ?? localDate(ctx.now(), tz)}` : localDate(ctx.now(), tz);
  return `outcomes-${who}-${span}`;
}

/** Patients read per slice, and rows written per slice, between turns for other calls. */
const SLICE_PATIENTS = 250;
const SLICE_ROWS = 5_000;

/**
 * The patients an export reads: the one asked for, or every patient with a score in the period
 * (clinic-local dates).
 */
function exportPatientIds(ctx: HandlerContext, input: ExportInput, tz: string): string[] {
  if (input.patientId) {
    if (!livePatient(ctx.sqlite, input.patientId)) throw ApiError.notFound('This patient');
    return [input.patientId];
  }
  const lo = input.from ? startOfLocalDay(tz, input.from) : 0;
  const hi = input.to ? startOfLocalDay(tz, addDays(input.to, 1)) : Number.MAX_SAFE_INTEGER;
  return preparedSql(ctx.sqlite, `SELECT DISTINCT patient_id FROM scores WHERE deleted_at IS NULL AND observed_at >= ? AND observed_at < ?`)
    .pluck()
    .all(lo, hi) as string[];
}

/**
 * The scores that count in the period and their patients, read a slice of patients at a time:
 * supersession is decided on each patient's rows, then the period picks among those that count.
 * Between slices other calls get their turn, the progress is recorded, and a cancel stops it.
 */
async function readCurrentScores(ctx: HandlerContext, input: ExportInput, tz: string) {
  const ids = exportPatientIds(ctx, input, tz);
  const inPeriod = (s: ScoreRecord) => (!input.from || localDateAt(tz, s.observedAt) >= input.from) && (!input.to || localDateAt(tz, s.observedAt) <= input.to);
  const current: ScoreRecord[] = [];
  const patients = new Map<string, { id: string; firstName: string; lastName: string; dateOfBirth: string; mrn: string }>();
  for (let i = 0; i < ids.length; i += SLICE_PATIENTS) {
    stopIfCancelled(input.exportId);
    const slice = ids.slice(i, i + SLICE_PATIENTS);
    for (const rows of scoresForPatients(ctx.sqlite, slice).values()) for (const s of currentScores(rows)) if (inPeriod(s)) current.push(s);
    for (const [id, p] of patientsByIds(ctx.sqlite, slice)) patients.set(id, p);
    reportProgress(input.exportId, { phase: 'reading', done: Math.min(i + SLICE_PATIENTS, ids.length), total: ids.length });
    if (ids.length > SLICE_PATIENTS) await giveWay();
  }
  stopIfCancelled(input.exportId);
  return { current, patients };
}

/**
 * The registry CSV, identified or de-identified (see export/deidentify.ts). A clinic-wide one
 * takes seconds, so it works in slices and gives other calls their turn in between (the screen
 * reads its progress through outcomes.exportProgress, a search still answers meanwhile).
 */
export async function exportCsv(ctx: HandlerContext, input: CsvExportInput) {
  const cfg = outcomesConfig(ctx);
  const tz = cfg.timeZone;
  const labels = new Map(cfg.followUps.map((f) => [f.key, f.label]));
  const followUpLabel = (k: string) => labels.get(k) ?? k;
  const { current, patients } = await readCurrentScores(ctx, input, tz);
  // Oldest first, as the identified file always was.
  current.sort((a, b) => a.observedAt - b.observedAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const sessions = preparedSql(ctx.sqlite, `SELECT id, seq FROM infusion_sessions WHERE id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify([...new Set(current.map((s) => s.sessionId).filter(Boolean))]),
  ) as { id: string; seq: number }[];

  // Writing.
  const deid = input.deidentify ? new Deidentifier(randomBytes(32), input.dates) : null;
  const csvPatients = deid ? [] : [...patients.values()].map((p) => ({ id: p.id, externalId: p.mrn, name: displayName(p) }));
  const parts: string[] = [deid ? deidentifiedHeader() : CSV_COLUMNS.map((c) => c.name).join(',') + '\r\n'];
  for (let i = 0; i < current.length; i += SLICE_ROWS) {
    const slice = current.slice(i, i + SLICE_ROWS);
    if (deid) parts.push(deidentifiedRows(deid, patients, sessions, slice, tz, followUpLabel));
    // scoresCsv writes its own header and orders latest-last: its rows alone, in this slice's order.
    else parts.push(scoresCsv(csvPatients, sessions, slice, tz, followUpLabel).split('\r\n').slice(1).join('\r\n'));
    reportProgress(input.exportId, { phase: 'writing', done: Math.min(i + SLICE_ROWS, current.length), total: current.length });
    if (current.length > SLICE_ROWS) await giveWay();
    stopIfCancelled(input.exportId);
  }
  reportProgress(input.exportId, { phase: 'done', done: current.length, total: current.length });
  const one = input.patientId ? patients.get(input.patientId) : undefined;
  const stem = fileStem(ctx, input, tz, deid ? null : one ? displayName(one) : null);
  return {
    fileName: `${deid ? stem.replace(/^outcomes-/, 'outcomes-deidentified-') : stem}.csv`,
    mimeType: 'text/csv',
    text: parts.join(''),
    count: current.length,
  };
}

/**
 * The FHIR bundle. A clinic-wide one is about 100 MB on a 50,000-patient clinic: it is read,
 * built, checked and written a slice at a time (other calls answer in between, the screen reads
 * how far it has got, a cancel stops it), and only a bundle whose every entry passed the R4
 * structure check and whose every reference resolves is handed out.
 */
export async function exportFhir(ctx: HandlerContext, input: ExportInput) {
  const cfg = outcomesConfig(ctx);
  const { current, patients: read } = await readCurrentScores(ctx, input, cfg.timeZone);
  const ordered = bundleOrder(current);
  // The patients with a score in the bundle, the latest scored first (as the scores were listed).
  const patients = new Map<string, { id: string; firstName: string; lastName: string }>();
  for (let i = ordered.length - 1; i >= 0; i--) {
    const id = ordered[i]!.patientId;
    if (!patients.has(id)) patients.set(id, read.get(id)!);
  }
  const header = { resourceType: 'Bundle' as const, type: 'collection' as const, timestamp: new Date(ctx.now()).toISOString() };
  const entries = patientEntries([...patients.values()].map((p) => ({ id: p.id, fullUrl: `urn:uuid:${p.id}`, name: `${p.firstName} ${p.lastName}` })));
  const patientReference = (id: string) => `urn:uuid:${id}`;
  // Building: two entries per score.
  for (let i = 0; i < ordered.length; i += SLICE_ROWS) {
    for (const e of scoreEntries(ordered.slice(i, i + SLICE_ROWS), { patientReference })) entries.push(e);
    reportProgress(input.exportId, { phase: 'writing', done: Math.min(i + SLICE_ROWS, ordered.length), total: ordered.length * 2 });
    if (ordered.length > SLICE_ROWS) await giveWay();
    stopIfCancelled(input.exportId);
  }
  // Checking and writing: each entry against the R4 structure, its references gathered, its JSON made.
  const failures: string[] = [];
  const refs: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < entries.length; i += SLICE_ROWS) {
    const slice = entries.slice(i, i + SLICE_ROWS);
    for (const [k, e] of slice.entries()) {
      const checked = fhirEntrySchema.safeParse(e);
      if (!checked.success) failures.push(...checked.error.issues.map((x) => `entry.${i + k}.${x.path.join('.')}`));
    }
    collectReferences(slice, refs);
    if (!input.patientId) parts.push(slice.map((e) => JSON.stringify(e)).join(','));
    reportProgress(input.exportId, { phase: 'writing', done: ordered.length + Math.round(((i + slice.length) / entries.length) * ordered.length), total: ordered.length * 2 });
    if (entries.length > SLICE_ROWS) await giveWay();
    stopIfCancelled(input.exportId);
  }
  const urls = new Set(entries.map((e) => e.fullUrl));
  const dangling = refs.filter((r) => !urls.has(r));
  if (!fhirBundleHeaderSchema.safeParse(header).success) failures.push('timestamp');
  if (failures.length || dangling.length) {
    // Paths only: the bundle itself carries patient data.
    logError('FHIR export failed its structure check', failures.length ? failures.slice(0, 20) : `${dangling.length} unresolved references`);
    throw new ApiError('INTERNAL', 'The FHIR export did not pass its R4 structure check, so it was not produced. Tell the clinic administrator.');
  }
  reportProgress(input.exportId, { phase: 'done', done: ordered.length * 2, total: ordered.length * 2 });
  const one = input.patientId ? patients.get(input.patientId) : undefined;
  const count = entries.filter((e) => e.resource.resourceType === 'Observation').length;
  return {
    fileName: `${fileStem(ctx, input, cfg.timeZone, one ? displayName(one) : null)}.fhir.json`,
    mimeType: 'application/fhir+json',
    // Indented for one patient (people read it); compact for many (it is large), written as the
    // slices were: the same text JSON.stringify gives the whole bundle.
    text: input.patientId
      ? JSON.stringify({ ...header, entry: entries }, null, 2)
      : `${JSON.stringify(header).slice(0, -1)},"entry":[${parts.join(',')}]}`,
    count,
  };
}

/** Instruments that have a LOINC code and so appear in the FHIR export. */
export const FHIR_INSTRUMENTS = Object.keys(LOINC_CODES);
