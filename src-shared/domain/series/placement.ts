/**
 * The one placement rule: used by the planner, by the calendar's drag check and by the save.
 * Returns every reason a session cannot go where it was put, in plain clinic-local words.
 *
 * The rule has four independent parts, checked in this order: the suite (opening hours,
 * closures, other bookings), the patient (booked at the same time or on the same day, their
 * consultations, and not before the consultation that clears them for infusions), the
 * supervisor (role, shift, how many infusions at once, one IV start at a time) and the
 * authorization's dates. The suite part does not depend on the supervisor and the
 * supervisor part does not depend on the suite, which lets the planner test each suite and
 * each supervisor once per start time instead of every pair: the parts are exported, and
 * so are batch forms of them for all the start times of one day (suiteFreeAt,
 * supervisorFreeAt, patientFreeAt), which give the same answers and words.
 *
 * Sessions near the one checked are found through a per-input index (placement-index.ts)
 * and local dates and times through a per-zone day calendar (local-days.ts), so a check costs
 * the same on an empty clinic and a full one; the reasons are exactly those of comparing
 * the session with every booked session (tests compare the two on random clinics).
 */
import { minutesOfDay } from '../zoned-time';
import { localDays } from './local-days';
import { overlaps } from './occupancy';
import { mmdd } from './timeline';
import { placementIndex, type PlacementIndex } from './placement-index';
import type { BookedSession, PatientAppointment, PlacementCheck, PlannedSession, PlannerInput, ShiftSpec, StaffSpec, SuiteSpec } from './planner-types';
import type { LocalDays } from './local-days';

const ROLE_RANK: Record<string, number> = { rn: 1, crna: 2, anesthesiologist: 3 };

/** A role satisfies a requirement when it is at or above it: anesthesiologist > crna > rn. */
export function roleSatisfies(role: string, required: string): boolean {
  return (ROLE_RANK[role] ?? 0) >= (ROLE_RANK[required] ?? Number.POSITIVE_INFINITY);
}

const clockMinutes = new Map<string, number>();
/** `HH:MM` → minutes after midnight, parsed once per distinct text. */
function minutesOf(time: string): number {
  let m = clockMinutes.get(time);
  if (m === undefined) {
    m = minutesOfDay(time);
    clockMinutes.set(time, m);
  }
  return m;
}

function shiftCovers(days: LocalDays, shift: ShiftSpec, date: string, t0: number, t1: number): boolean {
  if (shift.weekday !== days.weekday(date)) return false;
  if (shift.validFrom && date < shift.validFrom) return false;
  if (shift.validTo && date > shift.validTo) return false;
  return days.instant(date, minutesOf(shift.startTime)) <= t0 && t1 <= days.instant(date, minutesOf(shift.endTime));
}

export function coveringShift(zone: string, staff: StaffSpec, date: string, t0: number, t1: number): ShiftSpec | null {
  const days = localDays(zone);
  return staff.shifts.find((s) => shiftCovers(days, s, date, t0, t1)) ?? null;
}

type Other = PlannedSession & { patientId: string };

/** One session about to be checked, with what every part needs. */
export interface PreparedPlacement {
  input: PlannerInput;
  index: PlacementIndex;
  days: LocalDays;
  session: PlannedSession & { patientId?: string };
  patientId: string;
  /** Clinic-local date of the session's start. */
  date: string;
  /** Undefined when the session's suite is not among the input's suites. */
  suite: SuiteSpec | undefined;
  /** The other new sessions (of the same patient: a series being planned or moved). */
  others: Other[];
}

export function preparePlacement(input: PlannerInput, session: PlannedSession & { patientId?: string }, others: PlannedSession[] = []): PreparedPlacement {
  const index = placementIndex(input);
  const days = index.days;
  return {
    input,
    index,
    days,
    session,
    patientId: session.patientId ?? input.patientId,
    date: days.dateAt(session.startsAt),
    suite: index.suites.get(session.suiteId),
    others: others.length === 0 ? [] : others.filter((o) => o !== session).map((o) => ({ ...o, patientId: input.patientId })),
  };
}

