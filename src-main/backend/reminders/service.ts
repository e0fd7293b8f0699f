/** Reminders: templates, settings, the outbox and the series calendar file (the API methods). */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import { OUTBOX_STATUSES, subjectProblem, type OutboxRow, type ReminderOffset } from '../../../src-shared/api/schemas/reminders';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { insertRow, updateRow } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import { seriesCalendarFile } from './calendar';
import { ensureReminderDefaults } from './defaults';
import { offsetLabel } from './rules/due';
import { reminderOutbox, reminderSettings, reminderTemplates } from './schema';
import { planTemplate, readReminderSettings, requireOutboxRow, syncReminders } from './sync';

type TemplateRow = typeof reminderTemplates.$inferSelect;

function templateOut(r: TemplateRow) {
  const { offset } = planTemplate(r);
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    offset,
    offsetLabel: offsetLabel(offset),
    channel: r.channel,
    subject: r.subject,
    body: r.body,
    note: r.note,
    active: r.active,
  };
}

function offsetColumns(offset: ReminderOffset) {
  return offset.kind === 'hours_before'
    ? { offsetKind: offset.kind, offsetHours: offset.hours, offsetTime: null }
    : { offsetKind: offset.kind, offsetHours: null, offsetTime: offset.time };
}

/** Roughly how long before a midday session it goes, for listing the earliest first. */
function hoursAhead(offset: ReminderOffset): number {
  if (offset.kind === 'hours_before') return offset.hours;
  const [h, m] = offset.time.split(':').map(Number);
  return 36 - (h! + m! / 60);
}

function requireTemplate(ctx: HandlerContext, id: string): TemplateRow {
  const t = ctx.db.select().from(reminderTemplates).where(and(eq(reminderTemplates.id, id), isNull(reminderTemplates.deletedAt))).get();
  if (!t) throw new ApiError('NOT_FOUND', 'This reminder template was not found. It may have been removed on another device.', { field: 'id' });
  return t;
}

function settingsOut(r: typeof reminderSettings.$inferSelect) {
  return {
    id: r.id,
    version: r.version,
    clinicAddress: r.clinicAddress,
    clinicPhone: r.clinicPhone,
    arrivalLeadMinutes: r.arrivalLeadMinutes,
    fastingInstructions: r.fastingInstructions,
    driverRequirement: r.driverRequirement,
  };
}

const OUTBOX_FILTER = `o.deleted_at IS NULL
  AND (@from IS NULL OR o.due_at >= @from)
  AND (@to IS NULL OR o.due_at < @to)
  AND (@patientId IS NULL OR o.patient_id = @patientId)`;

const OUTBOX_SELECT = `
  SELECT o.id, o.version, o.status, o.reason, o.channel, o.recipient, o.subject, o.body,
         o.due_at AS dueAt, o.session_starts_at AS sessionStartsAt, o.attempts, o.last_error AS lastError, o.sent_at AS sentAt,
         o.session_id AS sessionId, s.series_id AS seriesId, o.patient_id AS patientId,
         p.first_name || ' ' || p.last_name AS patientName, o.template_id AS templateId, t.name AS templateName,
         s.seq || ' of ' || (SELECT count(*) FROM infusion_sessions x WHERE x.series_id = s.series_id AND x.deleted_at IS NULL) AS position
  FROM reminder_outbox o
  JOIN infusion_sessions s ON s.id = o.session_id
  JOIN patients p ON p.id = o.patient_id
  JOIN reminder_templates t ON t.id = o.template_id`;

const OUTBOX_ROWS_SQL = `${OUTBOX_SELECT}
  WHERE ${OUTBOX_FILTER}
    AND (@statuses IS NULL OR o.status IN (SELECT value FROM json_each(@statuses)))
  ORDER BY o.due_at, o.id
  LIMIT @limit`;

const OUTBOX_COUNTS_SQL = `SELECT o.status, count(*) AS n FROM reminder_outbox o WHERE ${OUTBOX_FILTER} GROUP BY o.status`;

function outboxRow(ctx: HandlerContext, id: string): OutboxRow {
  const row = preparedSql(ctx.sqlite, `${OUTBOX_SELECT} WHERE o.id = ?`).get(id) as OutboxRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'This reminder was not found.', { field: 'id' });
  return row;
}

