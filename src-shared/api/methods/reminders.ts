/** Pre-session reminders: templates, settings, the outbox, and the series calendar file. */
import { z } from 'zod';
import { method } from '../method';
import { emptyInput, idSchema } from '../schemas/common';
import {
  markFailedInput,
  markSentInput,
  outboxListInput,
  outboxListOutput,
  outboxRowSchema,
  reminderSettingsSchema,
  reminderSettingsUpdate,
  reminderTemplateFields,
  reminderTemplateSchema,
  reminderTemplateUpdate,
  seriesIcsOutput,
  syncResultSchema,
} from '../schemas/reminders';

const settingsWrite = { permission: 'settings.write', changes: 'reminders.changed' } as const;
const scheduleWrite = { permission: 'schedule.write', changes: 'reminders.changed' } as const;

export const reminderMethods = {
  /** Reminder templates (defaults inserted on first use), active first, earliest-sent first. */
  'reminders.templates.list': method({ input: emptyInput, output: z.array(reminderTemplateSchema), permission: 'schedule.read' }),
  /** A new template; an unknown {placeholder} is refused naming it. Queued reminders follow at once. */
  'reminders.templates.create': method({ input: reminderTemplateFields, output: reminderTemplateSchema, ...settingsWrite }),
  /** Edit or switch off a template; reminders not yet sent are re-written (or cancelled) to match. */
  'reminders.templates.update': method({ input: reminderTemplateUpdate, output: reminderTemplateSchema, ...settingsWrite }),
  /** Address, phone, arrival lead, fasting and driver wording used in reminders and the calendar file. */
  'reminders.settings.get': method({ input: emptyInput, output: reminderSettingsSchema, permission: 'schedule.read' }),
  'reminders.settings.update': method({ input: reminderSettingsUpdate, output: reminderSettingsSchema, ...settingsWrite }),
  /** Reminders by due time, filtered by status, due range and patient, with counts per status. */
  'reminders.outbox.list': method({ input: outboxListInput, output: outboxListOutput, permission: 'schedule.read' }),
  /** Delivered (by the clinic server, or by staff who called or texted by hand). */
  'reminders.outbox.markSent': method({ input: markSentInput, output: outboxRowSchema, ...scheduleWrite }),
  /** Delivery failed: the error is kept; with retry the reminder stays to send. */
  'reminders.outbox.markFailed': method({ input: markFailedInput, output: outboxRowSchema, ...scheduleWrite }),
  /**
   * Bring the outbox in line with the booked sessions: queue reminders for upcoming sessions,
   * re-write moved ones, cancel those of cancelled sessions. Running it twice changes nothing.
   */
  'reminders.sync': method({ input: emptyInput, output: syncResultSchema, ...scheduleWrite }),
  /** An iCalendar (.ics) file of a series' live sessions, for the patient's own calendar. */
  'reminders.seriesIcs': method({ input: z.object({ seriesId: idSchema }), output: seriesIcsOutput, permission: 'schedule.read' }),
};