/*
 * The parts. Each adds its reasons to `out` and says whether it found any; with `out` null
 * it stops at the first problem (the planner only needs to know whether a place is free).
 */

/** Opening hours, closures and other bookings of the session's suite (which must exist). */
export function suiteReasons(p: PreparedPlacement, out: string[] | null): boolean {
  const { session, days, date, input, index } = p;
  const suite = p.suite!;
  let found = false;
  // Opening hours: the whole occupancy inside one opening interval on the local day.
  const { hours, text } = index.hours(suite, days.weekday(date));
  let inside = false;
  for (const h of hours) {
    if (days.instant(date, h.openMinutes) <= session.startsAt && session.endsAt <= days.instant(date, h.closeMinutes)) {
      inside = true;
      break;
    }
  }
  if (!inside) {
    if (!out) return true;
    found = true;
    out.push(
      hours.length === 0
        ? `${suite.name} is not open on ${mmdd(date)}`
        : `${suite.name} is open ${text} on ${mmdd(date)}; the session runs ${index.span(session.startsAt, session.endsAt)}`,
    );
  }
  for (const c of input.closures) {
    if ((c.suiteId === null || c.suiteId === suite.id) && overlaps(session.startsAt, session.endsAt, c.startsAt, c.endsAt)) {
      if (!out) return true;
      found = true;
      out.push(`${c.suiteId === null ? 'The clinic' : suite.name} is closed ${mmdd(days.dateAt(c.startsAt))} for ${c.reason}`);
    }
  }
  const near = index.bySuite.get(suite.id)?.near(session.startsAt, session.endsAt);
  if (near) {
    for (const b of near) {
      if (b.suiteId === suite.id && overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
        if (!out) return true;
        found = true;
        out.push(index.said(b, 'suite', () => `${suite.name} is booked ${index.span(b.startsAt, b.endsAt)}`));
      }
    }
  }
  for (const b of p.others) {
    if (b.suiteId === suite.id && overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
      if (!out) return true;
      found = true;
      out.push(`${suite.name} is booked ${index.span(b.startsAt, b.endsAt)}`);
    }
  }
  return found;
}

const appointmentsByPatient = new WeakMap<PatientAppointment[], Map<string, PatientAppointment[]>>();
/** The patient's consultations in the input, grouped once per input list. */
function appointmentsOf(input: PlannerInput, patientId: string): PatientAppointment[] {
  const all = input.appointments;
  if (!all || all.length === 0) return [];
  let by = appointmentsByPatient.get(all);
  if (!by) {
    by = new Map();
    for (const a of all) by.set(a.patientId, [...(by.get(a.patientId) ?? []), a]);
    appointmentsByPatient.set(all, by);
  }
  return by.get(patientId) ?? [];
}

/**
 * The patient's other appointments: an infusion may not overlap one of their consultations,
 * and none starts before the consultation that clears them has ended. Adds the reasons.
 */
function appointmentReasons(index: PlacementIndex, list: PatientAppointment[], startsAt: number, endsAt: number, out: string[] | null): boolean {
  let found = false;
  for (const a of list) {
    const when = () => `${index.span(a.startsAt, a.endsAt)} on ${mmdd(index.days.dateAt(a.startsAt))}`;
    if (overlaps(startsAt, endsAt, a.startsAt, a.endsAt)) {
      found = true;
      if (!out) return true;
      out.push(`The patient has their ${a.what} ${when()}`);
    } else if (a.clears && startsAt < a.endsAt) {
      found = true;
      if (!out) return true;
      out.push(`Infusions come after the patient's ${a.what} (${when()}), which clears them for treatment`);
    }
  }
  return found;
}

