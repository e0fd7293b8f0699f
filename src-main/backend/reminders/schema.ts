/**
 * Pre-session reminders: editable templates, the clinic's reminder settings (address,
 * arrival lead, fasting and driver wording), and the outbox the clinic server's delivery will
 * read. Instants are epoch ms UTC.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../db/columns';
import { patients } from '../patients/schema';
import { infusionSessions } from '../series/schema';

/** Defaults come from resources/reminders/templates.json the first time the table is read. */
export const reminderTemplates = sqliteTable('reminder_templates', {
  ...syncedColumns,
  name: text('name').notNull(),
  /**
   * hours_before: `offsetHours` before the session starts, counted on the clinic's wall clock;
   * day_before: the clinic-local day before the session at `offsetTime` (HH:MM).
   */
  offsetKind: text('offset_kind').$type<'hours_before' | 'day_before'>().notNull(),
  offsetHours: integer('offset_hours'),
  offsetTime: text('offset_time'),
  /** sms | email | preferred (the patient's preferred contact method). */
  channel: text('channel').$type<'sms' | 'email' | 'preferred'>().notNull(),
  /** E-mail subject, with placeholders; unused for text messages. */
  subject: text('subject'),
  /** The message, with {placeholders}. */
  body: text('body').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** Where the wording comes from (the defaults cite DOMAIN.md). */
  note: text('note'),
});

/**
 * One row: what reminders and the series calendar file say about the clinic. The clinic
 * settings hold no address yet, so the address patients are sent lives here.
 */
export const reminderSettings = sqliteTable('reminder_settings', {
  ...syncedColumns,
  /** As a patient should read it, e.g. "1200 Lake Shore Dr, Suite 300, Chicago, IL 60611". */
  clinicAddress: text('clinic_address'),
  clinicPhone: text('clinic_phone'),
  /** Patients are asked to arrive this many minutes before the session starts (IV preparation). */
  arrivalLeadMinutes: integer('arrival_lead_minutes').notNull().default(15),
  fastingInstructions: text('fasting_instructions').notNull(),
  driverRequirement: text('driver_requirement').notNull(),
});

export const reminderOutbox = sqliteTable(
  'reminder_outbox',
  {
    ...syncedColumns,
    sessionId: text('session_id')
      .notNull()
      .references(() => infusionSessions.id),
    templateId: text('template_id')
      .notNull()
      .references(() => reminderTemplates.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    /** sms | email | phone (the patient prefers a call: staff call and mark it sent). */
    channel: text('channel').$type<'sms' | 'email' | 'phone'>().notNull(),
    /** E.164 phone or e-mail address; null when the patient has none for the channel. */
    recipient: text('recipient'),
    subject: text('subject'),
    /** The rendered message. */
    body: text('body').notNull(),
    /** The session start this reminder was written for: a moved session is re-rendered. */
    sessionStartsAt: integer('session_starts_at').notNull(),
    dueAt: integer('due_at').notNull(),
    /** to_send | sent | failed | held | skipped | cancelled (see reminders/rules/outbox-plan.ts). */
    status: text('status').$type<'to_send' | 'sent' | 'failed' | 'held' | 'skipped' | 'cancelled'>().notNull(),
    /** Why it is held, skipped or cancelled, in plain words. */
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    /** What the delivery reported when it last failed. */
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('reminder_outbox_session').on(t.sessionId),
    index('reminder_outbox_status_due').on(t.status, t.dueAt),
    index('reminder_outbox_due').on(t.dueAt),
  ],
);
