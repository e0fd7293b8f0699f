/**
 * The day-of session flow as the Today screen shows it: status words, the one next step
 * for each status, the pre-session checklist and what still blocks "IV placed". Pure (no
 * I/O, no React) so it is unit-tested on its own.
 *
 * The checklist gate is the backend's own rule (src-shared/domain/series/status-flow.ts); the
 * backend stays the judge and its message is shown if it refuses anyway.
 */
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { CHECKLIST_ITEM_VALUES, SESSION_STATUS_VALUES } from '../../../../src-shared/api/schemas/series';
import { formatPhone } from '../../../../src-shared/domain/contact';
import { missingChecklist } from '../../../../src-shared/domain/series/status-flow';
import { dischargeFrom } from '../../../../src-shared/domain/series/step-times';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

export type SessionStatus = (typeof SESSION_STATUS_VALUES)[number];
export type ChecklistItem = (typeof CHECKLIST_ITEM_VALUES)[number];
export type DaySuite = MethodOutput<'sessions.listByDay'>[number];
export type DaySession = DaySuite['sessions'][number];
export type Checklist = DaySession['checklist'];
export type HistoryEntry = MethodOutput<'sessions.history'>[number];

/** What the badge says, in words a person across the room reads at a glance. */
export const STATUS_LABEL: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  arrived: 'Arrived',
  iv_placed: 'IV placed',
  infusing: 'Infusing',
  recovery: 'In recovery',
  discharged: 'Discharged',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

/** The forward flow, in order; no-show and cancelled leave it from scheduled or arrived. */
export const FLOW: readonly SessionStatus[] = ['scheduled', 'arrived', 'iv_placed', 'infusing', 'recovery', 'discharged'];

export interface NextStep {
  to: SessionStatus;
  /** The button's words: what the person has just seen happen. */
  label: string;
}

const NEXT_STEP: Partial<Record<SessionStatus, NextStep>> = {
  scheduled: { to: 'arrived', label: 'Mark arrived' },
  arrived: { to: 'iv_placed', label: 'IV placed' },
  iv_placed: { to: 'infusing', label: 'Infusion started' },
  infusing: { to: 'recovery', label: 'Recovery' },
  recovery: { to: 'discharged', label: 'Discharged' },
};

/** The one obvious next action, or null when the session is finished. */
export function nextStep(status: SessionStatus): NextStep | null {
  return NEXT_STEP[status] ?? null;
}

/** The step an undo goes back to (the last step of the forward flow), or null when there is none. */
export function undoTo(status: SessionStatus): SessionStatus | null {
  const i = FLOW.indexOf(status);
  return i > 0 ? FLOW[i - 1]! : null;
}

/** No-show and cancel are possible only before the IV goes in. */
export function canLeaveFlow(status: SessionStatus): boolean {
  return status === 'scheduled' || status === 'arrived';
}

/** The session is over one way or another; nothing more to do on it today. */
export function isFinished(status: SessionStatus): boolean {
  return status === 'discharged' || status === 'no_show' || status === 'cancelled';
}

/** The four pre-session checks, in the order the desk asks them. */
export const CHECKLIST: readonly { item: ChecklistItem; label: string }[] = [
  { item: 'fasting', label: 'Fasting confirmed' },
  { item: 'driver', label: 'Driver confirmed' },
  { item: 'authorization', label: 'Authorization valid' },
  { item: 'consent', label: 'Consent on file' },
];

export type ItemState = { kind: 'open' } | { kind: 'done'; at: number } | { kind: 'overridden'; reason: string; at: number };

export function itemState(checklist: Checklist, item: ChecklistItem): ItemState {
  const e = checklist[item];
  if (!e) return { kind: 'open' };
  if (e.override) return { kind: 'overridden', reason: e.override, at: e.at };
  if (e.done) return { kind: 'done', at: e.at };
  return { kind: 'open' };
}

/** Items neither ticked nor overridden with a reason (the backend's rule). */
export function checklistMissing(checklist: Checklist): ChecklistItem[] {
  return missingChecklist(checklist);
}

/** The checklist can still be changed (the backend refuses once the IV is in). */
export function checklistEditable(status: SessionStatus): boolean {
  return status === 'scheduled' || status === 'arrived';
}

export function checklistLabel(item: ChecklistItem): string {
  return CHECKLIST.find((c) => c.item === item)?.label ?? item;
}

/**
 * Why "IV placed" cannot be pressed yet, in words shown beside the disabled button; null
 * when it can.
 */
