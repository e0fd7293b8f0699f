/**
 * Pain and function scores. Append-only: a score is never edited; a correction is a new row
 * that names the one it supersedes, so rows never conflict between devices.
 */
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
    /** The infusion session, once scheduling exists; follow-ups name their label (1 week, ...). */
    sessionId: text('session_id'),
    followUp: text('follow_up'),
    /** When the score was taken (epoch ms). */
    observedAt: integer('observed_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    /** staff | patient_questionnaire */
    source: text('source').notNull(),
    supersedesId: text('supersedes_id'),
  },
  (t) => [index('scores_patient').on(t.patientId, t.observedAt)],
);
