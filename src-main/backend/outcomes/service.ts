/**
 * Intake's score methods (scores.record / scores.listForPatient) and the score reads intake
 * uses. Recording goes through record-score.ts, shared with outcomes.recordScore.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import { SCORE_INSTRUMENTS, type Score } from '../../../src-shared/api/schemas/intake';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { livePatient } from './data';
import { recordScore, type ScoreRow } from './record-score';
import { currentScores, latestFirst, supersededBy } from './rules/current-scores';
import { scores } from './schema';

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

/** Every live score row of a patient, optionally at one time point. */
export function patientScoreRows(ctx: Pick<HandlerContext, 'db'>, patientId: string, timePoint?: string): ScoreRow[] {
  return ctx.db
    .select()
    .from(scores)
    .where(and(eq(scores.patientId, patientId), isNull(scores.deletedAt), timePoint ? eq(scores.timePoint, timePoint) : undefined))
    .orderBy(asc(scores.observedAt))
    .all();
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
