/**
 * Intake's score methods (scores.record / scores.listForPatient) and the score reads intake
 * uses. Recording goes through record-score.ts, shared with outcomes.recordScore.
 */
import { ApiError } from '../../../src-shared/api/errors';
import { SCORE_INSTRUMENTS, type Score } from '../../../src-shared/api/schemas/intake';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { preparedSql } from '../db/prepared';
import { connectionOf, livePatient } from './data';
import { recordScore, type ScoreRow } from './record-score';
import { currentScores, latestFirst, supersededBy } from './rules/current-scores';

const INTAKE_INSTRUMENTS: ReadonlySet<string> = new Set(SCORE_INSTRUMENTS);

export function toScore(row: ScoreRow, supersededById: string | null): Score {
  return {
    id: row.id,
    patientId: row.patientId,
    instrument: row.instrument as Score['instrument'],
    value: row.value,
    items: row.items ?? null,
    timePoint: row.timePoint as Score['timePoint'],
    observedAt: row.observedAt,
    recordedBy: row.recordedBy,
    source: row.source as Score['source'],
    supersedesId: row.supersedesId,
    supersededById,
    createdAt: row.createdAt,
  };
}

const SCORE_ROW_COLUMNS = `id, version, created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt, patient_id AS patientId,
  instrument, value, items, time_point AS timePoint, session_id AS sessionId, series_id AS seriesId, follow_up AS followUp,
  observed_at AS observedAt, recorded_by AS recordedBy, source, supersedes_id AS supersedesId`;

/**
 * Every live score row of a patient, optionally at one time point, oldest first. Read on every
 * chart opening (intake's baseline): one statement prepared once per connection per variant.
 */
export function patientScoreRows(ctx: Pick<HandlerContext, 'db'>, patientId: string, timePoint?: string): ScoreRow[] {
  const rows = (
    timePoint === undefined
      ? preparedSql(connectionOf(ctx.db), `SELECT ${SCORE_ROW_COLUMNS} FROM scores WHERE patient_id = ? AND deleted_at IS NULL ORDER BY observed_at`).all(patientId)
      : timePoint === 'baseline'
      ? // The baseline (every chart opening, a package's evidence) has its own statement with
        // the time point written out, not bound: on the 50,000-patient seed (about 30 score
        // rows a patient, 2,000 patients, interleaved) 21 µs a read instead of 37. The planner
        // still walks scores_patient (it gives the order); forcing the partial index
        // scores_baseline (0024) saved only 3 µs more and would break if it were dropped.
        preparedSql(connectionOf(ctx.db), `SELECT ${SCORE_ROW_COLUMNS} FROM scores WHERE patient_id = ? AND time_point = 'baseline' AND deleted_at IS NULL ORDER BY observed_at`).all(
          patientId,
        )
      : preparedSql(
          connectionOf(ctx.db),
          `SELECT ${SCORE_ROW_COLUMNS} FROM scores WHERE patient_id = ? AND deleted_at IS NULL AND time_point = ? ORDER BY observed_at`,
        ).all(patientId, timePoint)
  ) as (Omit<ScoreRow, 'items'> & { items: string | null })[];
  // items is a JSON column (drizzle's json mode: parsed, null kept).
  for (const r of rows) if (r.items !== null) (r as unknown as ScoreRow).items = JSON.parse(r.items) as number[];
  return rows as unknown as ScoreRow[];
}

/** The patient's scores that count (not superseded), latest first. */
export function currentPatientScores(ctx: Pick<HandlerContext, 'db'>, patientId: string, timePoint?: string): Score[] {
  return currentScores(patientScoreRows(ctx, patientId, timePoint)).map((r) => toScore(r, null));
}

export const scoreHandlers: PartialHandlers = {
  // Intake's baseline form: the same checks and row as outcomes.recordScore. A before/after
  // or follow-up time point needs the fields only outcomes.recordScore takes, and is refused.
  'scores.record': (input, ctx) => {
    const row = recordScore(ctx, { ...input, sessionId: null, seriesId: null, followUp: null, source: 'staff' });
    ctx.emit('outcomes.changed', { method: 'scores.record' });
    return toScore(row, null);
  },

  // Intake's list: its instruments only (PGIC, a follow-up question, is listed by outcomes.patientSummary).
  'scores.listForPatient': ({ patientId, timePoint, includeSuperseded }, ctx) => {
    if (!livePatient(ctx.sqlite, patientId)) throw ApiError.notFound('This patient');
    const rows = patientScoreRows(ctx, patientId, timePoint).filter((r) => INTAKE_INSTRUMENTS.has(r.instrument));
    const replaced = supersededBy(rows);
    const shown = includeSuperseded ? [...rows].sort(latestFirst) : currentScores(rows);
    return { items: shown.map((r) => toScore(r, replaced.get(r.id) ?? null)) };
  },
};
