/**
 * Moving one booked session (drag on the suite calendar, a chosen reschedule slot, a resize
 * of its recovery): the placement rule plus the series timeline, over a plain snapshot of
 * the floor. The calendar runs this while a session is dragged; the save runs it again over
 * the store inside its write transaction, so the screen refuses exactly what the save would.
 */
import { plannedSession } from './occupancy';
import { checkPlacement, roleSatisfies } from './placement';
import type { BookedSession, Closure, PatientAppointment, PlannedSession, PlannerInput, SeriesTemplateSpec, StaffSpec, SuiteSpec } from './planner-types';
import type { OpeningHours } from '../../api/schemas/common';
import { timelineProblems } from './timeline';
import type { TimeFormat } from '../clock-display';

const MINUTE = 60_000;

/** Statuses after which a session has happened (or is happening) and cannot move. */
const MOVABLE = new Set(['scheduled']);
/** Sessions that no longer hold a place in the series timeline. */
const GONE = new Set(['cancelled', 'no_show']);

export interface SeriesTimelineInfo {
  seriesId: string;
  template: SeriesTemplateSpec;
  /** The authorization's dates (clinic calendar dates), or null for self-pay. */
  authorization: { startDate: string; endDate: string } | null;
  sessions: { id: string; seq: number; startsAt: number; status: string }[];
}

/** Everything the move rule needs, for the days on screen (or the days a save touches). */
export interface FloorSnapshot {
  timeZone: string;
  /** The clinic's time format, for the words of refusals (PlannerInput.timeFormat). */
  timeFormat?: TimeFormat;
  clinicHours: OpeningHours;
  suites: SuiteSpec[];
  closures: Closure[];
  staff: StaffSpec[];
  /** Live sessions (not cancelled / no-show) in the span. */
  booked: BookedSession[];
  /** Patients' consultations the sessions must keep clear of (PlannerInput.appointments). */
  appointments?: PatientAppointment[];
  /** The series of every session in `booked`, by id. */
  series: Record<string, SeriesTimelineInfo>;
}

export interface MovingSession {
  id: string;
  seriesId: string;
  patientId: string;
  seq: number;
  status: string;
  supervisorId: string | null;
  recoveryStartsAt: number;
  endsAt: number;
}

export interface MoveTarget {
  suiteId: string;
  startsAt: number;
  /** Only for a resize: a new end (the recovery grows or shrinks; prep and infusion are the template's). */
  endsAt?: number;
  /** Keep this supervisor; otherwise the current one if still possible, else the first who fits. */
  supervisorId?: string;
}

export interface MoveCheck {
  ok: boolean;
  reasons: string[];
  /** The session as it would be saved (phases, chosen supervisor), when ok. */
  placed: PlannedSession | null;
}

function plannerInputFor(floor: FloorSnapshot, session: MovingSession, info: SeriesTimelineInfo, ignore: string[]): PlannerInput {
  return {
    timeZone: floor.timeZone,
    ...(floor.timeFormat ? { timeFormat: floor.timeFormat } : {}),
    patientId: session.patientId,
    template: info.template,
    from: 0,
    horizonDays: 0,
    stepMinutes: 15,
    clinicHours: floor.clinicHours,
    suites: floor.suites,
    closures: floor.closures,
    booked: floor.booked,
    ...(floor.appointments ? { appointments: floor.appointments } : {}),
    staff: floor.staff,
    // The count was settled at booking; a move only has to stay inside the dates.
    authorization: info.authorization ? { ...info.authorization, sessionsRemaining: Number.MAX_SAFE_INTEGER } : null,
    ignoreSessionIds: ignore,
  };
}

export interface PlaceResult {
  reasons: string[];
  placed: PlannedSession | null;
}

/**
 * Where `session` would sit at `target` (phases, supervisor) if the placement rule allows it,
 * ignoring the sessions in `ignore` (those being moved) and checking against `together`
 * (sessions of the same change already placed). No timeline check: see checkMoves.
 */
