/**
 * outcomes.exportCsv / outcomes.exportFhir: the scores that count, for one patient or every
 * patient, optionally within a period of clinic-local dates. The FHIR bundle is checked
 * against the R4 structure (and every reference resolved) before it leaves; a bundle that
 * fails the check is never handed out.
 */
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { exportInput } from '../../../src-shared/api/schemas/outcomes';
import { addDays, startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { logError } from '../log';
import { outcomesConfig } from './config-file';
import { displayName, livePatient, patientsByIds, scoresForPatients, scoresOfPatient, type ScoreRecord } from './data';
import { scoresCsv } from './export/csv';
import { scoresBundle, LOINC_CODES } from './export/fhir';
import { fhirBundleSchema, unresolvedReferences } from './export/fhir-check';
import { currentScores } from './rules/current-scores';
import { localDate } from './rules/dates';

type ExportInput = z.output<typeof exportInput>;

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

export function exportCsv(ctx: HandlerContext, input: ExportInput) {
  const { cfg, current, patients, sessions, followUpLabel } = selectScores(ctx, input);
  const csvPatients = [...patients.values()].map((p) => ({ id: p.id, externalId: p.mrn, name: displayName(p) }));
  const text = scoresCsv(csvPatients, sessions, current, cfg.timeZone, followUpLabel);
  const one = input.patientId ? patients.get(input.patientId) : undefined;
  return { fileName: `${fileStem(ctx, input, cfg.timeZone, one ? displayName(one) : null)}.csv`, mimeType: 'text/csv', text, count: current.length };
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
