/**
 * The day-of status steps against the clock: when each step may be recorded, the recovery
 * minimum before discharge, and which step an undo goes back to. Pure and shared: the backend
 * judges with it (its words are the refusal the person sees), the Today card shows the same
 * figures before anyone presses a button.
 *
 * Times are compared by the minute where a person types them (a time field has no seconds):
 * a step typed for the same minute as the step before it is kept just after that step, so
 * the order of the steps never flips.
 */
import { STATUS_WORDS, type SessionStatus } from './status-flow';

const MINUTE = 60_000;
/** A device clock a little ahead of the clinic's is not "the future". */
export const STEP_CLOCK_SKEW_MS = 2 * MINUTE;

/** The forward flow, in order. No-show and cancelled leave it from scheduled or arrived. */
export const FLOW_STEPS: readonly SessionStatus[] = ['scheduled', 'arrived', 'iv_placed', 'infusing', 'recovery', 'discharged'];

/** What a person calls the moment each step is recorded, at the start of a sentence. */
const STEP_MOMENT: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  arrived: 'Arrival',
  iv_placed: 'IV placement',
  infusing: 'The start of the infusion',
  recovery: 'The end of the infusion',
  discharged: 'Discharge',
  no_show: 'A no-show',
  cancelled: 'A cancellation',
};

export interface StepTimeFacts {
  /** The session's status now, and the step being recorded. */
  from: SessionStatus;
  to: SessionStatus;
  /** When the step happened, as the person says (now when they did not say). */
  at: number;
  now: number;
  statusTimes: Record<string, number>;
  /** The planned start (IV preparation) of the session. */
  plannedStart: number;
  /** Start of the clinic-local day the session is planned on. */
  dayStart: number;
  /** The least recovery before discharge, in minutes. */
  recoveryMinMinutes: number;
  /** Why the patient goes home before the recovery minimum (kept in the history). */
  earlyReason: string | null;
  /** "9:05 AM" in clinic time. */
  clock: (instant: number) => string;
}

export type StepTimeResult = { ok: true; at: number } | { ok: false; field: 'at' | 'earlyReason'; message: string };

const minuteOf = (ms: number) => Math.floor(ms / MINUTE);

/**
 * Whether the step may be recorded at that time, and the time to keep (the same, or just after
 * the previous step when typed for that step's own minute). The refusal names the times.
 */
export function checkStepTime(f: StepTimeFacts): StepTimeResult {
  const moment = STEP_MOMENT[f.to];
  const refuse = (field: 'at' | 'earlyReason', message: string): StepTimeResult => ({ ok: false, field, message });

  if (f.at > f.now + STEP_CLOCK_SKEW_MS) {
    return refuse('at', `${moment} cannot be recorded for ${f.clock(f.at)}: that is still to come (it is ${f.clock(f.now)} now). Record a step once it has happened.`);
  }
  if (f.at < f.dayStart) {
    return refuse('at', `${moment} cannot be recorded before the day of the session. Check the time.`);
  }

  let at = f.at;
  const prev = f.statusTimes[f.from];
  if (f.from !== 'scheduled' && typeof prev === 'number') {
    // The end of an infusion is judged against its start below, in its own words.
    if (minuteOf(at) < minuteOf(prev) && f.to !== 'recovery') {
      return refuse(
        'at',
        `${moment} cannot be recorded for ${f.clock(at)}: the session was marked ${STATUS_WORDS[f.from]} at ${f.clock(prev)}, and a step cannot come before the one before it.`,
      );
    }
    if (minuteOf(at) === minuteOf(prev)) at = Math.max(at, prev);
  }

  if (f.to === 'recovery') {
    const began = f.statusTimes['infusing'];
    if (typeof began === 'number' && minuteOf(at) <= minuteOf(began)) {
      return refuse('at', `The infusion cannot end at ${f.clock(at)}: it began at ${f.clock(began)}. Record the end of the infusion when it has ended.`);
    }
  }

  if (f.to === 'no_show' && at < f.plannedStart) {
    return refuse('at', `A no-show cannot be recorded before the planned start (${f.clock(f.plannedStart)}): the patient may still come.`);
  }

  if (f.to === 'discharged') {
    const from = dischargeFrom(f.statusTimes, f.recoveryMinMinutes);
    if (from !== null && at < from && !f.earlyReason) {
      const began = f.statusTimes['recovery']!;
      const lasted = Math.max(0, Math.floor((at - began) / MINUTE));
      return refuse(
        'earlyReason',
        `Recovery began at ${f.clock(began)} and has lasted ${lasted} of the ${f.recoveryMinMinutes} minutes required: discharge from ${f.clock(from)}, or give the reason for discharging earlier.`,
      );
    }
  }
  return { ok: true, at };
}

/** The earliest discharge the recovery minimum allows, or null before recovery is recorded. */
export function dischargeFrom(statusTimes: Record<string, number>, recoveryMinMinutes: number): number | null {
  const began = statusTimes['recovery'];
  return typeof began === 'number' ? began + recoveryMinMinutes * MINUTE : null;
}

/**
 * The recovery minimum of a session: the series' own template figure (kept with the series
 * when booked), else the recovery the session was planned with.
 */
export function recoveryMinimum(templateSnapshot: Record<string, unknown> | null | undefined, session: { recoveryStartsAt: number; endsAt: number }): number {
  const fromTemplate = templateSnapshot?.['recoveryMinutes'];
  if (typeof fromTemplate === 'number' && Number.isFinite(fromTemplate) && fromTemplate >= 0) return fromTemplate;
  return Math.max(0, Math.round((session.endsAt - session.recoveryStartsAt) / MINUTE));
}

/** The step an undo goes back to, or why there is nothing to undo. */
export function undoTarget(status: string): { ok: true; to: SessionStatus } | { ok: false; message: string } {
  const i = FLOW_STEPS.indexOf(status as SessionStatus);
  if (i > 0) return { ok: true, to: FLOW_STEPS[i - 1]! };
  if (i === 0) return { ok: false, message: 'This session has no step to undo yet.' };
  const words = STATUS_WORDS[status as SessionStatus] ?? status;
  return { ok: false, message: `A session marked ${words} cannot be undone here: book the patient again instead.` };
}
