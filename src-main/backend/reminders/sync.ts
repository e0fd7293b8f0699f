/**
 * Bringing the outbox in line with the booked sessions: load what the plan needs, run the
 * pure plan (rules/outbox-plan.ts), write its inserts and updates through db/mutate.ts in
 * one transaction. Idempotent: a second run finds nothing to change.
 *
 * It runs after every successful write that can change a reminder (schedule, patients, clinic:
 * see `followChanges`, wired in backend.ts), from the template and settings handlers, and as
 * `reminders.sync`. It is also exported for code that wants the outbox current inside its own
 * transaction.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { EventTopic } from '../../../src-shared/api/contract';
import { ApiError } from '../../../src-shared/api/errors';
import { readSettings } from '../clinic/service';
import { insertRow, updateRow, type WriteContext } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import { writeKey, type Watched } from '../db/write-watch';
import { logError } from '../log';
import { ensureReminderDefaults } from './defaults';
import { isUpcoming, planOutbox, type ExistingRow, type OutboxStatus, type PlanSession, type PlanTemplate } from './rules/outbox-plan';
import type { ClinicFacts } from './rules/render';
import { reminderOutbox, reminderSettings, reminderTemplates } from './schema';

type TemplateRow = typeof reminderTemplates.$inferSelect;
type SettingsRow = typeof reminderSettings.$inferSelect;

export function readReminderSettings(w: Pick<WriteContext, 'db'>): SettingsRow {
  const row = w.db.select().from(reminderSettings).where(isNull(reminderSettings.deletedAt)).orderBy(asc(reminderSettings.createdAt), asc(reminderSettings.id)).get();
  if (!row) throw new ApiError('NOT_FOUND', 'The reminder settings are missing. Restart the app to create them.');
  return row;
}

export function clinicFacts(w: Pick<WriteContext, 'db'>): ClinicFacts {
  const clinic = readSettings(w);
  const s = readReminderSettings(w);
  return {
    timeZone: clinic.timeZone,
    clinicName: clinic.name,
    clinicAddress: s.clinicAddress,
    clinicPhone: s.clinicPhone,
    arrivalLeadMinutes: s.arrivalLeadMinutes,
    fastingInstructions: s.fastingInstructions,
    driverRequirement: s.driverRequirement,
  };
}

export function planTemplate(r: TemplateRow): PlanTemplate {
  return {
    id: r.id,
    name: r.name,
    offset: r.offsetKind === 'day_before' ? { kind: 'day_before', time: r.offsetTime ?? '18:00' } : { kind: 'hours_before', hours: r.offsetHours ?? 48 },
    channel: r.channel,
    subject: r.subject,
    body: r.body,
    active: r.active && r.deletedAt === null,
  };
}

// Upcoming scheduled sessions, and any session that still has a reminder waiting (it may
// have been cancelled, moved into the past, or begun since).
const SESSIONS_SQL = `
  SELECT s.id, s.patient_id AS patientId, s.seq, s.starts_at AS startsAt, s.ends_at AS endsAt, s.status,
         (s.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL) AS removed,
         (se.status = 'cancelled' OR se.deleted_at IS NOT NULL) AS seriesCancelled,
         (SELECT count(*) FROM infusion_sessions t WHERE t.series_id = s.series_id AND t.deleted_at IS NULL) AS total,
         p.first_name AS firstName, p.last_name AS lastName, p.phone, p.email, p.preferred_contact AS preferredContact
  FROM infusion_sessions s
  JOIN infusion_series se ON se.id = s.series_id
  JOIN patients p ON p.id = s.patient_id
  WHERE (s.deleted_at IS NULL AND s.status = 'scheduled' AND s.starts_at > @now)
     OR s.id IN (SELECT session_id FROM reminder_outbox WHERE deleted_at IS NULL AND status IN ('to_send', 'held'))`;

const ROWS_SQL = `
  SELECT o.id, o.created_at AS createdAt, o.session_id AS sessionId, o.template_id AS templateId, o.patient_id AS patientId,
         o.channel, o.recipient, o.subject, o.body, o.session_starts_at AS sessionStartsAt, o.due_at AS dueAt, o.status, o.reason
  FROM reminder_outbox o
  WHERE o.deleted_at IS NULL
    AND (o.status IN ('to_send', 'held')
         OR o.session_id IN (SELECT id FROM infusion_sessions WHERE deleted_at IS NULL AND status = 'scheduled' AND starts_at > @now))`;

interface SessionSqlRow {
  id: string;
  patientId: string;
  seq: number;
  startsAt: number;
  endsAt: number;
  status: string;
  removed: number;
  seriesCancelled: number;
  total: number;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  preferredContact: string;
}

export interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Queue, re-write and cancel reminders so the outbox matches the sessions. */
export function syncReminders(w: WriteContext): SyncResult {
  return syncOutbox(w).result;
}

