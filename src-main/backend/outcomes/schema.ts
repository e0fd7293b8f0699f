/**
 * Pain and function scores. Append-only: a score is never edited; a correction is a new row
 * that names the one it supersedes, so rows never conflict between devices.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../db/columns';
import { patients } from '../patients/schema';

export const scores = sqliteTable(
  'scores',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    /** nrs (0-10 integer) | vas (0-100 mm) | peg (0-10 mean of 3) | bpi_interference (0-10 mean of 7) | pgic (1-7) */
    instrument: text('instrument').notNull(),
    value: real('value').notNull(),
    /** Item answers for multi-item instruments (PEG, BPI). */
    items: text('items', { mode: 'json' }).$type<number[]>(),
    /** baseline | pre_session | post_session | follow_up */
    timePoint: text('time_point').notNull(),
    /** Before/after-infusion scores: the infusion session. */
    sessionId: text('session_id'),
    /** The series a session or follow-up score belongs to (derived from the session for session scores). */
    seriesId: text('series_id'),
    /** Follow-ups: the key from resources/outcomes/outcomes-config.json (followup_1w, followup_1m, ...). */
    followUp: text('follow_up'),
    /** When the score was taken (epoch ms). */
    observedAt: integer('observed_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    /** staff | patient_questionnaire */
    source: text('source').notNull(),
    supersedesId: text('supersedes_id'),
  },
  (t) => [
    index('scores_patient').on(t.patientId, t.observedAt),
    index('scores_series').on(t.seriesId),
    // The intake work list's baseline instruments per patient, read from the index alone, and
    // whether a score was corrected (few are): intake/worklist.ts, migration 0024.
    index('scores_baseline')
      .on(t.patientId, t.instrument, t.id)
      .where(sql`"time_point" = 'baseline' AND "deleted_at" IS NULL`),
    index('scores_supersedes')
      .on(t.supersedesId)
      .where(sql`"supersedes_id" IS NOT NULL`),
  ],
);

/**
 * A clinician's decision on a review flag (a patient below the configured reduction at the
 * review point). Append-only: a later decision on the same flag is a new row; the flag's
 * reason and numbers are kept as they were when decided.
 */
export const outcomeDispositions = sqliteTable(
  'outcome_dispositions',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    seriesId: text('series_id'),
    /** The flag decided: `<seriesId>:<after_session|end_of_series>:<sessionId>`. */
    flagKey: text('flag_key').notNull(),
    /** continue | change_protocol | stop | other */
    disposition: text('disposition').notNull(),
    note: text('note'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: integer('decided_at').notNull(),
    reason: text('reason').notNull(),
    percentReduction: real('percent_reduction'),
  },
  (t) => [index('outcome_dispositions_patient').on(t.patientId), index('outcome_dispositions_flag').on(t.flagKey)],
);
