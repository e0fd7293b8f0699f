/**
 * What the outbox should hold for the booked sessions, and the writes that get it there.
 * Pure: the service loads sessions, templates and existing rows, and applies the plan.
 *
 * Statuses:
 *   to_send    waiting for the delivery (the clinic server);
 *   held       needs a person first: no phone or e-mail for the channel, the patient prefers a
 *              call (staff call and mark it sent), or the clinic address is not set;
 *   sent       delivered; failed: the delivery gave up (its error kept);
 *   skipped    will not be sent: it was already due when the session was booked or moved
 *              (kept, not dropped, so staff can see that no 48-hour reminder went out and
 *              phone instead), the session began first, or the patient asked not to be contacted;
 *   cancelled  the session was cancelled or removed, or the template switched off.
 *
 * One reminder per session and template: a moved session's reminder not yet sent is
 * re-written in place (new due time and text); one already sent or failed stays as history
 * and a new one is queued for the new time. Running the plan on its own result changes
 * nothing, so it can run after every schedule change.
 */
import type { ReminderOffset, TemplateChannel } from '../../../../src-shared/api/schemas/reminders';
import { describeDay } from '../../scheduling/messages';
import { reminderDueAt } from './due';
import { resolveRecipient, type PatientContact, type Recipient } from './recipient';
import { messageTime, missingReason, placeholderValues, renderTemplate, type ClinicFacts, type PatientFacts, type Rendered, type SessionFacts } from './render';

export type OutboxStatus = 'to_send' | 'sent' | 'failed' | 'held' | 'skipped' | 'cancelled';

/** Rows the plan may still change. */
const OPEN: ReadonlySet<OutboxStatus> = new Set(['to_send', 'held', 'skipped', 'cancelled']);
/** Rows waiting on the delivery or a person. */
export const ACTIVE: ReadonlySet<OutboxStatus> = new Set(['to_send', 'held']);

export interface PlanSession extends SessionFacts {
  id: string;
  patientId: string;
  /** scheduled | arrived | ... | cancelled */
  status: string;
  /** The session or its patient was removed (soft-deleted). */
  removed: boolean;
  seriesCancelled: boolean;
  patient: PatientFacts & PatientContact;
}

export interface PlanTemplate {
  id: string;
  name: string;
  offset: ReminderOffset;
  channel: TemplateChannel;
  subject: string | null;
  body: string;
  /** false also for a removed template. */
  active: boolean;
}

export interface OutboxFields {
  sessionId: string;
  templateId: string;
  patientId: string;
  channel: 'sms' | 'email' | 'phone';
  recipient: string | null;
  subject: string | null;
  body: string;
  sessionStartsAt: number;
  dueAt: number;
  status: OutboxStatus;
  reason: string | null;
}

export interface ExistingRow extends OutboxFields {
  id: string;
  createdAt: number;
}

export interface OutboxPlan {
  inserts: OutboxFields[];
  updates: { id: string; patch: Partial<OutboxFields> }[];
  unchanged: number;
}

export interface PlanInput {
  now: number;
  clinic: ClinicFacts;
  sessions: readonly PlanSession[];
  templates: readonly PlanTemplate[];
  /** Every row of these sessions, whatever its status. */
  rows: readonly ExistingRow[];
}

export const REASONS = {
  cancelled: 'The session was cancelled.',
  removed: 'The session was removed.',
  began: 'The session began before this reminder was sent.',
  alreadySent: 'A reminder from this template was already sent (or failed) for this session time.',
  duplicate: 'A duplicate of another reminder for this session (made on another device).',
  switchedOff: (name: string) => `The “${name}” reminder was switched off.`,
  late: (dueText: string) => `It was due ${dueText}, before the session was booked or moved to this time, so it was not sent.`,
} as const;

export function isUpcoming(s: PlanSession, now: number): boolean {
  return !s.removed && !s.seriesCancelled && s.status === 'scheduled' && s.startsAt > now;
}

function endedState(s: PlanSession): { status: OutboxStatus; reason: string } {
  if (s.removed) return { status: 'cancelled', reason: REASONS.removed };
  if (s.status === 'cancelled' || s.seriesCancelled) return { status: 'cancelled', reason: REASONS.cancelled };
  return { status: 'skipped', reason: REASONS.began };
}

interface Written {
  dueAt: number;
  body: Rendered;
  subject: Rendered | null;
  to: Recipient;
}

/**
 * The plan runs after every schedule, patient or clinic change, over every upcoming session,
 * and the time-zone arithmetic and formatting dominate it (about 40 ms for 640 sessions and
 * two templates). What a reminder says and when it is due depend only on the inputs in the
 * key, so they are remembered between runs; the status (which depends on the clock and the
 * row already there) is worked out fresh every time.
 */
const written = new Map<string, Written>();
const WRITTEN_LIMIT = 50_000;

