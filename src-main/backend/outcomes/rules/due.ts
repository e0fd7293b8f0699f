/**
 * What a patient owes now for one series: missing before/after-infusion scores and follow-ups.
 * Pass the series' sessions and the scores of that series. Pure.
 */
import type { OutcomesConfig } from './config';
import { currentScores } from './current-scores';
import { DAY_MS, localDate, shortDate, shortDateTime } from './dates';
import type { OutcomeScore, OutcomeSession } from './types';

export type DueKind = 'before_infusion' | 'after_infusion' | 'follow_up';
export type DueStatus = 'due' | 'overdue';

export interface DueItem {
  patientId: string;
  kind: DueKind;
  instrument: string;
  status: DueStatus;
  sessionId: string | null;
  sessionSeq: number | null;
  /** Follow-up key from the config (followup_1m) and its label ("1 month"). */
  followUp: string | null;
  followUpLabel: string | null;
  /** When it is due (epoch ms). */
  dueAt: number;
  /** When it became overdue, if it is. */
  overdueSince: number | null;
  message: string;
}

const INACTIVE = new Set(['cancelled', 'no_show']);
const STARTED = new Set(['iv_placed', 'infusing', 'recovery', 'discharged']);

function has(scores: OutcomeScore[], instrument: string, timePoint: string, sessionId: string | null, followUp?: string): boolean {
  return scores.some(
    (s) => s.instrument === instrument && s.timePoint === timePoint && (followUp !== undefined ? s.followUp === followUp : s.sessionId === sessionId),
  );
}

/** Follow-up dates: offset from the end of the series' last session (its discharge if known). */
export function followUpSchedule(sessions: readonly OutcomeSession[], cfg: OutcomesConfig) {
  const active = sessions.filter((s) => !INACTIVE.has(s.status)).sort((a, b) => a.seq - b.seq);
  const last = active.at(-1);
  if (!last || last.status !== 'discharged') return [];
  const end = last.statusTimes['discharged'] ?? last.endsAt;
  return cfg.followUps.map((f) => ({ ...f, dueAt: end + f.offsetDays * DAY_MS, overdueAt: end + (f.offsetDays + f.toleranceDays) * DAY_MS }));
}

export function dueList(
  patientId: string,
  sessions: readonly OutcomeSession[],
  rows: readonly OutcomeScore[],
  cfg: OutcomesConfig,
  now: number,
): DueItem[] {
  const tz = cfg.timeZone;
  const scores = currentScores(rows);
  const out: DueItem[] = [];
  const base = { patientId, followUp: null, followUpLabel: null, overdueSince: null } as const;
  for (const s of [...sessions].sort((a, b) => a.seq - b.seq)) {
    if (INACTIVE.has(s.status)) continue;
    // Before infusion: due from the session's clinic-local day, overdue once the IV is placed.
    const pre = cfg.due.beforeInfusion.instrument;
    if (!has(scores, pre, 'pre_session', s.id)) {
      const ivAt = s.statusTimes['iv_placed'] ?? (STARTED.has(s.status) ? s.startsAt : undefined);
      const L = pre.toUpperCase();
      if (ivAt !== undefined && ivAt <= now)
        out.push({ ...base, kind: 'before_infusion', instrument: pre, status: 'overdue', sessionId: s.id, sessionSeq: s.seq, dueAt: ivAt, overdueSince: ivAt,
          message: `before-infusion ${L} for session ${s.seq} not taken before IV placement (${shortDateTime(ivAt, tz, now)})` });
      else if (localDate(now, tz) >= localDate(s.startsAt, tz) && !STARTED.has(s.status))
        out.push({ ...base, kind: 'before_infusion', instrument: pre, status: 'due', sessionId: s.id, sessionSeq: s.seq, dueAt: s.startsAt,
          message: `before-infusion ${L} for session ${s.seq} due before IV placement (${shortDateTime(s.startsAt, tz, now)})` });
    }
    // After infusion: due by discharge.
    const post = cfg.due.afterInfusion.instrument;
    if (!has(scores, post, 'post_session', s.id)) {
      const L = post.toUpperCase();
      const dis = s.statusTimes['discharged'];
      if (s.status === 'discharged') {
        const at = dis ?? s.endsAt;
        out.push({ ...base, kind: 'after_infusion', instrument: post, status: 'overdue', sessionId: s.id, sessionSeq: s.seq, dueAt: at, overdueSince: at,
          message: `after-infusion ${L} for session ${s.seq} not taken by discharge (${shortDateTime(at, tz, now)})` });
      } else if (STARTED.has(s.status))
        out.push({ ...base, kind: 'after_infusion', instrument: post, status: 'due', sessionId: s.id, sessionSeq: s.seq, dueAt: s.endsAt,
          message: `after-infusion ${L} for session ${s.seq} due by discharge` });
    }
  }
  const fuInst = cfg.due.followUp.instrument;
  for (const f of followUpSchedule(sessions, cfg)) {
    if (now < f.dueAt || has(scores, fuInst, 'follow_up', null, f.key)) continue;
    const overdue = now >= f.overdueAt;
    out.push({ ...base, kind: 'follow_up', instrument: fuInst, status: overdue ? 'overdue' : 'due', sessionId: null, sessionSeq: null, followUp: f.key, followUpLabel: f.label,
      dueAt: f.dueAt, overdueSince: overdue ? f.overdueAt : null,
      message: `${f.label} follow-up due ${shortDate(f.dueAt, tz, now)}${overdue ? `, overdue since ${shortDate(f.overdueAt, tz, now)}` : ''}` });
  }
  // Past this, a score can no longer be taken for its time point: off the work list (it still
  // counts as missing in data completeness).
  const cutoff = now - cfg.due.listForDays * DAY_MS;
  return out.filter((d) => (d.overdueSince ?? d.dueAt) >= cutoff);
}