/**
 * The sync, and until when its plan stays as it is with no write to what it reads: the start
 * of the first upcoming session (a session that has begun ends its waiting reminders; nothing
 * else in the plan moves with the clock: a reminder already queued keeps its status when its due
 * time passes, and one created late was written as skipped).
 */
function syncOutbox(w: WriteContext): { result: SyncResult; stableUntil: number } {
  ensureReminderDefaults(w);
  return w.sqlite
    .transaction(() => {
      const now = w.now();
      const sessions: PlanSession[] = (preparedSql(w.sqlite, SESSIONS_SQL).all({ now }) as SessionSqlRow[]).map((r) => ({
        id: r.id,
        patientId: r.patientId,
        seq: r.seq,
        total: r.total,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        status: r.status,
        removed: r.removed === 1,
        seriesCancelled: r.seriesCancelled === 1,
        patient: { firstName: r.firstName, lastName: r.lastName, phone: r.phone, email: r.email, preferredContact: r.preferredContact },
      }));
      const rows = preparedSql(w.sqlite, ROWS_SQL).all({ now }) as ExistingRow[];
      const templates = w.db.select().from(reminderTemplates).orderBy(asc(reminderTemplates.createdAt), asc(reminderTemplates.id)).all().map(planTemplate);
      const plan = planOutbox({ now, clinic: clinicFacts(w), sessions, templates, rows });
      for (const fields of plan.inserts) insertRow(w, reminderOutbox, fields);
      for (const { id, patch } of plan.updates) updateRow(w, reminderOutbox, id, patch, { what: 'A queued reminder' });
      let stableUntil = Infinity;
      for (const s of sessions) if (isUpcoming(s, now) && s.startsAt < stableUntil) stableUntil = s.startsAt;
      return { result: { created: plan.inserts.length, updated: plan.updates.length, unchanged: plan.unchanged }, stableUntil };
    })
    .immediate();
}

/**
 * Everything the sync reads (SESSIONS_SQL, ROWS_SQL, the templates, clinicFacts and the
 * defaults): a write to any of them may change the outbox. Patients only through the columns
 * a reminder uses or that remove them (a new patient has no session yet).
 */
export const REMINDER_SYNC_READS: readonly Watched[] = [
  'infusion_sessions',
  'infusion_series',
  { table: 'patients', columns: ['first_name', 'last_name', 'phone', 'email', 'preferred_contact', 'deleted_at'] },
  'reminder_outbox',
  'reminder_templates',
  'reminder_settings',
  'clinic_settings',
];

/** Topics after which reminders may need writing again. */
const FOLLOWED: ReadonlySet<EventTopic> = new Set(['schedule.changed', 'patients.changed', 'clinic.changed']);

/** How many times followChanges ran the sync (tests check that it skips a write reminders do not read). */
let followedSyncs = 0;
export function remindersFollowSyncs(): number {
  return followedSyncs;
}

/**
 * For backend.ts: called with each published topic after a write has committed. Runs the
 * sync (as the system, not the acting user) and says `reminders.changed` when it wrote
 * something. A failure here must not undo or fail the booking that already succeeded: it is
 * logged (no patient data) and the next change or `reminders.sync` catches up.
 *
 * The sync reads every upcoming session and queued reminder (~60 ms on the 50,000-patient seed,
 * twice the intake summary PDF it followed), so it is skipped when it would find nothing to do:
 * none of the tables it reads written since the last one (db/write-watch.ts: this connection's
 * triggers and SQLite's data_version for other connections) and no session begun since. A
 * generated document or a patient's note publishes patients.changed but changes no reminder.
 */
export function followChanges(system: WriteContext, notify: (topic: EventTopic, payload: unknown) => void): (topic: EventTopic) => void {
  let last: { key: string; stableUntil: number } | null = null;
  return (topic) => {
    if (!FOLLOWED.has(topic)) return;
    try {
      if (last && last.key === writeKey(system.sqlite, 'reminders_follow', REMINDER_SYNC_READS) && system.now() < last.stableUntil) return;
      last = null;
      followedSyncs++;
      const { result: r, stableUntil } = syncOutbox(system);
      // The key after the sync's own writes: those are what it just planned.
      last = { key: writeKey(system.sqlite, 'reminders_follow', REMINDER_SYNC_READS), stableUntil };
      if (r.created || r.updated) notify('reminders.changed', { created: r.created, updated: r.updated });
    } catch (err) {
      logError('reminders sync after a change failed', err instanceof Error ? `${err.name}: ${err.stack ?? ''}` : typeof err);
    }
  };
}

/** One outbox row, live. */
export function requireOutboxRow(w: Pick<WriteContext, 'db'>, id: string) {
  const row = w.db.select().from(reminderOutbox).where(and(eq(reminderOutbox.id, id), isNull(reminderOutbox.deletedAt))).get();
  if (!row) throw new ApiError('NOT_FOUND', 'This reminder was not found. It may have been removed on another device.', { field: 'id' });
  return row;
}

export type { OutboxStatus };
