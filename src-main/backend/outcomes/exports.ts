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
import { displayName, livePatient, patientsByIds, scoresForPatients, scoresOfPatient, type ScoreRecord } from './data';
import { CSV_COLUMNS, scoresCsv } from './export/csv';
import { Deidentifier, deidentifiedHeader, deidentifiedRows } from './export/deidentify';
import { giveWay, reportProgress } from './export/progress';
import { scoresBundle, LOINC_CODES } from './export/fhir';
import { fhirBundleSchema, unresolvedReferences } from './export/fhir-check';
import { currentScores } from './rules/current-scores';
import { localDate } from './rules/dates';

type ExportInput = z.output<typeof exportInput>;
type CsvExportInput = z.output<typeof csvExportInput>;

function selectScores(ctx: HandlerContext, input: ExportInput) {
  const cfg = outcomesConfig(ctx);
  let rows: ScoreRecord[];
  if (input.patientId) {
    if (!livePatient(ctx.sqlite, input.patientId)) throw ApiError.notFound('This patient');
    rows = scoresOfPatient(ctx.sqlite, input.patientId);
  } else {
    const lo = input.from ? startOfLocalDay(cfg.timeZone, input.from) : 0;
    const hi = input.to ? startOfLocalDay(cfg.timeZone, addDays(input.to, 1)) : Number.MAX_SAFE_INTEGER;
    const ids = (
      preparedSql(ctx.sqlite, `SELECT DISTINCT patient_id AS id FROM scores WHERE deleted_at IS NULL AND observed_at >= ? AND observed_at < ?`).all(lo, hi) as {
        id: string;
      }[]
    ).map((r) => r.id);
    rows = [...scoresForPatients(ctx.sqlite, ids).values()].flat();
  }
  // Supersession is decided on all rows, then the period picks among the scores that count.
  const current = currentScores(rows).filter(
    (s) => (!input.from || localDate(s.observedAt, cfg.timeZone) >= input.from) && (!input.to || localDate(s.observedAt, cfg.timeZone) <= input.to),
  );
  const patients = patientsByIds(ctx.sqlite, [...new Set(current.map((s) => s.patientId))]);
  const sessionIds = JSON.stringify([...new Set(current.map((s) => s.sessionId).filter(Boolean))]);
  const sessions = preparedSql(ctx.sqlite, `SELECT id, seq FROM infusion_sessions WHERE id IN (SELECT value FROM json_each(?))`).all(sessionIds) as {
    id: string;
    seq: number;
  }[];
  const labels = new Map(cfg.followUps.map((f) => [f.key, f.label]));
  return { cfg, current, patients, sessions, followUpLabel: (k: string) => labels.get(k) ?? k };
}

function fileStem(ctx: HandlerContext, input: ExportInput, tz: string, patientName: string | null): string {
  const who = patientName ? patientName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') : 'clinic';
  const span = input.from || input.to ? `${input.from ?? 'start'}_to_${input.to ?? localDate(ctx.now(), tz)}` : localDate(ctx.now(), tz);
  return `outcomes-${who}-${span}`;
}

/** Patients read per slice, and rows written per slice, between turns for other calls. */
const SLICE_PATIENTS = 250;
const SLICE_ROWS = 5_000;

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
  let ids: string[];
  if (input.patientId) {
    if (!livePatient(ctx.sqlite, input.patientId)) throw ApiError.notFound('This patient');
    ids = [input.patientId];
  } else {
    const lo = input.from ? startOfLocalDay(tz, input.from) : 0;
    const hi = input.to ? startOfLocalDay(tz, addDays(input.to, 1)) : Number.MAX_SAFE_INTEGER;
    ids = preparedSql(ctx.sqlite, `SELECT DISTINCT patient_id FROM scores WHERE deleted_at IS NULL AND observed_at >= ? AND observed_at < ?`)
      .pluck()
      .all(lo, hi) as string[];
  }
  const inPeriod = (s: ScoreRecord) => (!input.from || localDateAt(tz, s.observedAt) >= input.from) && (!input.to || localDateAt(tz, s.observedAt) <= input.to);

  // Reading: supersession is decided on each patient's rows, then the period picks among those that count.
  const current: ScoreRecord[] = [];
  const patients = new Map<string, { id: string; firstName: string; lastName: string; dateOfBirth: string; mrn: string }>();
  for (let i = 0; i < ids.length; i += SLICE_PATIENTS) {
    const slice = ids.slice(i, i + SLICE_PATIENTS);
    for (const rows of scoresForPatients(ctx.sqlite, slice).values()) for (const s of currentScores(rows)) if (inPeriod(s)) current.push(s);
    for (const [id, p] of patientsByIds(ctx.sqlite, slice)) patients.set(id, p);
    reportProgress(input.exportId, { phase: 'reading', done: Math.min(i + SLICE_PATIENTS, ids.length), total: ids.length });
    if (ids.length > SLICE_PATIENTS) await giveWay();
  }
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

export function exportFhir(ctx: HandlerContext, input: ExportInput) {
  const { cfg, current, patients } = selectScores(ctx, input);
  const bundle = scoresBundle(
    current,
    {
      patientReference: (id) => `urn:uuid:${id}`,
      patients: [...patients.values()].map((p) => ({ id: p.id, fullUrl: `urn:uuid:${p.id}`, name: `${p.firstName} ${p.lastName}` })),
    },
    ctx.now(),
  );
  const checked = fhirBundleSchema.safeParse(bundle);
  const dangling = unresolvedReferences(bundle);
  if (!checked.success || dangling.length) {
    // Paths only: the bundle itself carries patient data.
    logError('FHIR export failed its structure check', checked.success ? `${dangling.length} unresolved references` : checked.error.issues.map((i) => i.path.join('.')));
    throw new ApiError('INTERNAL', 'The FHIR export did not pass its R4 structure check, so it was not produced. Tell the clinic administrator.');
  }
  const one = input.patientId ? patients.get(input.patientId) : undefined;
  return {
    fileName: `${fileStem(ctx, input, cfg.timeZone, one ? displayName(one) : null)}.fhir.json`,
    mimeType: 'application/fhir+json',
    // Indented for one patient (people read it); compact for many (it is large).
    text: input.patientId ? JSON.stringify(bundle, null, 2) : JSON.stringify(bundle),
    count: bundle.entry.filter((e) => e.resource.resourceType === 'Observation').length,
  };
}

/** Instruments that have a LOINC code and so appear in the FHIR export. */
export const FHIR_INSTRUMENTS = Object.keys(LOINC_CODES);