/** The patient booked at the same time, already coming in that day, at a consultation, or not yet cleared by one. */
export function patientReasons(p: PreparedPlacement, out: string[] | null): boolean {
  const { session, days, date, index } = p;
  let found = appointmentReasons(index, appointmentsOf(p.input, p.patientId), session.startsAt, session.endsAt, out);
  if (found && !out) return true;
  const booked = (b: BookedSession | Other) => `The patient is already booked ${index.span(b.startsAt, b.endsAt)} on ${mmdd(days.dateAt(b.startsAt))}`;
  const check = (b: BookedSession | Other, words: () => string) => {
    if (overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
      found = true;
      out?.push(words());
    } else if (days.dateAt(b.startsAt) === date) {
      found = true;
      out?.push(`The patient already has a session on ${mmdd(date)}`);
    }
  };
  for (const b of p.index.byPatient.get(p.patientId) ?? []) {
    check(b, () => p.index.said(b, 'patient', () => booked(b)));
    if (found && !out) return true;
  }
  if (p.patientId === p.input.patientId) {
    for (const b of p.others) {
      check(b, () => booked(b));
      if (found && !out) return true;
    }
  }
  return found;
}

/**
 * What the supervisor part needs of one person on one day, looked up once for any number
 * of sessions that day: the person, whether their role will do, their shifts that apply
 * on the date (with clock times as instants), and their booked sessions near [from, to].
 */
interface SupervisorDay {
  staff: StaffSpec;
  roleOk: boolean;
  shifts: { shift: ShiftSpec; from: number; to: number }[];
  near: BookedSession[];
}

function supervisorDay(input: PlannerInput, index: PlacementIndex, staff: StaffSpec, date: string, from: number, to: number): SupervisorDay {
  const { days } = index;
  const shifts: SupervisorDay['shifts'] = [];
  for (const shift of index.shifts(staff, days.weekday(date))) {
    if (shift.validFrom && date < shift.validFrom) continue;
    if (shift.validTo && date > shift.validTo) continue;
    shifts.push({ shift, from: days.instant(date, minutesOf(shift.startTime)), to: days.instant(date, minutesOf(shift.endTime)) });
  }
  return {
    staff,
    roleOk: roleSatisfies(staff.role, input.template.supervisorRole),
    shifts,
    near: index.bySupervisor.get(staff.id)?.near(from, to) ?? [],
  };
}

/** The supervisor part for one session, given its supervisor's day (`near` must cover the session's phases). */
function supervisorAt(
  d: SupervisorDay,
  p: Pick<PreparedPlacement, 'input' | 'index' | 'days' | 'date' | 'others'>,
  session: PlannedSession,
  out: string[] | null,
  /** "HH:MM-HH:MM on MM/DD", the session's start to its recovery, if already worded. */
  worded?: () => string,
): boolean {
  const { date, input, index } = p;
  const staff = d.staff;
  let found = false;
  if (!d.roleOk) {
    if (!out) return true;
    found = true;
    out.push(`${staff.name} (${staff.role}) cannot supervise a session that needs ${input.template.supervisorRole}`);
  }
  const shift = d.shifts.find((x) => x.from <= session.startsAt && session.recoveryStartsAt <= x.to)?.shift;
  if (!shift) {
    out?.push(`${staff.name} has no shift covering ${worded ? worded() : `${index.span(session.startsAt, session.recoveryStartsAt)} on ${mmdd(date)}`}`);
    return true;
  }
  const same: (BookedSession | Other)[] = p.others.length ? [...d.near, ...p.others.filter((o) => o.supervisorId === staff.id)] : d.near;
  // Concurrent infusing patients: the count only rises at an infusion start, so the peak
  // is at this session's start or at another's start while this one infuses.
  const iS = session.infusionStartsAt;
  const rS = session.recoveryStartsAt;
  let peak = -Infinity;
  const countAt = (t: number) => {
    let n = 1;
    for (const b of same) if (b.infusionStartsAt <= t && t < b.recoveryStartsAt) n++;
    if (n > peak) peak = n;
  };
  if (iS < rS) countAt(iS);
  for (const b of same) if (b.infusionStartsAt >= iS && b.infusionStartsAt < rS) countAt(b.infusionStartsAt);
  if (peak > shift.maxConcurrent) {
    if (!out) return true;
    found = true;
    out.push(`${staff.name} would supervise ${peak} infusions at once (at most ${shift.maxConcurrent})`);
  }
  for (const b of same) {
    if (overlaps(session.startsAt, session.infusionStartsAt, b.startsAt, b.infusionStartsAt)) {
      if (!out) return true;
      found = true;
      const words = () => `${staff.name} is starting another IV ${index.span(b.startsAt, b.infusionStartsAt)}`;
      out.push('sessionId' in b ? index.said(b, 'iv', words) : words());
    }
  }
  return found;
}

