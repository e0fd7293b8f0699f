/**
 * The session status flow and the pre-IV checklist gate. Pure and shared: the backend
 * judges with it, the Today screen disables what it would refuse.
 */
export const SESSION_STATUSES = ['scheduled', 'arrived', 'iv_placed', 'infusing', 'recovery', 'discharged', 'no_show', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const CHECKLIST_ITEMS = ['fasting', 'driver', 'authorization', 'consent'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];
export type Checklist = Record<string, { done: boolean; by: string; at: number; override?: string | null }>;

const NEXT: Record<SessionStatus, SessionStatus[]> = {
  scheduled: ['arrived', 'no_show', 'cancelled'],
  arrived: ['iv_placed', 'no_show', 'cancelled'],
  iv_placed: ['infusing'],
  infusing: ['recovery'],
  recovery: ['discharged'],
  discharged: [],
  no_show: [],
  cancelled: [],
};

export const STATUS_WORDS: Record<SessionStatus, string> = {
  scheduled: 'scheduled',
  arrived: 'arrived',
  iv_placed: 'IV placed',
  infusing: 'infusing',
  recovery: 'in recovery',
  discharged: 'discharged',
  no_show: 'no-show',
  cancelled: 'cancelled',
};

export const ITEM_WORDS: Record<ChecklistItem, string> = {
  fasting: 'fasting confirmed',
  driver: 'driver confirmed',
  authorization: 'authorization valid',
  consent: 'consent on file',
};

/** Checklist items neither ticked nor overridden with a reason. */
export function missingChecklist(checklist: Checklist): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((i) => !(checklist[i]?.done || checklist[i]?.override));
}

/** null when the move is allowed; otherwise a plain sentence why not. */
export function statusChangeProblem(from: string, to: SessionStatus, checklist: Checklist): string | null {
  const allowed = NEXT[from as SessionStatus] ?? [];
  if (!allowed.includes(to)) {
    const f = STATUS_WORDS[from as SessionStatus] ?? from;
    if (!allowed.length) return `This session is ${f}; its status can no longer change.`;
    return `A session that is ${f} can go next to ${allowed.map((s) => STATUS_WORDS[s]).join(' or ')}, not ${STATUS_WORDS[to]}.`;
  }
  if (to === 'iv_placed') {
    const missing = missingChecklist(checklist);
    if (missing.length) return `The IV cannot be placed until the checklist is complete: ${missing.map((i) => ITEM_WORDS[i]).join(', ')} (or overridden with a reason).`;
  }
  return null;
}
