/**
 * The chart evidence a prior authorization request is checked and written from
 * (src-shared/domain/authorizations/evidence.ts): read once from the real tables (patient,
 * primary coverage, intake, baseline scores, the clearing consultation, outcomes, documents)
 * so readiness, the package letter, the appeal letters and the PAS bundle all say the same.
 *
 * Citations: a prior treatment names the record it rests on (prior_treatments.document_id);
 * the page is found in the record's indexed text (record_texts keeps pages apart with form
 * feeds) where the treatment's name appears, else the first page of a one-page record, else
 * null (the letter then cites the document alone). Diagnoses cite the pages of the chart's
 * records that carry the ICD-10 code.
 */
import type { ChartEvidence, EvidenceBudapestItem, EvidenceScore, RecordCitation } from '../../../src-shared/domain/authorizations/evidence';
import type { DiagnosisGroup, ScoreInstrument } from '../../../src-shared/api/schemas/intake';
import { BUDAPEST_CATEGORIES } from '../../../src-shared/domain/budapest';
import { localDateAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { budapestList, diagnosisRows, groupOf, latestScreening, livePatient, treatmentList } from '../intake/record';
import { intakeResources, type IntakeResources } from '../intake/resources';
import { outcomesConfig } from '../outcomes/config-file';
import { scoresOfPatient, seriesOfPatient } from '../outcomes/data';
import { SeriesEvaluation } from '../outcomes/evaluate';
import { currentPatientScores } from '../outcomes/service';

type Ctx = Pick<HandlerContext, 'db' | 'sqlite' | 'now'>;

export interface ChartEvidenceOptions {
  /** For a renewal: the series whose response to report (default: the latest ended series). */
  lastSeriesId?: string | null;
  /** Intake reference data (tests and benches pass their own; default: the app's). */
  resources?: IntakeResources;
}

interface RecordText {
  documentId: string;
  title: string;
  docType: string;
  mimeType: string;
  pages: number | null;
  body: string | null;
}

/** The patient's filed documents with their indexed text, when the record was indexed. */
function chartRecords(ctx: Ctx, patientId: string): RecordText[] {
  return preparedSql(
    ctx.sqlite,
    `SELECT d.id AS documentId, d.title AS title, d.doc_type AS docType, d.mime_type AS mimeType,
            rf.pages AS pages, rt.body AS body
       FROM documents d
       LEFT JOIN record_files rf ON rf.document_id = d.id
       LEFT JOIN record_texts rt ON rt.record_id = rf.id
      WHERE d.patient_id = ? AND d.deleted_at IS NULL
      GROUP BY d.id
      ORDER BY d.created_at, d.id`,
  ).all(patientId) as RecordText[];
}

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter((w) => w.length >= 4);

/** The 1-based page of a record whose text holds the phrase (or, failing that, most of its words). */
export function pageOf(body: string | null, pages: number | null, phrase: string): number | null {
  if (body) {
    const texts = body.split('\f').map((p) => p.toLowerCase());
    const needle = phrase.toLowerCase().trim();
    const exact = needle ? texts.findIndex((t) => t.includes(needle)) : -1;
    if (exact >= 0) return exact + 1;
    const ws = words(phrase);
    if (ws.length > 0) {
      let best = -1;
      let bestHits = 0;
      texts.forEach((t, i) => {
        const hits = ws.filter((w) => t.includes(w)).length;
        if (hits > bestHits) [best, bestHits] = [i, hits];
      });
      if (best >= 0 && bestHits * 2 >= ws.length) return best + 1;
    }
    if (texts.length === 1) return 1;
  }
  return pages === 1 ? 1 : null;
}

function budapestItems(res: IntakeResources, symptoms: Record<string, string[]>, signs: Record<string, string[]>): EvidenceBudapestItem[] {
  const out: EvidenceBudapestItem[] = [];
  for (const category of BUDAPEST_CATEGORIES) {
    const def = res.budapest.categories.find((c) => c.id === category);
    const label = (list: { id: string; label: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.label ?? id.replace(/_/g, ' ');
    for (const id of symptoms[category] ?? []) out.push({ category, kind: 'symptom', finding: label(def?.symptoms, id) });
    for (const id of signs[category] ?? []) out.push({ category, kind: 'sign', finding: label(def?.signs, id) });
  }
  return out;
}

function primaryCoverage(ctx: Ctx, patientId: string): ChartEvidence['coverage'] {
  const r = preparedSql(
    ctx.sqlite,
    `SELECT c.id, c.payer_id AS payerId, p.name AS payerName, c.member_id AS memberId, c.group_number AS groupNumber, c.plan_name AS planName
       FROM coverages c JOIN payers p ON p.id = c.payer_id
      WHERE c.patient_id = ? AND c.deleted_at IS NULL
      ORDER BY CASE c.priority WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END, c.created_at
      LIMIT 1`,
  ).get(patientId) as NonNullable<ChartEvidence['coverage']> | undefined;
  return r ?? null;
}

/** The latest held initial consultation (it clears the patient for infusions). */
function clearingConsultation(ctx: Ctx, patientId: string): ChartEvidence['consultation'] {
  const r = preparedSql(
    ctx.sqlite,
    `SELECT a.starts_at AS startsAt, s.name AS providerName
       FROM appointments a LEFT JOIN staff s ON s.id = a.staff_id
      WHERE a.patient_id = ? AND a.deleted_at IS NULL AND a.kind = 'initial_consultation' AND a.status = 'completed'
      ORDER BY a.starts_at DESC LIMIT 1`,
  ).get(patientId) as { startsAt: number; providerName: string | null } | undefined;
  if (!r) return null;
  const date = localDateAt(clinicZone(ctx), r.startsAt);
  // No consultation note is filed as its own document yet; the letter cites the visit by date.
  return { date, providerName: r.providerName, noteDocumentId: null };
}

function lastSeriesResponse(ctx: Ctx, patientId: string, seriesId: string | null | undefined): ChartEvidence['lastSeriesResponse'] {
  const series = seriesOfPatient(ctx.sqlite, patientId);
  const cfg = outcomesConfig(ctx);
  const rows = scoresOfPatient(ctx.sqlite, patientId);
  const evals = series.map((s) => new SeriesEvaluation(s, rows, cfg));
  const chosen = seriesId ? evals.find((e) => e.series.id === seriesId) : evals.filter((e) => e.endedAt !== null).at(-1);
  if (!chosen) return null;
  // The latest point with a result, as the outcomes summary reports it: a follow-up after the end, else the last session.
  const followUp = chosen
    .followUpDates()
    .map((f) => chosen.atFollowUp(f.key))
    .filter((r) => r.ok)
    .at(-1);
  const end = chosen.atEnd();
  const result = followUp ?? (end?.ok ? end : null);
  const sessionsGiven = chosen.series.sessions.filter((x) => x.status === 'discharged').length;
  if (!result || !result.ok) return { seriesId: chosen.series.id, percentChange: null, category: 'not enough scores', sessionsGiven };
  return { seriesId: chosen.series.id, percentChange: result.percentReduction, category: result.category, sessionsGiven };
}

/** The clinic's time zone: calendar days in letters are the clinic's, not UTC's. */
function clinicZone(ctx: Ctx): string {
  return (preparedSql(ctx.sqlite, `SELECT time_zone AS z FROM clinic_settings LIMIT 1`).get() as { z: string } | undefined)?.z ?? 'UTC';
}

/** Everything the chart holds for a request, each fact with the records it rests on. Throws NOT_FOUND for an unknown patient. */
export function loadChartEvidence(ctx: Ctx, patientId: string, opts: ChartEvidenceOptions = {}): ChartEvidence {
  const res = opts.resources ?? intakeResources();
  const p = livePatient(ctx, patientId);
  const records = chartRecords(ctx, patientId);
  const byDoc = new Map(records.map((r) => [r.documentId, r]));

  const diagRows = diagnosisRows(ctx, patientId);
  const diagnoses = diagRows.map((d) => {
    const entry = res.icd10ByCode.get(d.code);
    const cites: RecordCitation[] = records.flatMap((r) => {
      if (!r.body || !r.body.includes(d.code)) return [];
      return [{ documentId: r.documentId, title: r.title, page: pageOf(r.body, r.pages, d.code) }];
    });
    return { code: d.code, description: entry?.title ?? `${d.code} (not in the clinic's ICD-10 list)`, isPrimary: d.isPrimary, onsetDate: d.onsetDate, cites };
  });
  const primary = diagRows.find((d) => d.isPrimary) ?? diagRows[0];
  const diagnosisGroup: DiagnosisGroup | null = primary ? groupOf(res, primary.code) : null;

  const current = budapestList(ctx, patientId)[0];
  const budapest: ChartEvidence['budapest'] = current
    ? {
        evaluatedOn: current.evaluatedOn,
        evaluatorName: current.evaluatorName,
        disproportionatePain: current.disproportionatePain,
        noBetterDiagnosis: current.noBetterDiagnosis,
        metClinical: current.result.clinicalMet,
        metResearch: current.result.researchMet,
        items: budapestItems(res, current.symptoms, current.signs),
      }
    : null;

  const treatments = treatmentList(ctx, patientId).map((t) => {
    const doc = t.documentId ? byDoc.get(t.documentId) : undefined;
    const cites: RecordCitation[] = t.documentId
      ? [{ documentId: t.documentId, title: doc?.title ?? 'Prior record', page: doc ? pageOf(doc.body, doc.pages, t.name) : null }]
      : [];
    return {
      kind: t.kind,
      name: t.name,
      dose: t.dose,
      sessions: t.sessions,
      startDate: t.startDate,
      endDate: t.endDate,
      outcome: t.outcome,
      response: t.response,
      cites,
    };
  });

  // Latest current baseline per instrument.
  const latest = new Map<string, EvidenceScore>();
  const zone = clinicZone(ctx);
  for (const s of currentPatientScores(ctx, patientId, 'baseline')) {
    const had = latest.get(s.instrument);
    if (!had || s.observedAt > had.takenAt) {
      latest.set(s.instrument, { instrument: s.instrument as ScoreInstrument, value: s.value, takenAt: s.observedAt, takenOn: localDateAt(zone, s.observedAt) });
    }
  }

  const screening = latestScreening(ctx, res, patientId);
  // What the screening flagged (the intake's own rule): a 'yes' where yes is the warning, or unsure.
  const contraindications = screening ? screening.result.reasons.map((r) => `${r.question}: ${r.reason}`) : [];

  const coverage = primaryCoverage(ctx, patientId);
  return {
    patient: { id: p.id, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, sex: p.sex, mrn: p.mrn },
    coverage,
    diagnosisGroup,
    diagnoses,
    budapest,
    treatments,
    baseline: [...latest.values()],
    screening: screening
      ? { completedOn: screening.screenedOn, contraindications, needsReview: screening.result.status === 'needs_review' }
      : null,
    consultation: clearingConsultation(ctx, patientId),
    lastSeriesResponse: lastSeriesResponse(ctx, patientId, opts.lastSeriesId),
    records: records.map((r) => ({
      documentId: r.documentId,
      title: r.title,
      docType: r.docType,
      mimeType: r.mimeType,
      pages: r.pages ?? (r.body ? r.body.split('\f').length : null),
    })),
  };
}
