/**
 * Where a session stands, as the wall board says it: from the status the desk and the nurses
 * recorded (and the time each step was recorded), never from the clock alone. The planned times
 * are shown beside it, and a session behind its plan is called late. Pure: no I/O, no clock of
 * its own (`now` is passed in).
 *
 * A patient who has only checked in is "Arrived", not "Infusing", however late in the planned
 * infusion it is; a session whose patient has not arrived keeps the suite free.
 */
import type { SessionStatus } from '../series/status-flow';

const MINUTE = 60_000;

/** Behind plan by at least this much before the board calls a session late (a few minutes either way is normal). */
export const LATE_AFTER_MINUTES = 10;

/** Statuses in which the patient is in the clinic for this session: the suite is in use. */
export const IN_SUITE: readonly SessionStatus[] = ['arrived', 'iv_placed', 'infusing', 'recovery'];

export const isInSuite = (status: string): boolean => (IN_SUITE as readonly string[]).includes(status);

/** The planned times of a session and what was recorded of it. */
export interface SessionFacts {
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
  status: SessionStatus;
  /** When each status was recorded: { arrived: ms, iv_placed: ms, ... }. */
  statusTimes: Partial<Record<string, number>>;
}

export type PhaseKey = 'expected' | 'prep' | 'infusing' | 'recovery' | 'done';

export interface SessionPhase {
  /** The recorded status, unchanged. */
  status: SessionStatus;
  phase: PhaseKey;
  /** When the current status was recorded (null for scheduled, or a status recorded without a time). */
  since: number | null;
  /** The planned span of the phase the recorded status is in (for scheduled: the planned arrival to the planned infusion). */
  plannedFrom: number;
  plannedUntil: number;
  /** How far behind its plan the session is, whole minutes (0 when on time or ahead). */
  behindMinutes: number;
  /** Behind by LATE_AFTER_MINUTES or more. */
  late: boolean;
  /** What is late: 'arrival' (not arrived / arrived late), 'infusion start', 'end of infusion', 'discharge'. */
  lateWhat: 'arrival' | 'infusion start' | 'end of infusion' | 'discharge' | null;
}

/**
 * The phase of a session from its recorded status, at `now`.
 *
 * Behind plan = the later of: the current step recorded after its planned time (arrived after the
 * planned start, infusion started after its planned start, recovery after the planned end of the
 * infusion), and the clock past the planned end of the current phase without the next step
 * recorded (not arrived by the planned start; infusion not started by its planned time; still
 * infusing past the planned end of the infusion; still in recovery past the planned discharge).
 */
export function sessionPhase(s: SessionFacts, now: number): SessionPhase {
  const t = s.statusTimes;
  const at = (k: string): number | null => (typeof t[k] === 'number' ? t[k] : null);
  let phase: PhaseKey;
  let plannedFrom: number;
  let plannedUntil: number;
  let own: number | null = null;
  let lateStep: SessionPhase['lateWhat'];
  switch (s.status) {
    case 'scheduled':
      phase = 'expected';
      plannedFrom = s.startsAt;
      plannedUntil = s.infusionStartsAt;
      // Not arrived: due at the planned start.
      lateStep = 'arrival';
      break;
    case 'arrived':
    case 'iv_placed': {
      phase = 'prep';
      plannedFrom = s.startsAt;
      plannedUntil = s.infusionStartsAt;
      const arrived = at('arrived');
      own = arrived === null ? null : arrived - s.startsAt;
      lateStep = own !== null && own > now - plannedUntil ? 'arrival' : 'infusion start';
      break;
    }
    case 'infusing': {
      phase = 'infusing';
      plannedFrom = s.infusionStartsAt;
      plannedUntil = s.recoveryStartsAt;
      const began = at('infusing');
      own = began === null ? null : began - s.infusionStartsAt;
      lateStep = own !== null && own > now - plannedUntil ? 'infusion start' : 'end of infusion';
      break;
    }
    case 'recovery': {
      phase = 'recovery';
      plannedFrom = s.recoveryStartsAt;
      plannedUntil = s.endsAt;
      const began = at('recovery');
      own = began === null ? null : began - s.recoveryStartsAt;
      lateStep = own !== null && own > now - plannedUntil ? 'end of infusion' : 'discharge';
      break;
    }
    default:
      return { status: s.status, phase: 'done', since: at(s.status), plannedFrom: s.startsAt, plannedUntil: s.endsAt, behindMinutes: 0, late: false, lateWhat: null };
  }
  // Not arrived is measured from the planned start (the patient is due then), the others from the phase's planned end.
  const overdue = s.status === 'scheduled' ? now - s.startsAt : now - plannedUntil;
  const behind = Math.max(0, own ?? 0, overdue);
  const behindMinutes = Math.floor(behind / MINUTE);
  const late = behindMinutes >= LATE_AFTER_MINUTES;
  return {
    status: s.status,
    phase,
    since: s.status === 'scheduled' ? null : at(s.status),
    plannedFrom,
    plannedUntil,
    behindMinutes,
    late,
    lateWhat: late ? lateStep : null,
  };
}
