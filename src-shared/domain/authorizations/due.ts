/**
 * What an authorization has due: the payer's decision, the peer-to-peer window, the appeal and
 * the external review request, and the expiry warning (an approval ending soon while sessions
 * are booked after it). Pure: the caller gives the row, today's clinic date and zone, and the
 * sessions booked past the end; each item carries its words for the work list and the chart.
 */
import { formatCalendarDate } from '../dates';
import { localDateAt } from '../zoned-time';
import { daysBetween, dueWords } from './deadlines';

export const DUE_KINDS = ['decision', 'p2p', 'appeal', 'external_review', 'expiry'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export interface DueFacts {
  status: string;
  authNumber: string | null;
  payerName: string | null;
  submittedAt: number | null;
  decisionDueAt: number | null;
  denialDate: string | null;
  p2pDueDate: string | null;
  p2pScheduledAt: number | null;
  appealDueDate: string | null;
  appealFiledDate: string | null;
  finalDenialDate: string | null;
  externalReviewDueDate: string | null;
  endDate: string | null;
  /** Clinic-local dates of sessions booked (not given, cancelled or no-show) after the end date, soonest first. */
  bookedAfterEnd: readonly string[];
  /** Days before the end date the expiry warnings start, e.g. [14, 7]. */
  expiryWarningDays: readonly number[];
}

export interface DueItem {
  kind: DueKind;
  /** Clinic-local date it is due (the decision's instant's date for the payer's decision). */
  dueDate: string;
  /** The exact instant where there is one (the expected decision). */
  dueAt: number | null;
  /** Whole days from today to the due date; negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  /** For expiry: the warning reached (14, then 7 days before the end, by default); null otherwise. */
  warningDays: number | null;
  sessionsBookedAfter: number;
  /** The item in words, e.g. "Appeal due 05/09/2027 (denied 11/10/2026): due in 12 days". */
  text: string;
}

const AWAITING_DECISION = new Set(['submitted', 'pending']);
/** After a denial (or a partial one), before an appeal is filed: the peer-to-peer and appeal clocks run. */
const AFTER_DENIAL = new Set(['denied', 'partially_approved', 'p2p_requested', 'p2p_scheduled', 'p2p_done']);
const APPROVED = new Set(['approved', 'partially_approved']);

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function dueItems(a: DueFacts, today: string, timeZone: string): DueItem[] {
  const items: DueItem[] = [];
  const add = (kind: DueKind, dueDate: string, what: string, extra: Partial<DueItem> = {}) => {
    const daysLeft = daysBetween(today, dueDate);
    items.push({
      kind,
      dueDate,
      dueAt: null,
      daysLeft,
      overdue: daysLeft < 0,
      warningDays: null,
      sessionsBookedAfter: 0,
      text: `${what}: ${dueWords(daysLeft)}`,
      ...extra,
    });
  };
  const payer = a.payerName ?? 'the payer';
  const denied = a.denialDate ? ` (denied ${formatCalendarDate(a.denialDate)})` : '';

  if (AWAITING_DECISION.has(a.status) && a.decisionDueAt !== null) {
    const date = localDateAt(timeZone, a.decisionDueAt);
    const sent = a.submittedAt !== null ? ` (sent ${formatCalendarDate(localDateAt(timeZone, a.submittedAt))})` : '';
    add('decision', date, `Decision expected from ${payer} by ${formatCalendarDate(date)}${sent}`, { dueAt: a.decisionDueAt });
  }
  // The peer-to-peer window matters until the call is booked.
  if ((a.status === 'denied' || a.status === 'partially_approved' || a.status === 'p2p_requested') && a.p2pDueDate && a.p2pScheduledAt === null) {
    add('p2p', a.p2pDueDate, `Peer-to-peer window with ${payer} closes ${formatCalendarDate(a.p2pDueDate)}${denied}`);
  }
  if (AFTER_DENIAL.has(a.status) && a.appealDueDate && !a.appealFiledDate && !a.finalDenialDate) {
    add('appeal', a.appealDueDate, `Appeal to ${payer} due ${formatCalendarDate(a.appealDueDate)}${denied}`);
  }
  if (a.status === 'denied' && a.finalDenialDate && a.externalReviewDueDate) {
    add(
      'external_review',
      a.externalReviewDueDate,
      `External review request due ${formatCalendarDate(a.externalReviewDueDate)} (final denial ${formatCalendarDate(a.finalDenialDate)})`,
    );
  }
  if (APPROVED.has(a.status) && a.endDate && a.bookedAfterEnd.length) {
    const left = daysBetween(today, a.endDate);
    const reached = [...a.expiryWarningDays].sort((x, y) => x - y).find((d) => left <= d);
    // Already ended with sessions still booked after it: overdue, under the closest warning.
    if (reached !== undefined) {
      const name = a.authNumber ? `Authorization ${a.authNumber}` : 'The authorization';
      const n = a.bookedAfterEnd.length;
      const ends =
        left < 0 ? `ended ${plural(-left, 'day')} ago` : left === 0 ? 'ends today' : left === 1 ? 'ends tomorrow' : `ends in ${left} days`;
      items.push({
        kind: 'expiry',
        dueDate: a.endDate,
        dueAt: null,
        daysLeft: left,
        overdue: left < 0,
        warningDays: reached,
        sessionsBookedAfter: n,
        text:
          `${name} ${ends} (${formatCalendarDate(a.endDate)}) with ${plural(n, 'session')} booked after it ` +
          `(first ${formatCalendarDate(a.bookedAfterEnd[0]!)}): request a renewal or move ${n === 1 ? 'it' : 'them'}`,
      });
    }
  }
  return items;
}
