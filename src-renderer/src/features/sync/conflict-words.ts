/**
 * The words of the Conflicts screen: what kind of conflict, when, each side's times and who
 * made it, how a closed one ended. Times are the clinic's (its zone), never the viewer's.
 * Pure: no React, no API.
 */
import type { SyncConflict } from '../../../../src-shared/api/methods/sync';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { shortClinicTime } from './sync-words';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

export type ConflictSide = SyncConflict['sides'][number];

/** A heading per kind, in front-desk words. */
export const KIND_TITLE: Record<SyncConflict['kind'], string> = {
  suite: 'One suite, two bookings at once',
  patient: 'One patient, two bookings at once',
  supervisor: 'A nurse supervising more than allowed',
  closure: 'Booked while the clinic is closed',
  authorization: 'More sessions than the authorization approves',
  duplicate_patient: 'Two records that may be one patient',
};

/** What to do, in one sentence under the heading. */
export const KIND_HINT: Record<SyncConflict['kind'], string> = {
  suite: 'Keep one booking: cancel the other, or open the calendar and move it to another suite or time.',
  patient: 'Keep one booking: cancel the other, or open the calendar and move it.',
  supervisor: 'Move one session to another time or nurse in the calendar, or cancel one.',
  closure: 'Move the session to a day the clinic is open, or cancel it.',
  authorization: 'Cancel a session, or update the authorization; if it is already approved, mark this as needing no change.',
  duplicate_patient: 'Open both records. If they are different people, say so; if they are one person, merge or correct the records.',
};

const SESSION_STATUS: Record<string, string> = {
  scheduled: 'Scheduled',
  arrived: 'Arrived',
  iv_placed: 'IV placed',
  infusing: 'Infusing',
  recovery: 'In recovery',
  discharged: 'Discharged',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

export function isSessionConflict(kind: SyncConflict['kind']): boolean {
  return kind !== 'duplicate_patient';
}

/** A session's status in words; anything else (a patient's "Born …" line) as given. */
export function sideDetail(side: ConflictSide): string {
  if (side.sessionId) return SESSION_STATUS[side.detail] ?? side.detail;
  return side.detail;
}

/** The side can still be cancelled from here. */
export function canCancel(side: ConflictSide): boolean {
  return side.sessionId !== null && (side.detail === 'scheduled' || side.detail === 'arrived');
}

function fmt(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return keptDateTimeFormat('en-US', { timeZone: zone, ...options });
}

/** "Monday, June 7, 2027 at 8:00 AM" in the clinic's zone. */
export function conflictWhen(startsAt: number, zone: string): string {
  const day = fmt(zone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(startsAt);
  const time = fmt(zone, { hour: 'numeric', minute: '2-digit' }).format(startsAt);
  return `${day} at ${time}`;
}

/** "Mon, Jun 7 · 8:00 AM – 1:30 PM" (or across days, both dates). */
export function sessionTimes(startsAt: number, endsAt: number, zone: string): string {
  const day = fmt(zone, { weekday: 'short', month: 'short', day: 'numeric' });
  const time = fmt(zone, { hour: 'numeric', minute: '2-digit' });
  const sameDay = clinicDate(startsAt, zone) === clinicDate(endsAt, zone);
  return sameDay
    ? `${day.format(startsAt)} · ${time.format(startsAt)} – ${time.format(endsAt)}`
    : `${day.format(startsAt)}, ${time.format(startsAt)} – ${day.format(endsAt)}, ${time.format(endsAt)}`;
}

/** The clinic's calendar day of an instant, "2027-06-07" (what the Schedule screen takes). */
export function clinicDate(instant: number, zone: string): string {
  return localDateAt(zone, instant);
}

/**
 * "Booked by Carla Diaz on Front desk PC · Dec 6, 4:10 PM"; for a patient record, "Record made
 * on Nurse laptop · Dec 6, 4:10 PM".
 */
export function madeLine(side: ConflictSide, zone: string, now: number): string {
  const verb = side.sessionId ? 'Booked' : 'Record made';
  const who = [side.madeBy ? `by ${side.madeBy}` : null, side.madeOn ? `on ${side.madeOn}` : null].filter(Boolean).join(' ');
  const when = side.madeAt !== null ? shortClinicTime(side.madeAt, zone, now) : null;
  if (who && when) return `${verb} ${who} · ${when}`;
  if (who) return `${verb} ${who}`;
  if (when) return `${verb} ${when}`;
  return side.sessionId ? 'Who booked it is not known' : 'When it was made is not known';
}

/** How a closed conflict ended: "Resolved — A session involved was cancelled." */
export function closedHeadline(c: Pick<SyncConflict, 'status' | 'resolution'>): string {
  if (c.status === 'dismissed') return c.resolution ? `Marked as needing no change — “${c.resolution}”` : 'Marked as needing no change';
  return c.resolution ? `Resolved — ${c.resolution}` : 'Resolved';
}

/** "by Carla Diaz · Dec 7, 10:45 AM" (either part may be missing). */
export function closedBy(c: Pick<SyncConflict, 'resolvedBy' | 'resolvedAt'>, zone: string, now: number): string | null {
  const when = c.resolvedAt !== null ? shortClinicTime(c.resolvedAt, zone, now) : null;
  if (c.resolvedBy && when) return `by ${c.resolvedBy} · ${when}`;
  if (c.resolvedBy) return `by ${c.resolvedBy}`;
  return when;
}

/** The patient's name from a side's title ("Ana Ramirez · Suite 1" → "Ana Ramirez"). */
export function sideName(side: Pick<ConflictSide, 'title'>): string {
  return side.title.split(' · ')[0] || side.title;
}