export function ivBlockedReason(status: SessionStatus, checklist: Checklist): string | null {
  if (status !== 'arrived') return null;
  const missing = checklistMissing(checklist);
  if (!missing.length) return null;
  const words = missing.map((m) => checklistLabel(m).toLowerCase());
  return `Checklist not complete: ${joinWords(words)}. Tick or override ${missing.length === 1 ? 'it' : 'them'} first.`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Every status the session has reached, with its time, in the order they happened. */
export function reachedTimes(statusTimes: Record<string, number>): { status: SessionStatus; at: number }[] {
  return (SESSION_STATUS_VALUES as readonly SessionStatus[])
    .filter((s) => typeof statusTimes[s] === 'number')
    .map((status) => ({ status, at: statusTimes[status]! }))
    .sort((a, b) => a.at - b.at);
}

/**
 * The recovery minimum on a card in recovery: "Recovery minimum 20 min: discharge from 2:40 PM",
 * and whether that time has come (null outside recovery).
 */
export function recoveryNote(session: Pick<DaySession, 'status' | 'statusTimes' | 'recoveryMinMinutes'>, timeZone: string, now: number): { text: string; ready: boolean } | null {
  if (session.status !== 'recovery') return null;
  const from = dischargeFrom(session.statusTimes, session.recoveryMinMinutes);
  if (from === null) return null;
  return { text: `Recovery minimum ${session.recoveryMinMinutes} min: discharge from ${clockText(from, timeZone)}`, ready: now >= from };
}

// ---------------------------------------------------------------------------------------
// Times

function fmt(timeZone: string, withZone: boolean): Intl.DateTimeFormat {
  return keptDateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', ...(withZone ? { timeZoneName: 'short' } : {}) });
}

/** "9:05 AM" in the given zone. */
export function clockText(instant: number, timeZone: string): string {
  return fmt(timeZone, false).format(instant);
}

/**
 * "9:00 – 9:45 AM CST" in clinic time, and the same span in the viewer's zone when its
 * wall clock differs (the app shows both everywhere a remote assistant could misread).
 */
export function spanText(start: number, end: number, clinicZone: string, viewerZone: string): { clinic: string; viewer?: string } {
  const clinic = fmt(clinicZone, true).formatRange(start, end);
  const viewer = fmt(viewerZone, true).formatRange(start, end);
  const strip = (s: string) => s.replace(/\s\S+$/, '');
  return strip(clinic) === strip(viewer) ? { clinic } : { clinic, viewer };
}

// ---------------------------------------------------------------------------------------
// History

export interface HistoryLine {
  what: string;
  from: string | null;
  to: string | null;
}

/** One history entry in words: what changed, from what, to what (the reason is shown apart). */
export function describeHistory(
  entry: Pick<HistoryEntry, 'action' | 'fromValue' | 'toValue'> & { at?: number },
  ctx: { timeZone: string; suiteName: (id: string) => string },
): HistoryLine {
  const from = entry.fromValue;
  const to = entry.toValue;
  if (entry.action === 'status' || entry.action === 'cancelled') {
    let toText = statusWord(to?.status);
    // A step recorded afterwards says the time it happened.
    if (toText && typeof to?.at === 'number' && entry.at !== undefined && Math.abs(entry.at - to.at) >= 60_000) {
      toText += ` at ${clockText(to.at, ctx.timeZone)}`;
    }
    if (toText && typeof to?.driverName === 'string') {
      toText += ` (driver ${to.driverName}${typeof to.driverPhone === 'string' ? `, ${formatPhone(to.driverPhone)}` : ''})`;
    }
    return { what: 'Status', from: statusWord(from?.status), to: toText };
  }
  if (entry.action === 'status_undone') {
    const undone = statusWord(from?.status);
    const when = typeof from?.at === 'number' ? ` (recorded ${clockText(from.at, ctx.timeZone)})` : '';
    return { what: 'Step undone', from: undone ? `${undone}${when}` : null, to: statusWord(to?.status) };
  }
  if (entry.action === 'checklist') {
    const item = Object.keys(to ?? from ?? {})[0] as ChecklistItem | undefined;
    const state = (v: Record<string, unknown> | null): string | null => {
      const e = item ? (v?.[item] as { done?: boolean; override?: string | null } | undefined) : undefined;
      if (!e) return v === null ? 'not checked' : null;
      if (e.override) return `overridden (${e.override})`;
      return e.done ? 'ticked' : 'not checked';
    };
    return { what: item ? checklistLabel(item) : 'Checklist', from: state(from), to: state(to) };
  }
  if (entry.action === 'booked') {
    return { what: 'Booked', from: null, to: placeText(to, ctx) };
  }
  // Moves, reschedules and anything a later feature records: the placement if it has one,
  // otherwise the changed fields as they are.
  const what = entry.action.charAt(0).toUpperCase() + entry.action.slice(1).replace(/_/g, ' ');
  return { what, from: placeText(from, ctx) ?? fieldsText(from), to: placeText(to, ctx) ?? fieldsText(to) };
}

function statusWord(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return STATUS_LABEL[v as SessionStatus] ?? v;
}

function placeText(v: Record<string, unknown> | null, ctx: { timeZone: string; suiteName: (id: string) => string }): string | null {
  if (!v || typeof v.startsAt !== 'number') return null;
  const day = keptDateTimeFormat('en-US', { timeZone: ctx.timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(v.startsAt);
  const time = typeof v.endsAt === 'number' ? fmt(ctx.timeZone, false).formatRange(v.startsAt, v.endsAt) : clockText(v.startsAt, ctx.timeZone);
  const suite = typeof v.suiteId === 'string' ? `, ${ctx.suiteName(v.suiteId)}` : '';
  return `${day} ${time}${suite}`;
}

function fieldsText(v: Record<string, unknown> | null): string | null {
  if (!v) return null;
  const parts = Object.entries(v).map(([k, val]) => `${k}: ${typeof val === 'object' ? JSON.stringify(val) : String(val)}`);
  return parts.length ? parts.join(', ') : null;
}
