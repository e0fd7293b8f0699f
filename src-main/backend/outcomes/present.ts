/**
 * Turning rule results and stored rows into the API's shapes (src-shared/api/schemas/outcomes.ts).
 * Pure: no store access.
 */
import type {
  Disposition,
  DispositionOut,
  OutcomeScoreOut,
  ResponderOut,
  ReviewFlagOut,
} from '../../../src-shared/api/schemas/outcomes';
import type { DispositionRecord, PatientRecord, ScoreRecord, SeriesRecord } from './data';
import { displayName } from './data';
import type { OutcomesConfig } from './rules/config';
import { supersededBy } from './rules/current-scores';
import { categoryLabel, type ResponderResult } from './rules/responder';
import type { ReviewFlag } from './rules/review';
import { sessionEnd } from './rules/series-scores';

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  continue: 'Continue the treatment',
  change_protocol: 'Change the protocol',
  stop: 'Stop the treatment',
  other: 'Other',
};

export const SOURCE_LABELS = { staff: 'Staff', patient_questionnaire: 'Patient questionnaire' } as const;

/** Maps for labelling scores: session numbers and follow-up labels. */
export interface ScoreLabels {
  seqBySession: ReadonlyMap<string, number>;
  followUpLabel: (key: string) => string;
}

export function scoreLabels(series: readonly SeriesRecord[], cfg: OutcomesConfig): ScoreLabels {
  const seqBySession = new Map<string, number>();
  for (const s of series) for (const x of s.sessions) seqBySession.set(x.id, x.seq);
  const labels = new Map(cfg.followUps.map((f) => [f.key, f.label]));
  return { seqBySession, followUpLabel: (key) => labels.get(key) ?? key };
}

export function scoreOut(row: ScoreRecord, labels: ScoreLabels, supersededById: string | null = null): OutcomeScoreOut {
  return {
    id: row.id,
    patientId: row.patientId,
    instrument: row.instrument as OutcomeScoreOut['instrument'],
    value: row.value,
    items: row.items ?? null,
    timePoint: row.timePoint as OutcomeScoreOut['timePoint'],
    sessionId: row.sessionId,
    sessionSeq: row.sessionId ? (labels.seqBySession.get(row.sessionId) ?? null) : null,
    seriesId: row.seriesId,
    followUp: row.followUp,
    followUpLabel: row.followUp ? labels.followUpLabel(row.followUp) : null,
    observedAt: row.observedAt,
    recordedBy: row.recordedBy,
    source: row.source as OutcomeScoreOut['source'],
    supersedesId: row.supersedesId,
    supersededById,
    createdAt: row.createdAt,
  };
}

/** Every row with who corrected it, for history views. */
export function scoresOut(rows: readonly ScoreRecord[], labels: ScoreLabels): OutcomeScoreOut[] {
  const replaced = supersededBy(rows);
  return rows.map((r) => scoreOut(r, labels, replaced.get(r.id) ?? null));
}

export function responderOut(r: ResponderResult, cfg: OutcomesConfig): ResponderOut {
  if (!r.ok) {
    return {
      ok: false,
      sentence: r.sentence,
      category: null,
      categoryLabel: null,
      baseline: null,
      compared: null,
      comparedValues: [],
      pointsReduction: null,
      percentReduction: null,
      note: null,
      missing: r.missing,
    };
  }
  return {
    ok: true,
    sentence: r.sentence,
    category: r.category,
    categoryLabel: categoryLabel(r.category, cfg.categories),
    baseline: r.baseline,
    compared: r.compared,
    comparedValues: r.comparedValues,
    pointsReduction: r.pointsReduction,
    percentReduction: r.percentReduction,
    note: r.note,
    missing: [],
  };
}

export function dispositionOut(d: DispositionRecord): DispositionOut {
  return {
    id: d.id,
    patientId: d.patientId,
    seriesId: d.seriesId,
    flagKey: d.flagKey,
    disposition: d.disposition as Disposition,
    dispositionLabel: DISPOSITION_LABELS[d.disposition as Disposition] ?? d.disposition,
    note: d.note,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
    reason: d.reason,
    percentReduction: d.percentReduction,
  };
}

/** Stable id of a flag: the series, the review point and the session it was taken at. */
export const flagKeyOf = (seriesId: string, f: Pick<ReviewFlag, 'at' | 'sessionId'>) => `${seriesId}:${f.at}:${f.sessionId}`;

export const seriesLabel = (s: SeriesRecord) => s.templateName ?? 'Infusion series';

export function flagOut(
  f: ReviewFlag,
  series: SeriesRecord,
  patient: PatientRecord,
  disposition: DispositionRecord | undefined,
): ReviewFlagOut {
  const session = series.sessions.find((x) => x.id === f.sessionId)!;
  const r = f.result;
  return {
    flagKey: flagKeyOf(series.id, f),
    patientId: patient.id,
    patientName: displayName(patient),
    mrn: patient.mrn,
    seriesId: series.id,
    seriesLabel: seriesLabel(series),
    at: f.at,
    sessionId: f.sessionId,
    sessionSeq: f.sessionSeq,
    flaggedAt: sessionEnd(session),
    threshold: f.threshold,
    baseline: r.ok ? r.baseline : null,
    compared: r.ok ? r.compared : null,
    pointsReduction: r.ok ? r.pointsReduction : null,
    percentReduction: f.percentReduction,
    category: r.ok ? r.category : null,
    reason: f.reason,
    disposition: disposition ? dispositionOut(disposition) : null,
  };
}
