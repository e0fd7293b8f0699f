/**
 * When a before- or after-infusion score may be dated, from the times the session's steps were
 * RECORDED on the day (not the planned times): an after-infusion score comes once the infusion
 * has ended (the "recovery" step), a before-infusion score before the infusion began. A session
 * walked earlier than planned therefore takes its scores at the times it really happened.
 * Only a session with no step recorded at all (history entered afterwards) falls back to its
 * planned start. Minutes are compared, as a person types a time without seconds.
 */
import type { OutcomeSession } from './types';

const MINUTE = 60_000;
const minuteOf = (ms: number) => Math.floor(ms / MINUTE);
const NOT_ENDED = new Set(['arrived', 'iv_placed', 'infusing']);

/** null when the score may be dated so; otherwise the refusal in plain words. */
export function sessionScoreTimeProblem(
  timePoint: 'pre_session' | 'post_session',
  observedAt: number,
  session: Pick<OutcomeSession, 'seq' | 'startsAt' | 'status' | 'statusTimes'>,
  dayTime: (ms: number) => string,
): string | null {
  const t = session.statusTimes;
  if (timePoint === 'post_session') {
    const ended = t['recovery'] ?? t['discharged'];
    if (ended !== undefined) {
      if (minuteOf(observedAt) < minuteOf(ended)) {
        return `An after-infusion score is taken once the infusion has ended: session ${session.seq}'s infusion ended at ${dayTime(ended)}, and this score is dated ${dayTime(observedAt)}.`;
      }
      return null;
    }
    if (NOT_ENDED.has(session.status)) {
      return `Session ${session.seq}'s infusion has not ended yet: record the end of the infusion (Recovery) on the Today screen first, then the after-infusion score.`;
    }
    if (observedAt < session.startsAt) {
      return `An after-infusion score cannot be taken before session ${session.seq} began (${dayTime(session.startsAt)}).`;
    }
    return null;
  }
  const began = t['infusing'];
  if (began !== undefined && minuteOf(observedAt) > minuteOf(began)) {
    return `A before-infusion score is taken before the infusion begins: session ${session.seq}'s infusion began at ${dayTime(began)}, and this score is dated ${dayTime(observedAt)}.`;
  }
  const discharged = t['discharged'];
  if (discharged !== undefined && observedAt > discharged) {
    return `A before-infusion score cannot be taken after the discharge from session ${session.seq} (${dayTime(discharged)}).`;
  }
  return null;
}
