/**
 * Recording a score: the checks that need the store (the patient's birth date, the session's
 * patient and times, the series' end, the score being corrected), then one append-only row.
 * Intake's baseline form (scores.record) and outcomes.recordScore both come through here.
 * Every refusal names the field and happens before anything is written.
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { RecordOutcomeScoreInput } from '../../../src-shared/api/schemas/outcomes';
import { formatCalendarDate } from '../../../src-shared/domain/dates';
import { localDateAt, localTimeAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { insertRow } from '../db/mutate';
import { meanOf } from '../../../src-shared/api/schemas/intake';
import { outcomesConfig } from './config-file';
import { livePatient, scoreById, seriesOfPatient, sessionById, type ScoreRecord } from './data';
import { seriesEndedAt } from './rules/series-scores';
import { sessionScoreTimeProblem } from './rules/session-score-time';
import { scores } from './schema';

/** A device clock a little ahead of the clinic's is not "the future". */
const CLOCK_SKEW_MS = 2 * 60_000;

const refuse = (field: string, message: string) => ApiError.validation(field, message);

export type ScoreRow = typeof scores.$inferSelect;

export function recordScore(ctx: HandlerContext, input: RecordOutcomeScoreInput): ScoreRow {
  const patient = livePatient(ctx.sqlite, input.patientId);
  if (!patient) throw ApiError.notFound('This patient');
  const cfg = outcomesConfig(ctx);
  const tz = cfg.timeZone;
  const day = (ms: number) => formatCalendarDate(localDateAt(tz, ms));
  const dayTime = (ms: number) => `${day(ms)} ${localTimeAt(tz, ms)}`;

  if (input.observedAt > ctx.now() + CLOCK_SKEW_MS) {
    throw refuse('observedAt', 'The time the score was taken cannot be in the future.');
  }
  // The earliest instant that is still the birth date somewhere (UTC-14).
  if (input.observedAt < Date.parse(`${patient.dateOfBirth}T00:00:00Z`) - 14 * 3_600_000) {
    throw refuse('observedAt', "The time the score was taken is before the patient's date of birth.");
  }

  let seriesId: string | null = null;
  if (input.timePoint === 'pre_session' || input.timePoint === 'post_session') {
    const session = sessionById(ctx.sqlite, input.sessionId!);
    if (!session) throw refuse('sessionId', 'That infusion session was not found.');
    if (session.patientId !== input.patientId) throw refuse('sessionId', 'That infusion session belongs to another patient.');
    if (session.status === 'cancelled' || session.status === 'no_show') {
      throw refuse('sessionId', `Session ${session.seq} was ${session.status === 'cancelled' ? 'cancelled' : 'a no-show'}: it has no scores.`);
    }
    // Against the times the steps were recorded, so a session walked earlier than planned
    // still takes its scores (the planned start is only used when nothing was recorded).
    const problem = sessionScoreTimeProblem(input.timePoint, input.observedAt, session, dayTime);
    if (problem) throw refuse('observedAt', problem);
    seriesId = session.seriesId;
  } else if (input.timePoint === 'follow_up') {
    const def = cfg.followUps.find((f) => f.key === input.followUp);
    if (!def) throw refuse('followUp', `Choose one of the clinic's follow-ups: ${cfg.followUps.map((f) => f.label).join(', ')}.`);
    const all = seriesOfPatient(ctx.sqlite, input.patientId);
    const series = input.seriesId
      ? all.find((s) => s.id === input.seriesId)
      : all.filter((s) => seriesEndedAt(s.sessions) !== null).sort((a, b) => seriesEndedAt(a.sessions)! - seriesEndedAt(b.sessions)!).at(-1);
    if (input.seriesId && !series) throw refuse('seriesId', 'That infusion series was not found for this patient.');
    if (!series) throw refuse('seriesId', 'This patient has no finished infusion series to follow up.');
    const endedAt = seriesEndedAt(series.sessions);
    if (endedAt === null) throw refuse('seriesId', 'This series has not ended yet: follow-ups come after its last session.');
    if (input.observedAt < endedAt) {
      throw refuse(
        'observedAt',
        `A follow-up is taken after the series ended (last session discharged ${dayTime(endedAt)}); this one is dated ${dayTime(input.observedAt)}.`,
      );
    }
    seriesId = series.id;
  }

  return ctx.sqlite.transaction(() => {
    if (input.supersedesId) checkCorrection(ctx, input, scoreById(ctx.sqlite, input.supersedesId));
    const items = input.items ?? null;
    return insertRow(ctx, scores, {
      patientId: input.patientId,
      instrument: input.instrument,
      value: items ? meanOf(items) : input.value!,
      items,
      timePoint: input.timePoint,
      sessionId: input.sessionId,
      seriesId,
      followUp: input.followUp,
      observedAt: input.observedAt,
      recordedBy: input.recordedBy ?? ctx.user.displayName,
      source: input.source,
      supersedesId: input.supersedesId,
    });
  })();
}

function checkCorrection(ctx: HandlerContext, input: RecordOutcomeScoreInput, old: ScoreRecord | undefined): void {
  if (!old) throw ApiError.notFound('The score being corrected');
  if (old.patientId !== input.patientId) throw refuse('supersedesId', 'The score being corrected belongs to another patient.');
  if (old.timePoint !== input.timePoint) throw refuse('supersedesId', 'A correction must be for the same time point as the score it corrects.');
  if (old.instrument !== input.instrument) throw refuse('supersedesId', 'A correction must be for the same scale as the score it corrects.');
  if ((old.sessionId ?? null) !== input.sessionId || (old.followUp ?? null) !== input.followUp) {
    throw refuse('supersedesId', 'A correction must be for the same session or follow-up as the score it corrects.');
  }
  const later = ctx.sqlite.prepare('SELECT id FROM scores WHERE supersedes_id = ? AND deleted_at IS NULL').get(old.id);
  if (later) {
    const message = 'That score was already corrected. Correct the latest version instead.';
    throw new ApiError('CONFLICT', message, { field: 'supersedesId', issues: [{ field: 'supersedesId', message }] });
  }
}
