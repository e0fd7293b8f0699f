/**
 * The prior authorization status lifecycle as a pure table: which step may follow which, and
 * the facts each step needs before it can be recorded. The backend (lifecycle.ts) applies it;
 * screens read it to offer only the steps that are allowed.
 *
 * draft → ready → submitted → pending (more information asked for) → approved / partially
 * approved / denied → peer-to-peer requested / scheduled / done → appealed → external review →
 * closed / expired. Cancelled from any open state. needs_review is where an imported payer
 * response lands when it cannot be read as a decision: only a person's decision leaves it.
 */
import type { AuthStatus } from '../../api/schemas/series';

/** The statuses in the desk's words, for messages the backend writes (the screens' labels say the same). */
export const AUTH_STATUS_WORDS: Readonly<Record<AuthStatus, string>> = {
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

/** Statuses nothing follows (a new request is a new authorization). */
export const FINAL_AUTH_STATUSES: readonly AuthStatus[] = ['closed', 'expired', 'cancelled'];
/** The payer has decided and the clinic may answer it: what a denial or partial approval opens. */
const DECISIONS: AuthStatus[] = ['approved', 'partially_approved', 'denied'];
/** Open: work is still going on, so the request may be cancelled. Approvals end by closing or expiring instead. */
const CANCELLABLE: AuthStatus[] = ['draft', 'ready', 'submitted', 'pending', 'needs_review', 'p2p_requested', 'p2p_scheduled', 'p2p_done', 'appealed', 'external_review'];

export const AUTH_TRANSITIONS: Readonly<Record<AuthStatus, readonly AuthStatus[]>> = {
  draft: ['ready', 'submitted'],
  ready: ['draft', 'submitted'],
  submitted: ['pending', ...DECISIONS, 'needs_review'],
  // More information asked for: sent back (submitted again) or decided.
  pending: ['submitted', ...DECISIONS, 'needs_review'],
  approved: ['closed', 'expired'],
  // A partial approval is a partial denial: it may be taken to peer-to-peer or appeal.
  partially_approved: ['approved', 'p2p_requested', 'appealed', 'closed', 'expired'],
  denied: ['p2p_requested', 'appealed', 'external_review', 'closed'],
  p2p_requested: ['p2p_scheduled', ...DECISIONS, 'appealed'],
  p2p_scheduled: ['p2p_done', 'p2p_requested', ...DECISIONS, 'appealed'],
  p2p_done: [...DECISIONS, 'appealed', 'closed'],
  // An appeal upheld (denied again) is the final internal denial; external review follows it.
  appealed: [...DECISIONS, 'external_review', 'needs_review', 'closed'],
  external_review: ['approved', 'partially_approved', 'denied', 'closed'],
  closed: [],
  expired: [],
  cancelled: [],
  // An imported response nobody could read as a decision: a person decides what it was.
  needs_review: ['pending', ...DECISIONS],
};

for (const from of CANCELLABLE) (AUTH_TRANSITIONS[from] as AuthStatus[]).push('cancelled');

/** Who records a step: a person, or an import of the payer's response (which may never leave needs_review). */
export type StepSource = 'person' | 'import';

export function allowedNextStatuses(from: AuthStatus): readonly AuthStatus[] {
  return AUTH_TRANSITIONS[from];
}

/** Why a step is not allowed, in the desk's words; null when it is. */
export function transitionRefusal(from: AuthStatus, to: AuthStatus, source: StepSource = 'person'): string | null {
  const words = AUTH_STATUS_WORDS;
  if (from === to) return `The authorization is already ${words[to].toLowerCase()}.`;
  if (from === 'needs_review' && source !== 'person') {
    return 'This authorization needs review: only a person can record what the payer decided. An imported response cannot change it.';
  }
  if (AUTH_TRANSITIONS[from].includes(to)) return null;
  if (FINAL_AUTH_STATUSES.includes(from)) return `The authorization is ${words[from].toLowerCase()}: nothing follows it. Start a new request instead.`;
  const next = AUTH_TRANSITIONS[from].map((s) => words[s].toLowerCase());
  return `An authorization that is ${words[from].toLowerCase()} cannot become ${words[to].toLowerCase()}. From here it can become: ${next.join(', ')}.`;
}

/** The fields a step reads, as they will be after the step (the row with the step's patch applied). */
export interface StepFacts {
  submissionRoute: string | null;
  submittedAt: number | null;
  authNumber: string | null;
  approvedSessions: number | null;
  startDate: string | null;
  endDate: string | null;
  requestedSessions: number | null;
  requestedStartDate: string | null;
  requestedEndDate: string | null;
  denialDate: string | null;
  denialReason: string | null;
  p2pScheduledAt: number | null;
  appealFiledDate: string | null;
  finalDenialDate: string | null;
}

export interface StepIssue {
  field: keyof StepFacts;
  message: string;
}

const FIELD_WORDS: Record<keyof StepFacts, string> = {
  submissionRoute: 'the route it was sent by (portal, fax, electronic, phone or mail)',
  submittedAt: 'the date it was submitted',
  authNumber: 'the authorization number',
  approvedSessions: 'the number of approved sessions',
  startDate: 'the first day covered',
  endDate: 'the last day covered',
  requestedSessions: 'the sessions asked for',
  requestedStartDate: 'the first day asked for',
  requestedEndDate: 'the last day asked for',
  denialDate: 'the denial date',
  denialReason: 'the denial reason',
  p2pScheduledAt: 'when the peer-to-peer call is',
  appealFiledDate: 'the date the appeal was filed',
  finalDenialDate: 'the date of the final internal denial',
};

/** What each step needs recorded (DOMAIN.md, prior authorization). */
export const STEP_REQUIREMENTS: Partial<Record<AuthStatus, readonly (keyof StepFacts)[]>> = {
  submitted: ['submissionRoute', 'submittedAt'],
  approved: ['authNumber', 'approvedSessions', 'startDate', 'endDate'],
  partially_approved: ['authNumber', 'approvedSessions', 'startDate', 'endDate'],
  denied: ['denialDate', 'denialReason'],
  p2p_scheduled: ['p2pScheduledAt'],
  appealed: ['appealFiledDate'],
  external_review: ['finalDenialDate'],
};

const STEP_NAMES: Partial<Record<AuthStatus, string>> = {
  submitted: 'A submitted request',
  approved: 'An approval',
  partially_approved: 'A partial approval',
  denied: 'A denial',
  p2p_scheduled: 'A scheduled peer-to-peer call',
  appealed: 'An appeal',
  external_review: 'An external review',
};

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

const listWords = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

const mmddyyyy = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

/**
 * Every problem with recording `to` on these facts: the missing fields (one message naming them
 * all, repeated per field so each input can show it), then the cross-field rules.
 */
export function stepIssues(to: AuthStatus, f: StepFacts): StepIssue[] {
  const needed = STEP_REQUIREMENTS[to] ?? [];
  const missing = needed.filter((k) => blank(f[k]));
  if (missing.length) {
    const message = `${STEP_NAMES[to] ?? 'This step'} needs ${listWords(missing.map((k) => FIELD_WORDS[k]))}.`;
    return missing.map((field) => ({ field, message }));
  }
  const issues: StepIssue[] = [];
  if ((to === 'approved' || to === 'partially_approved') && f.startDate && f.endDate && f.endDate < f.startDate) {
    issues.push({ field: 'endDate', message: `The last day covered (${mmddyyyy(f.endDate)}) is before the first day covered (${mmddyyyy(f.startDate)}).` });
  }
  if (to === 'partially_approved' && !issues.length) {
    const asked = f.requestedSessions !== null || f.requestedStartDate !== null || f.requestedEndDate !== null;
    if (!asked) {
      issues.push({
        field: 'requestedSessions',
        message: 'A partial approval is measured against what was asked for: record the sessions or dates asked for first.',
      });
    } else {
      const fewer = f.requestedSessions !== null && (f.approvedSessions ?? 0) < f.requestedSessions;
      const later = f.requestedStartDate !== null && f.startDate! > f.requestedStartDate;
      const sooner = f.requestedEndDate !== null && f.endDate! < f.requestedEndDate;
      if (!fewer && !later && !sooner) {
        issues.push({
          field: 'approvedSessions',
          message: 'A partial approval gives fewer sessions or shorter dates than asked for; this one gives everything asked for, so record it as approved.',
        });
      }
    }
  }
  return issues;
}