export function placeSession(
  floor: FloorSnapshot,
  session: MovingSession,
  target: MoveTarget,
  now: number,
  ignore: string[],
  together: PlannedSession[],
): PlaceResult {
  const reasons: string[] = [];
  if (!MOVABLE.has(session.status)) {
    return { reasons: [`Session ${session.seq} is ${session.status.replace('_', ' ')}; only a scheduled session can be moved.`], placed: null };
  }
  if (target.startsAt < now) reasons.push('The new time is in the past.');
  const info = floor.series[session.seriesId];
  if (!info) return { reasons: ['This session’s series was not found.'], placed: null };

  const base = plannedSession(session.seq, target.suiteId, '', target.startsAt, info.template);
  if (target.endsAt !== undefined) {
    if (target.endsAt <= target.startsAt) {
      reasons.push('The end is before the start.');
    } else if (target.endsAt - base.recoveryStartsAt < info.template.recoveryMinutes * MINUTE) {
      reasons.push(`Recovery can be no shorter than the template's ${info.template.recoveryMinutes} minutes.`);
    } else {
      base.endsAt = target.endsAt;
    }
  } else {
    // A move keeps a recovery that was lengthened earlier.
    const recovery = session.endsAt - session.recoveryStartsAt;
    if (recovery > info.template.recoveryMinutes * MINUTE) base.endsAt = base.recoveryStartsAt + recovery;
  }

  const input = plannerInputFor(floor, session, info, ignore);
  const preferred = target.supervisorId ?? session.supervisorId;
  const candidates = [preferred, ...floor.staff.map((s) => s.id)].filter((id, i, all): id is string => !!id && all.indexOf(id) === i);
  let firstReasons: string[] | null = null;
  for (const supervisorId of candidates) {
    const person = floor.staff.find((s) => s.id === supervisorId);
    if (supervisorId !== preferred && (!person || !roleSatisfies(person.role, info.template.supervisorRole))) continue;
    const candidate = { ...base, supervisorId };
    const check = checkPlacement(input, candidate, [candidate, ...together]);
    if (check.ok && reasons.length === 0) return { reasons: [], placed: candidate };
    if (check.ok) break;
    firstReasons ??= check.reasons;
    // A named supervisor is a requirement, not a preference.
    if (target.supervisorId) break;
  }
  reasons.push(...(firstReasons ?? (candidates.length ? [] : ['No supervisor with the required role is on staff'])));
  return { reasons: [...new Set(reasons)], placed: null };
}

export interface MoveRequest {
  session: MovingSession;
  target: MoveTarget;
}

/**
 * Can these sessions (one drag, or a repaired series) all go where asked, together? Every
 * reason they cannot, in plain words (prefixed "Session N:" when several move), or each
 * session as it would be saved. Each series touched must keep its timeline afterwards.
 */
export function checkMoves(floor: FloorSnapshot, moves: MoveRequest[], now: number): MoveCheck & { placedAll: PlannedSession[] } {
  const ignore = moves.map((m) => m.session.id);
  const placedAll: PlannedSession[] = [];
  const reasons: string[] = [];
  const prefix = (m: MoveRequest, r: string) => (moves.length > 1 ? `Session ${m.session.seq}: ${r}` : r);
  for (const m of moves) {
    const r = placeSession(floor, m.session, m.target, now, ignore, placedAll);
    if (r.placed) placedAll.push(r.placed);
    else reasons.push(...r.reasons.map((x) => prefix(m, x)));
  }
  const moved = new Map(moves.map((m) => [m.session.id, m.target.startsAt]));
  for (const seriesId of new Set(moves.map((m) => m.session.seriesId))) {
    const info = floor.series[seriesId];
    if (!info) continue;
    const timeline = info.sessions.filter((s) => !GONE.has(s.status)).map((s) => ({ seq: s.seq, startsAt: moved.get(s.id) ?? s.startsAt }));
    reasons.push(...timelineProblems(floor.timeZone, info.template, timeline));
  }
  const unique = [...new Set(reasons)];
  const ok = unique.length === 0 && placedAll.length === moves.length;
  return { ok, reasons: unique, placed: ok ? placedAll[0]! : null, placedAll: ok ? placedAll : [] };
}

/** One session to one place: the calendar's drag check. */
export function checkMove(floor: FloorSnapshot, session: MovingSession, target: MoveTarget, now: number): MoveCheck {
  const { ok, reasons, placed } = checkMoves(floor, [{ session, target }], now);
  return { ok, reasons, placed };
}