const phaseSpan = (s: PlannedSession) =>
  [Math.min(s.startsAt, s.infusionStartsAt, s.recoveryStartsAt), Math.max(s.startsAt, s.infusionStartsAt, s.recoveryStartsAt) + 1] as const;

/** The supervisor: on staff, senior enough, on shift, within capacity, not starting another IV. */
export function supervisorReasons(p: PreparedPlacement, out: string[] | null): boolean {
  const staff = p.index.staff.get(p.session.supervisorId);
  if (!staff) {
    out?.push(`Supervisor ${p.session.supervisorId} is not on staff`);
    return true;
  }
  const [from, to] = phaseSpan(p.session);
  return supervisorAt(supervisorDay(p.input, p.index, staff, p.date, from, to), p, p.session, out);
}

/**
 * The supervisor part for sessions of one day (the planner's: no other new sessions), the
 * person's shifts and bookings looked up once. With `reasons`, each session's reasons are
 * added to reasons[i], as supervisorReasons words them. The sessions must not be changed
 * afterwards: their wording is remembered with the input.
 */
export function supervisorFreeAt(input: PlannerInput, staffId: string, date: string, sessions: readonly PlannedSession[], reasons?: string[][]): boolean[] {
  const index = placementIndex(input);
  const staff = index.staff.get(staffId);
  if (!staff || sessions.length === 0) {
    if (reasons) sessions.forEach((_, i) => reasons[i]!.push(`Supervisor ${staffId} is not on staff`));
    return sessions.map(() => false);
  }
  const spans = sessions.map(phaseSpan);
  const day = supervisorDay(input, index, staff, date, Math.min(...spans.map((x) => x[0])), Math.max(...spans.map((x) => x[1])));
  const p = { input, index, days: index.days, date, others: [] };
  return sessions.map((session, i) => {
    if (index.days.dateAt(session.startsAt) !== date) return !supervisorReasons(preparePlacement(input, { ...session, supervisorId: staffId }), reasons ? reasons[i]! : null);
    // Every person's reasons for a session name the same times: word them once per session.
    const worded = () => index.said(session, 'covering', () => `${index.span(session.startsAt, session.recoveryStartsAt)} on ${mmdd(date)}`);
    return !supervisorAt(day, p, session, reasons ? reasons[i]! : null, worded);
  });
}

function authorizationAllows(input: PlannerInput, date: string): boolean {
  const auth = input.authorization;
  return !auth || (date >= auth.startDate && date <= auth.endDate);
}

/** The session's date outside the authorization's dates. */
export function authorizationReasons(p: PreparedPlacement, out: string[] | null): boolean {
  const auth = p.input.authorization;
  if (auth && !authorizationAllows(p.input, p.date)) {
    out?.push(`The authorization covers ${mmdd(auth.startDate)}-${mmdd(auth.endDate)}, not ${mmdd(p.date)}`);
    return true;
  }
  return false;
}

/*
 * The suite and patient parts for many start times of one day at once, for the planner's
 * scan: a session of `lengthMs` at each start, with no other new sessions. The same tests
 * as suiteReasons / patientReasons, with the day's bookings and hours looked up once
 * instead of once per start (tests compare the two).
 */

/**
 * For each start: does a session there pass the suite part? With `reasons`, each start's
 * reasons are also added to reasons[i], as suiteReasons words them.
 */
