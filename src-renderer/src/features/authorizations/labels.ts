/** How an authorization reads at a glance: its status in words, and what is left of it. */
import { AUTH_STATUSES, type Authorization } from '../../../../src-shared/api/schemas/series';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import type { Option } from '../../components/Field';

type Status = (typeof AUTH_STATUSES)[number];

// A Record over the contract's statuses, so a new status cannot be left out here.
export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft (not sent)',
  ready: 'Ready to send',
  submitted: 'Sent to payer',
  pending: 'Pending decision',
  approved: 'Approved',
  partially_approved: 'Partly approved',
  denied: 'Denied',
  p2p_requested: 'Peer-to-peer asked for',
  p2p_scheduled: 'Peer-to-peer booked',
  p2p_done: 'Peer-to-peer held',
  appealed: 'Appealed',
  external_review: 'External review',
  closed: 'Closed',
  expired: 'Expired',
  cancelled: 'Cancelled',
  needs_review: 'Payer reply needs review',
};
export const STATUS_OPTIONS: Option[] = AUTH_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

const STATUS_BADGE: Record<Status, string> = {
  draft: 'badge-neutral',
  ready: 'badge-info',
  submitted: 'badge-info',
  pending: 'badge-warning',
  approved: 'badge-success',
  partially_approved: 'badge-success',
  denied: 'badge-danger',
  p2p_requested: 'badge-warning',
  p2p_scheduled: 'badge-warning',
  p2p_done: 'badge-warning',
  appealed: 'badge-warning',
  external_review: 'badge-warning',
  closed: 'badge-neutral',
  expired: 'badge-neutral',
  cancelled: 'badge-neutral',
  needs_review: 'badge-danger',
};
export const statusBadge = (s: Status) => `badge ${STATUS_BADGE[s]}`;

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "12/01/2026 – 12/31/2026", "from 12/01/2026", or null when no dates are recorded. */
export function coversText(a: Pick<Authorization, 'startDate' | 'endDate'>): string | null {
  if (a.startDate && a.endDate) return `${formatCalendarDate(a.startDate)} – ${formatCalendarDate(a.endDate)}`;
  if (a.startDate) return `from ${formatCalendarDate(a.startDate)}`;
  if (a.endDate) return `until ${formatCalendarDate(a.endDate)}`;
  return null;
}

export type Tone = 'ok' | 'warning' | 'danger' | 'neutral';

/**
 * Where an approval stands on the clinic's today: not started, running (how long left),
 * ended. `soonDays`: fewer days left than this reads as a warning.
 */
export function timingNote(a: Pick<Authorization, 'status' | 'startDate' | 'endDate'>, today: string, soonDays = 14): { text: string; tone: Tone } | null {
  if (a.status !== 'approved' || !a.endDate) return null;
  const left = daysBetween(today, a.endDate);
  if (left < 0) return { text: `Ended ${plural(-left, 'day')} ago`, tone: 'danger' };
  if (a.startDate && daysBetween(today, a.startDate) > 0) return { text: `Starts in ${plural(daysBetween(today, a.startDate), 'day')}`, tone: 'neutral' };
  if (left === 0) return { text: 'Last day today', tone: 'warning' };
  return { text: `${plural(left, 'day')} left`, tone: left < soonDays ? 'warning' : 'ok' };
}

/**
 * Approved, used (given: the patient was discharged), booked (not given yet) and left for new
 * bookings; `left` is negative when more are given or booked than approved.
 */
export function sessionCounts(
  a: Pick<Authorization, 'approvedSessions' | 'sessionsUsed' | 'sessionsBooked'>,
): { approved: number; used: number; booked: number; left: number } | null {
  if (a.approvedSessions === null) return null;
  return { approved: a.approvedSessions, used: a.sessionsUsed, booked: a.sessionsBooked, left: a.approvedSessions - a.sessionsUsed - a.sessionsBooked };
}