function write(s: PlanSession, t: PlanTemplate, clinic: ClinicFacts): Written {
  const p = s.patient;
  const key = JSON.stringify([
    t.offset,
    t.channel,
    t.subject,
    t.body,
    s.startsAt,
    s.endsAt,
    s.seq,
    s.total,
    p.firstName,
    p.lastName,
    p.phone,
    p.email,
    p.preferredContact,
    clinic,
  ]);
  let w = written.get(key);
  if (!w) {
    const values = placeholderValues(s, p, clinic);
    const to = resolveRecipient(t.channel, p);
    w = {
      dueAt: reminderDueAt(t.offset, s.startsAt, clinic.timeZone),
      body: renderTemplate(t.body, values),
      subject: to.channel === 'email' && t.subject ? renderTemplate(t.subject, values) : null,
      to,
    };
    if (written.size >= WRITTEN_LIMIT) written.clear();
    written.set(key, w);
  }
  return w;
}

/** The row this session and template should have now, given the row already there (if any). */
export function desiredRow(s: PlanSession, t: PlanTemplate, clinic: ClinicFacts, now: number, existing: ExistingRow | undefined): OutboxFields {
  const { dueAt, body, subject, to } = write(s, t, clinic);
  const missing = [...new Set([...body.missing, ...(subject?.missing ?? [])])];
  const problems = [...body.problems, ...(subject?.problems ?? [])];

  // Queued in time: a reminder that was waiting before its due time passed is still worth
  // sending until the session begins. Only one created (or moved) after its due time is late.
  const queuedInTime = existing !== undefined && ACTIVE.has(existing.status) && existing.dueAt === dueAt;
  let status: OutboxStatus;
  let reason: string | null;
  if (!to.ok && to.status === 'skipped') {
    status = 'skipped';
    reason = to.reason;
  } else if (dueAt <= now && !queuedInTime) {
    status = 'skipped';
    reason = REASONS.late(`${describeDay(clinic.timeZone, dueAt)} at ${messageTime(clinic.timeZone, dueAt)}`);
  } else if (!to.ok || missing.length || problems.length) {
    status = 'held';
    reason = [to.ok ? null : to.reason, missing.length ? missingReason(missing) : null, ...problems].filter(Boolean).join(' ');
  } else {
    status = 'to_send';
    reason = null;
  }
  return {
    sessionId: s.id,
    templateId: t.id,
    patientId: s.patientId,
    channel: to.channel,
    recipient: to.recipient,
    subject: subject?.text ?? null,
    body: body.text,
    sessionStartsAt: s.startsAt,
    dueAt,
    status,
    reason,
  };
}

const FIELDS: readonly (keyof OutboxFields)[] = ['patientId', 'channel', 'recipient', 'subject', 'body', 'sessionStartsAt', 'dueAt', 'status', 'reason'];

function diff(row: ExistingRow, want: Partial<OutboxFields>): Partial<OutboxFields> | null {
  const patch: Partial<OutboxFields> = {};
  for (const k of FIELDS) {
    if (k in want && want[k] !== row[k]) (patch as Record<string, unknown>)[k] = want[k];
  }
  return Object.keys(patch).length ? patch : null;
}

const byAge = (a: ExistingRow, b: ExistingRow) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function planOutbox({ now, clinic, sessions, templates, rows }: PlanInput): OutboxPlan {
  const byPair = new Map<string, ExistingRow[]>();
  for (const r of rows) {
    const key = `${r.sessionId}|${r.templateId}`;
    const list = byPair.get(key);
    if (list) list.push(r);
    else byPair.set(key, [r]);
  }
  const plan: OutboxPlan = { inserts: [], updates: [], unchanged: 0 };
  const apply = (row: ExistingRow, want: Partial<OutboxFields>) => {
    const patch = diff(row, want);
    if (patch) plan.updates.push({ id: row.id, patch });
    else plan.unchanged++;
  };

  for (const s of sessions) {
    const upcoming = isUpcoming(s, now);
    for (const t of templates) {
      const pair = byPair.get(`${s.id}|${t.id}`) ?? [];
      const open = pair.filter((r) => OPEN.has(r.status)).sort(byAge);

      if (!upcoming || !t.active) {
        // Only reminders still waiting change; skipped and cancelled ones keep their reason.
        const end = upcoming ? { status: 'cancelled' as const, reason: REASONS.switchedOff(t.name) } : endedState(s);
        for (const r of open) {
          if (ACTIVE.has(r.status)) apply(r, end);
          else plan.unchanged++;
        }
        continue;
      }

      if (pair.some((r) => (r.status === 'sent' || r.status === 'failed') && r.sessionStartsAt === s.startsAt)) {
        for (const r of open) apply(r, { status: 'cancelled', reason: REASONS.alreadySent });
        continue;
      }

      const [keep, ...extra] = open;
      const want = desiredRow(s, t, clinic, now, keep);
      if (keep) apply(keep, want);
      else plan.inserts.push(want);
      for (const r of extra) apply(r, { status: 'cancelled', reason: REASONS.duplicate });
    }
  }
  return plan;
}
