/**
 * Pain and function scores: recording (append-only, corrections supersede) and listing.
 * Intake records baseline scores through these; outcomes builds on them for pre/post-session
 * and follow-up scores.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { Score, ScoreInput } from '../../../src-shared/api/schemas/intake';
import { meanOf } from '../../../src-shared/api/schemas/intake';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { insertRow } from '../db/mutate';
import { patients } from '../patients/schema';
import { currentScores, latestFirst, supersededBy } from './rules/current-scores';
import { scores } from './schema';

type ScoreRow = typeof scores.$inferSelect;

/** A device clock a little ahead of the clinic's is not "the future". */
const CLOCK_SKEW_MS = 2 * 60_000;

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

function livePatient(ctx: HandlerContext, id: string) {
  const p = ctx.db
    .select({ id: patients.id, dateOfBirth: patients.dateOfBirth })
    .from(patients)
    .where(and(eq(patients.id, id), isNull(patients.deletedAt)))
    .get();
  if (!p) throw ApiError.notFound('This patient');
  return p;
}

export function recordScore(ctx: HandlerContext, input: ScoreInput): Score {
  const patient = livePatient(ctx, input.patientId);
  if (input.observedAt > ctx.now() + CLOCK_SKEW_MS) {
    throw ApiError.validation('observedAt', 'The time the score was taken cannot be in the future.');
  }
  // The earliest instant that is still the birth date somewhere (UTC-14).
  if (input.observedAt < Date.parse(`${patient.dateOfBirth}T00:00:00Z`) - 14 * 3_600_000) {
    throw ApiError.validation('observedAt', "The time the score was taken is before the patient's date of birth.");
  }
  return ctx.sqlite.transaction(() => {
    if (input.supersedesId) {
      const old = ctx.db.select().from(scores).where(and(eq(scores.id, input.supersedesId), isNull(scores.deletedAt))).get();
      if (!old) throw ApiError.notFound('The score being corrected');
      if (old.patientId !== input.patientId) {
        throw ApiError.validation('supersedesId', 'The score being corrected belongs to another patient.');
      }
      if (old.timePoint !== input.timePoint) {
        throw ApiError.validation('supersedesId', 'A correction must be for the same time point as the score it corrects.');
      }
      const later = ctx.db.select({ id: scores.id }).from(scores).where(eq(scores.supersedesId, old.id)).get();
      if (later) {
        throw new ApiError('CONFLICT', 'That score was already corrected. Correct the latest version instead.', {
          field: 'supersedesId',
          issues: [{ field: 'supersedesId', message: 'That score was already corrected. Correct the latest version instead.' }],
        });
      }
    }
    const items = input.items ?? null;
    const value = items ? meanOf(items) : input.value!;
    const row = insertRow(ctx, scores, {
      patientId: input.patientId,
      instrument: input.instrument,
      value,
      items,
      timePoint: input.timePoint,
      sessionId: null,
      followUp: null,
      observedAt: input.observedAt,
      recordedBy: input.recordedBy ?? ctx.user.displayName,
      source: 'staff',
      supersedesId: input.supersedesId,
    });
    return toScore(row, null);
  })();
}

export const scoreHandlers: PartialHandlers = {
  'scores.record': (input, ctx) => recordScore(ctx, input),

  'scores.listForPatient': ({ patientId, timePoint, includeSuperseded }, ctx) => {
    livePatient(ctx, patientId);
    const rows = patientScoreRows(ctx, patientId, timePoint);
    const replaced = supersededBy(rows);
    const shown = includeSuperseded ? [...rows].sort(latestFirst) : currentScores(rows);
    return { items: shown.map((r) => toScore(r, replaced.get(r.id) ?? null)) };
  },
};