export function suiteFreeAt(input: PlannerInput, suiteId: string, date: string, starts: readonly number[], lengthMs: number, reasons?: string[][]): boolean[] {
  const index = placementIndex(input);
  const { days } = index;
  const suite = index.suites.get(suiteId);
  // A suite not in the input is never free (checkPlacement says so before any part runs).
  if (!suite || starts.length === 0) return starts.map(() => false);
  const { hours, text } = index.hours(suite, days.weekday(date));
  const open = hours.map((h) => [days.instant(date, h.openMinutes), days.instant(date, h.closeMinutes)] as const);
  const first = Math.min(...starts);
  const last = Math.max(...starts) + lengthMs;
  const closures = input.closures.filter((c) => (c.suiteId === null || c.suiteId === suite.id) && overlaps(first, last, c.startsAt, c.endsAt));
  const closed = closures.map((c) => `${c.suiteId === null ? 'The clinic' : suite.name} is closed ${mmdd(days.dateAt(c.startsAt))} for ${c.reason}`);
  const booked = (index.bySuite.get(suite.id)?.near(first, last) ?? []).filter((b) => b.suiteId === suite.id);
  return starts.map((s, i) => {
    const e = s + lengthMs;
    if (days.dateAt(s) !== date) {
      const p = { ...preparePlacement(input, { seq: 1, suiteId, supervisorId: '', startsAt: s, infusionStartsAt: s, recoveryStartsAt: s, endsAt: e }), suite };
      return !suiteReasons(p, reasons ? reasons[i]! : null);
    }
    const inside = open.some(([o, c]) => o <= s && e <= c);
    if (!reasons) return inside && !closures.some((c) => overlaps(s, e, c.startsAt, c.endsAt)) && !booked.some((b) => overlaps(s, e, b.startsAt, b.endsAt));
    const out = reasons[i]!;
    const before = out.length;
    if (!inside) {
      out.push(
        hours.length === 0
          ? `${suite.name} is not open on ${mmdd(date)}`
          : `${suite.name} is open ${text} on ${mmdd(date)}; the session runs ${index.span(s, e)}`,
      );
    }
    closures.forEach((c, k) => {
      if (overlaps(s, e, c.startsAt, c.endsAt)) out.push(closed[k]!);
    });
    for (const b of booked) {
      if (overlaps(s, e, b.startsAt, b.endsAt)) out.push(index.said(b, 'suite', () => `${suite.name} is booked ${index.span(b.startsAt, b.endsAt)}`));
    }
    return out.length === before;
  });
}

/** For each start: does a session there pass the patient part (the input's patient) and the authorization's dates? */
export function patientFreeAt(input: PlannerInput, starts: readonly number[], lengthMs: number): boolean[] {
  const index = placementIndex(input);
  const own = (index.byPatient.get(input.patientId) ?? []).map((b) => ({ b, date: index.days.dateAt(b.startsAt) }));
  const appointments = appointmentsOf(input, input.patientId);
  return starts.map((s) => {
    const day = index.days.dateAt(s);
    return (
      authorizationAllows(input, day) &&
      !own.some(({ b, date: d }) => overlaps(s, s + lengthMs, b.startsAt, b.endsAt) || d === day) &&
      (appointments.length === 0 || !appointmentReasons(index, appointments, s, s + lengthMs, null))
    );
  });
}

export function checkPlacement(
  input: PlannerInput,
  session: PlannedSession & { patientId?: string },
  others: PlannedSession[] = [],
): PlacementCheck {
  const p = preparePlacement(input, session, others);
  if (!p.suite) return { ok: false, reasons: [`Suite ${session.suiteId} does not exist or is not active`] };
  const reasons: string[] = [];
  suiteReasons(p, reasons);
  patientReasons(p, reasons);
  supervisorReasons(p, reasons);
  authorizationReasons(p, reasons);
  return { ok: reasons.length === 0, reasons };
}
