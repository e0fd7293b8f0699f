/**
 * Pre-session reminders: templates with {placeholders}, the clinic's reminder settings, the
 * outbox, and the series calendar file. The placeholder list and its grammar live here so the
 * API check, the backend's renderer and the Settings screen's help all use the same one.
 */
import { z } from 'zod';
import { normalizePhone } from '../../domain/contact';
import { idSchema, instantSchema, optionalMultilineText, optionalText, requiredMultilineText, requiredText } from './common';

// ---------------------------------------------------------------------------------------
// Placeholders

export const PLACEHOLDERS = [
  { key: 'firstName', label: 'Patient’s first name', example: 'Ana' },
  { key: 'lastName', label: 'Patient’s last name', example: 'Ramirez' },
  { key: 'date', label: 'Session date', example: 'Monday, December 7' },
  { key: 'time', label: 'Session start (IV preparation)', example: '10:00 AM' },
  { key: 'arrivalTime', label: 'Time to arrive', example: '9:45 AM' },
  { key: 'dischargeTime', label: 'Planned discharge (for the driver)', example: '3:30 PM' },
  { key: 'sessionNumber', label: 'Place in the series', example: '3 of 6' },
  { key: 'clinicName', label: 'Clinic name', example: 'Lakeside Pain & Infusion' },
  { key: 'address', label: 'Clinic address', example: '1200 Lake Shore Dr, Suite 300, Chicago, IL 60611' },
  { key: 'clinicPhone', label: 'Clinic phone', example: '(312) 555-0100' },
  { key: 'fastingInstructions', label: 'Fasting instructions', example: 'Nothing to eat for 6 hours before you arrive.' },
  { key: 'driverRequirement', label: 'Driver requirement', example: 'A responsible adult must drive you home.' },
] as const;

export type PlaceholderKey = (typeof PLACEHOLDERS)[number]['key'];
export const PLACEHOLDER_KEYS: readonly PlaceholderKey[] = PLACEHOLDERS.map((p) => p.key);
const KNOWN = new Set<string>(PLACEHOLDER_KEYS);

/** A piece of a template: literal text, or a placeholder to fill. */
export type TemplatePart = { text: string } | { placeholder: PlaceholderKey };

export interface TemplateParse {
  parts: TemplatePart[];
  /** Plain-words problems (unknown placeholder, stray brace); empty when the text is usable. */
  problems: string[];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function suggestion(name: string): string | null {
  let best: { key: string; d: number } | null = null;
  for (const key of PLACEHOLDER_KEYS) {
    const d = distance(name.toLowerCase(), key.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { key, d };
  }
  return best ? best.key : null;
}

/**
 * Split a template into text and {placeholders}. Braces are for placeholders only: a `{`
 * without its `}`, or a name the app does not know, is a problem named in the message.
 */
export function parseTemplate(text: string): TemplateParse {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let i = 0;
  let literal = '';
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '}') {
      problems.push('There is a } without a { before it. Placeholders are written like {firstName}.');
      literal += ch;
      i++;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    const nextOpen = text.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      problems.push(`A { is not closed near “${text.slice(i, i + 20)}”. Placeholders are written like {firstName}.`);
      literal += ch;
      i++;
      continue;
    }
    const name = text.slice(i + 1, close).trim();
    if (KNOWN.has(name)) {
      if (literal) parts.push({ text: literal });
      literal = '';
      parts.push({ placeholder: name as PlaceholderKey });
    } else {
      const near = name ? suggestion(name) : null;
      problems.push(
        !name
          ? 'There is an empty {} in the text. Placeholders are written like {firstName}.'
          : near
            ? `{${name}} is not a placeholder the app knows. Did you mean {${near}}?`
            : `{${name}} is not a placeholder the app knows. Use one of: ${PLACEHOLDER_KEYS.map((k) => `{${k}}`).join(', ')}.`,
      );
      literal += text.slice(i, close + 1);
    }
    i = close + 1;
  }
  if (literal) parts.push({ text: literal });
  return { parts, problems: [...new Set(problems)] };
}

/**
 * A message text with usable placeholders (the first problem is the message shown). Its length
 * and characters are checked first, each stopping the rest: reading placeholders in a 10 MB paste
 * took seconds before being refused for its length.
 */
const templateText = (label: string, max: number) =>
  requiredMultilineText(label, max).superRefine((text, ctx) => {
    const { problems } = parseTemplate(text);
    if (problems.length) ctx.addIssue({ code: 'custom', message: problems[0]! });
  });

const optionalTemplateText = (label: string, max: number) =>
  optionalText(label, max).superRefine((text, ctx) => {
    if (!text) return;
    const { problems } = parseTemplate(text);
    if (problems.length) ctx.addIssue({ code: 'custom', message: problems[0]! });
  });

// ---------------------------------------------------------------------------------------
// Templates

export const TEMPLATE_CHANNELS = ['sms', 'email', 'preferred'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/** At most two weeks ahead: a reminder further out is not a reminder. */
export const MAX_OFFSET_HOURS = 336;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const reminderOffsetSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('hours_before'),
      hours: z
        .number({ error: 'Enter how many hours before the session.' })
        .int({ error: 'Hours before the session must be a whole number.' })
        .min(1, { error: 'Send the reminder at least 1 hour before the session.' })
        .max(MAX_OFFSET_HOURS, { error: `Send the reminder at most ${MAX_OFFSET_HOURS} hours (14 days) before the session.` }),
    }),
    z.object({
      kind: z.literal('day_before'),
      time: z.string({ error: 'Enter the time on the day before, such as 18:00.' }).regex(HHMM, { error: 'Use 24-hour time such as 18:00.' }),
    }),
  ],
  { error: 'Choose when the reminder goes: a number of hours before, or the day before at a set time.' },
);
export type ReminderOffset = z.infer<typeof reminderOffsetSchema>;

