/**
 * Infusion series: a template (how many sessions, over how many days, the phases of one
 * session and who must supervise it), the series booked for a patient, and its sessions.
 * A session occupies its suite from IV preparation through infusion and recovery until
 * discharge. Instants are epoch ms UTC; calendar dates are YYYY-MM-DD.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staff, suites } from '../clinic/schema';
import { syncedColumns, weeklyHoursColumns } from '../db/columns';
import { patients } from '../patients/schema';

/** Editable series shapes; defaults come from resources/series/templates.json on first start. */
export const seriesTemplates = sqliteTable('series_templates', {
  ...syncedColumns,
  name: text('name').notNull(),
  /** e.g. 6 infusions */
  sessionCount: integer('session_count').notNull(),
  /** All sessions within this many days of the first (e.g. 14). */
  windowDays: integer('window_days').notNull(),
  /** Least and most whole days between consecutive sessions (1 = next day allowed). */
  minGapDays: integer('min_gap_days').notNull(),
  maxGapDays: integer('max_gap_days').notNull(),
  /** Minutes of each phase; together they are the suite occupancy. */
  prepMinutes: integer('prep_minutes').notNull(),
  infusionMinutes: integer('infusion_minutes').notNull(),
  recoveryMinutes: integer('recovery_minutes').notNull(),
  /** anesthesiologist | crna | rn: who must supervise the infusion. */
  supervisorRole: text('supervisor_role').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  note: text('note'),
});

/** When staff work the infusion floor (distinct from consultation hours). */
export const staffShifts = sqliteTable(
  'staff_shifts',
  {
    ...syncedColumns,
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    ...weeklyHoursColumns(),
    /** How many patients this person may supervise at once on this shift. */
    maxConcurrent: integer('max_concurrent').notNull().default(1),
  },
  (t) => [index('staff_shifts_staff').on(t.staffId)],
);

/** A suite out of use: maintenance, deep clean, a holiday (suiteId null = every suite). */
export const suiteClosures = sqliteTable(
  'suite_closures',
  {
    ...syncedColumns,
    suiteId: text('suite_id').references(() => suites.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('suite_closures_time').on(t.startsAt)],
);

export const infusionSeries = sqliteTable(
  'infusion_series',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    templateId: text('template_id').references(() => seriesTemplates.id),
    /** The template as it was when booked: later edits to the template do not move a booked series. */
    templateSnapshot: text('template_snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    authorizationId: text('authorization_id'),
    /**
     * A second authorization the same sessions draw on, when the payer authorizes the parts apart
     * (e.g. the drug, J3490, beside the administration, 96365/96366): each is consumed on its own
     * and both must cover a session.
     */
    alsoAuthorizationId: text('also_authorization_id'),
    selfPay: integer('self_pay', { mode: 'boolean' }).notNull().default(false),
    /** planned | active | completed | cancelled */
    status: text('status').notNull(),
    note: text('note'),
  },
  (t) => [index('infusion_series_patient').on(t.patientId)],
);

export const infusionSessions = sqliteTable(
  'infusion_sessions',
  {
    ...syncedColumns,
    seriesId: text('series_id')
      .notNull()
      .references(() => infusionSeries.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    /** 1-based place in the series: "3 of 6". */
    seq: integer('seq').notNull(),
    suiteId: text('suite_id')
      .notNull()
      .references(() => suites.id),
    supervisorId: text('supervisor_id').references(() => staff.id),
    /** IV preparation starts; the suite is occupied from here... */
    startsAt: integer('starts_at').notNull(),
    infusionStartsAt: integer('infusion_starts_at').notNull(),
    recoveryStartsAt: integer('recovery_starts_at').notNull(),
    /** ...to planned discharge. */
    endsAt: integer('ends_at').notNull(),
    /** scheduled | arrived | iv_placed | infusing | recovery | discharged | no_show | cancelled */
    status: text('status').notNull(),
    /** When each status was reached: { arrived: ms, ... }. */
    statusTimes: text('status_times', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** Pre-session checklist: fasting, driver, authorization, consent. */
    checklist: text('checklist', { mode: 'json' })
      .$type<Record<string, { done: boolean; by: string; at: number; override?: string | null }>>()
      .notNull(),
    /** Recorded at discharge: the driver taking the patient home, and why discharge came before the recovery minimum (if it did). */
    discharge: text('discharge', { mode: 'json' }).$type<{ driverName: string; driverPhone: string; earlyReason: string | null }>(),
  },
  (t) => [
    index('infusion_sessions_suite_time').on(t.suiteId, t.startsAt),
    index('infusion_sessions_time').on(t.startsAt),
    index('infusion_sessions_series').on(t.seriesId),
    index('infusion_sessions_patient').on(t.patientId, t.startsAt),
  ],
);

/** Every change to a session: who, when, from, to, why. Append-only. */
export const sessionHistory = sqliteTable(
  'session_history',
  {
    ...syncedColumns,
    sessionId: text('session_id')
      .notNull()
      .references(() => infusionSessions.id),
    /** booked | moved | status | cancelled | checklist */
    action: text('action').notNull(),
    fromValue: text('from_value', { mode: 'json' }).$type<Record<string, unknown>>(),
    toValue: text('to_value', { mode: 'json' }).$type<Record<string, unknown>>(),
    reason: text('reason'),
    byUser: text('by_user').notNull(),
  },
  (t) => [index('session_history_session').on(t.sessionId)],
);
