/**
 * The waiting list's words: what holds one patient's series back, from the request's status and
 * facts (and, for no request yet or a draft, the readiness check's first missing items). Pure:
 * the backend gives the row, today's clinic date and zone.
 */
import type { WaitingBlocker } from '../../api/schemas/authorization-readiness';
import { formatCalendarDate } from '../dates';
import { localDateAt } from '../zoned-time';
import { daysBetween, dueWords } from './deadlines';

/** Statuses of a request still open for the patient's series: the latest one says what holds it back. */
export const OPEN_REQUEST_STATUSES = [
  'draft',
  'ready',
  'submitted',
  'pending',
  'needs_review',
  'denied',
  'p2p_requested',
  'p2p_scheduled',
  'p2p_done',
  'appealed',
  'external_review',
  'partially_approved',
] as const;

export function blockerOf(status: string | null): WaitingBlocker {
  switch (status) {
    case null:
      return 'no_request';
    case 'draft':
      return 'not_ready';
    case 'ready':
      return 'to_send';
    case 'submitted':
    case 'pending':
      return 'waiting_payer';
    case 'needs_review':
      return 'needs_review';
    case 'partially_approved':
      return 'partly_approved';
    default:
      return 'denied';
  }
}

export const BLOCKER_LABELS: Readonly<Record<WaitingBlocker, string>> = {
  no_request: 'No request yet',
  not_ready: 'Request not ready',
  to_send: 'Ready to send',
  waiting_payer: 'Waiting on the payer',
  needs_review: 'Payer reply to review',
  denied: 'Denied',
  partly_approved: 'Partly approved',
};

export interface WaitingFacts {
  status: string | null;
  payerName: string | null;
  authNumber: string | null;
  submissionRoute: string | null;
  submittedAt: number | null;
  decisionDueAt: number | null;
  denialDate: string | null;
  denialReason: string | null;
  p2pScheduledAt: number | null;
  appealFiledDate: string | null;
  approvedSessions: number | null;
  requestedSessions: number | null;
  /** Readiness (no request yet, or a draft): whether all is met, and the first missing items' words. */
  ready: boolean | null;
  missing: readonly string[];
  missingCount: number;
}

const missingWords = (f: WaitingFacts) => `${f.missing.join('; ')}${f.missingCount > f.missing.length ? ` and ${f.missingCount - f.missing.length} more` : ''}`;

/** The sentence the waiting list shows for one patient. */
export function waitingText(f: WaitingFacts, today: string, timeZone: string): string {
  const payer = f.payerName ?? 'the payer';
  const day = (instant: number) => formatCalendarDate(localDateAt(timeZone, instant));
  const denied = f.denialDate ? `Denied ${formatCalendarDate(f.denialDate)}${f.denialReason ? ` (${f.denialReason})` : ''}` : 'Denied';
  switch (f.status) {
    case null:
      return f.ready
        ? `No request yet: the chart holds what ${payer} asks for. Start a request from the chart.`
        : `No request yet. The chart still lacks for ${payer}: ${missingWords(f)}`;
    case 'draft':
      return f.ready ? 'Draft request: everything the payer asks for is there. Mark it ready to send.' : `Request not ready: ${missingWords(f)}`;
    case 'ready':
      return `Not sent yet: send it to ${payer}${f.submissionRoute ? ` by ${f.submissionRoute}` : ''}, then mark it sent`;
    case 'submitted':
    case 'pending': {
      const what = f.status === 'pending' ? `${payer} asked for more information` : `Sent to ${payer}${f.submittedAt !== null ? ` ${day(f.submittedAt)}` : ''}`;
      if (f.decisionDueAt === null) return `${what}: waiting for the decision`;
      const due = localDateAt(timeZone, f.decisionDueAt);
      return `${what}: decision expected by ${formatCalendarDate(due)}, ${dueWords(daysBetween(today, due))}`;
    }
    case 'needs_review':
      return `${payer}’s reply needs review: record what the payer decided`;
    case 'denied':
      return `${denied}: ask for a peer-to-peer call or appeal`;
    case 'p2p_requested':
      return `${denied}: peer-to-peer asked for, call not booked yet`;
    case 'p2p_scheduled':
      return `${denied}: peer-to-peer call booked for ${f.p2pScheduledAt !== null ? day(f.p2pScheduledAt) : 'a date not recorded'}`;
    case 'p2p_done':
      return `${denied}: peer-to-peer held, waiting for ${payer}’s decision`;
    case 'appealed':
      return `${denied}: appeal filed${f.appealFiledDate ? ` ${formatCalendarDate(f.appealFiledDate)}` : ''}, waiting for ${payer}’s decision`;
    case 'external_review':
      return `${denied}: in external review`;
    case 'partially_approved':
      return `Partly approved${f.authNumber ? ` (${f.authNumber})` : ''}: ${f.approvedSessions ?? '?'} of ${f.requestedSessions ?? '?'} sessions asked for`;
    default:
      return f.status;
  }
}