const templateBase = {
  name: requiredText('reminder name', 100),
  offset: reminderOffsetSchema,
  channel: z.enum(TEMPLATE_CHANNELS, { error: 'Choose text message, e-mail, or the patient’s preferred way.' }),
  subject: optionalTemplateText('The e-mail subject', 200),
  body: templateText('message', 1000),
  note: optionalMultilineText('Note', 500),
};

export const SUBJECT_NEEDED = 'Enter an e-mail subject: this reminder may go by e-mail.';

/** The fields without the cross-field check, for extending (the defaults file adds key and source). */
export const reminderTemplateObject = z.object(templateBase);

/** An e-mail (or the patient's preferred way, which may be e-mail) needs a subject. */
export function subjectProblem(t: { channel: TemplateChannel; subject: string | null }): string | null {
  return t.channel !== 'sms' && !t.subject ? SUBJECT_NEEDED : null;
}

export const reminderTemplateFields = reminderTemplateObject.superRefine((t, ctx) => {
  const problem = subjectProblem(t);
  if (problem) ctx.addIssue({ code: 'custom', path: ['subject'], message: problem });
});
export type ReminderTemplateFields = z.output<typeof reminderTemplateFields>;

export const reminderTemplateUpdate = z.object(templateBase).partial().extend({
  id: idSchema,
  active: z.boolean().optional(),
  expectedVersion: z.number().int().min(0).optional(),
});

export const reminderTemplateSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  name: z.string(),
  offset: reminderOffsetSchema,
  /** "48 hours before", "The day before at 18:00" */
  offsetLabel: z.string(),
  channel: z.enum(TEMPLATE_CHANNELS),
  subject: z.string().nullable(),
  body: z.string(),
  note: z.string().nullable(),
  active: z.boolean(),
});
export type ReminderTemplate = z.infer<typeof reminderTemplateSchema>;

// ---------------------------------------------------------------------------------------
// Settings

const phoneText = z
  .string()
  .trim()
  .max(30, { error: 'The clinic phone can be at most 30 characters.' })
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const e164 = normalizePhone(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'Enter the clinic phone as a full number, such as (312) 555-0100.' });
      return z.NEVER;
    }
    return e164;
  });

export const reminderSettingsFields = z.object({
  clinicAddress: optionalMultilineText('The clinic address', 300),
  clinicPhone: phoneText,
  arrivalLeadMinutes: z
    .number({ error: 'Enter how many minutes early patients should arrive.' })
    .int({ error: 'Minutes early must be a whole number.' })
    .min(0, { error: 'Minutes early cannot be negative.' })
    .max(120, { error: 'Minutes early can be at most 120.' }),
  fastingInstructions: requiredMultilineText('fasting instructions', 500),
  driverRequirement: requiredMultilineText('driver requirement', 500),
});

export const reminderSettingsUpdate = reminderSettingsFields.partial().extend({ expectedVersion: z.number().int().min(0).optional() });

export const reminderSettingsSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  clinicAddress: z.string().nullable(),
  clinicPhone: z.string().nullable(),
  arrivalLeadMinutes: z.number().int(),
  fastingInstructions: z.string(),
  driverRequirement: z.string(),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

// ---------------------------------------------------------------------------------------
// Outbox

export const OUTBOX_CHANNELS = ['sms', 'email', 'phone'] as const;
export const OUTBOX_STATUSES = ['to_send', 'sent', 'failed', 'held', 'skipped', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const instant = instantSchema;

export const outboxListInput = z
  .object({
    statuses: z.array(z.enum(OUTBOX_STATUSES, { error: 'Choose statuses from the list.' })).min(1).optional(),
    /** Due on or after this instant. */
    from: instant('start of the range').optional(),
    /** Due before this instant. */
    to: instant('end of the range').optional(),
    patientId: idSchema.optional(),
    limit: z.number().int().min(1).max(2000).default(500),
  })
  .superRefine((v, ctx) => {
    if (v.from !== undefined && v.to !== undefined && v.to <= v.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the range must be after its start.' });
    }
  });

export const outboxRowSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  status: z.enum(OUTBOX_STATUSES),
  /** Why it is held, skipped or cancelled. */
  reason: z.string().nullable(),
  channel: z.enum(OUTBOX_CHANNELS),
  recipient: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  dueAt: z.number().int(),
  sessionStartsAt: z.number().int(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.number().int().nullable(),
  sessionId: idSchema,
  seriesId: idSchema,
  patientId: idSchema,
  patientName: z.string(),
  templateId: idSchema,
  templateName: z.string(),
  /** "3 of 6" */
  position: z.string(),
});
export type OutboxRow = z.infer<typeof outboxRowSchema>;

export const outboxListOutput = z.object({
  rows: z.array(outboxRowSchema),
  /** Reminders in the date range (and for the patient, if given) by status, whatever the status filter. */
  counts: z.record(z.enum(OUTBOX_STATUSES), z.number().int()),
  /** More rows matched than the limit. */
  truncated: z.boolean(),
});

export const markSentInput = z.object({ id: idSchema, expectedVersion: z.number().int().min(0).optional() });
export const markFailedInput = z.object({
  id: idSchema,
  error: requiredMultilineText('delivery error', 500),
  /** true: the delivery will try again (the reminder stays to send, the error is kept). */
  retry: z.boolean().default(false),
});

export const syncResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

// ---------------------------------------------------------------------------------------
// Series calendar file

export const seriesIcsOutput = z.object({
  fileName: z.string(),
  mimeType: z.literal('text/calendar'),
  /** RFC 5545 text, CRLF line ends. */
  text: z.string(),
  events: z.number().int(),
});