const STATUS_WORDS: Record<string, string> = {
  to_send: 'waiting to be sent',
  sent: 'already sent',
  failed: 'marked failed',
  held: 'held for a person to act',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

export const reminderHandlers: PartialHandlers = {
  'reminders.templates.list': (_input, ctx) => {
    ensureReminderDefaults(ctx);
    return ctx.db
      .select()
      .from(reminderTemplates)
      .where(isNull(reminderTemplates.deletedAt))
      .all()
      .map(templateOut)
      .sort((a, b) => Number(b.active) - Number(a.active) || hoursAhead(b.offset) - hoursAhead(a.offset) || a.name.localeCompare(b.name));
  },

  'reminders.templates.create': ({ offset, ...fields }, ctx) =>
    ctx.sqlite
      .transaction(() => {
        ensureReminderDefaults(ctx);
        const row = insertRow(ctx, reminderTemplates, { ...fields, ...offsetColumns(offset), active: true });
        syncReminders(ctx);
        return templateOut(row);
      })
      .immediate(),

  'reminders.templates.update': ({ id, expectedVersion, offset, ...patch }, ctx) =>
    ctx.sqlite
      .transaction(() => {
        const current = templateOut(requireTemplate(ctx, id));
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as typeof patch;
        const merged = { ...current, ...defined };
        const problem = subjectProblem(merged);
        if (problem) throw ApiError.validation('subject', problem);
        const row = updateRow(
          ctx,
          reminderTemplates,
          id,
          { ...defined, ...(offset ? offsetColumns(offset) : {}) },
          { expectedVersion, what: 'This reminder template' },
        );
        syncReminders(ctx);
        return templateOut(row);
      })
      .immediate(),

  'reminders.settings.get': (_input, ctx) => {
    ensureReminderDefaults(ctx);
    return settingsOut(readReminderSettings(ctx));
  },

  'reminders.settings.update': ({ expectedVersion, ...patch }, ctx) =>
    ctx.sqlite
      .transaction(() => {
        ensureReminderDefaults(ctx);
        const current = readReminderSettings(ctx);
        const row = updateRow(ctx, reminderSettings, current.id, patch, { expectedVersion, what: 'The reminder settings' });
        syncReminders(ctx);
        return settingsOut(row);
      })
      .immediate(),

  'reminders.outbox.list': ({ statuses, from, to, patientId, limit }, ctx) => {
    const filter = { from: from ?? null, to: to ?? null, patientId: patientId ?? null };
    const rows = preparedSql(ctx.sqlite, OUTBOX_ROWS_SQL).all({
      ...filter,
      statuses: statuses ? JSON.stringify(statuses) : null,
      limit: limit + 1,
    }) as OutboxRow[];
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<(typeof OUTBOX_STATUSES)[number], number>;
    for (const c of preparedSql(ctx.sqlite, OUTBOX_COUNTS_SQL).all(filter) as { status: keyof typeof counts; n: number }[]) counts[c.status] = c.n;
    return { rows: rows.slice(0, limit), counts, truncated: rows.length > limit };
  },

  'reminders.outbox.markSent': ({ id, expectedVersion }, ctx) => {
    ctx.sqlite
      .transaction(() => {
        const row = requireOutboxRow(ctx, id);
        if (row.status === 'sent' || row.status === 'cancelled') {
          throw ApiError.validation('id', `This reminder is ${STATUS_WORDS[row.status]}, so it cannot be marked sent.${row.reason ? ` ${row.reason}` : ''}`);
        }
        updateRow(ctx, reminderOutbox, id, { status: 'sent', sentAt: ctx.now(), reason: null }, { expectedVersion, what: 'This reminder' });
      })
      .immediate();
    return outboxRow(ctx, id);
  },

  'reminders.outbox.markFailed': ({ id, error, retry }, ctx) => {
    ctx.sqlite
      .transaction(() => {
        const row = requireOutboxRow(ctx, id);
        if (row.status !== 'to_send' && row.status !== 'held') {
          throw ApiError.validation('id', `This reminder is ${STATUS_WORDS[row.status]}; only one waiting to be sent (or called) can fail.`);
        }
        updateRow(
          ctx,
          reminderOutbox,
          id,
          { status: retry ? row.status : 'failed', attempts: row.attempts + 1, lastError: error },
          { what: 'This reminder' },
        );
      })
      .immediate();
    return outboxRow(ctx, id);
  },

  'reminders.sync': (_input, ctx) => syncReminders(ctx),

  'reminders.seriesIcs': ({ seriesId }, ctx) => seriesCalendarFile(ctx, seriesId),
};
