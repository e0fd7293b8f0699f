/**
 * The one placement rule: used by the planner, by the calendar's drag check and by the save.
 * Returns every reason a session cannot go where it was put, in plain clinic-local words.
 */
import { localDateAt, localTimeAt, weekdayOf, zonedToInstant } from '../zoned-time';
import { overlaps } from './occupancy';
import type { BookedSession, PlacementCheck, PlannedSession, PlannerInput, ShiftSpec, StaffSpec } from './planner-types';

const ROLE_RANK: Record<string, number> = { rn: 1, crna: 2, anesthesiologist: 3 };

/** A role satisfies a requirement when it is at or above it: anesthesiologist > crna > rn. */
export function roleSatisfies(role: string, required: string): boolean {
  return (ROLE_RANK[role] ?? 0) >= (ROLE_RANK[required] ?? Number.POSITIVE_INFINITY);
}

function mmdd(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}`;
}

function hhmm(zone: string, t0: number, t1: number): string {
  return `${localTimeAt(zone, t0)}-${localTimeAt(zone, t1)}`;
}

function shiftCovers(zone: string, shift: ShiftSpec, date: string, t0: number, t1: number): boolean {
  if (shift.weekday !== weekdayOf(date)) return false;
  if (shift.validFrom && date < shift.validFrom) return false;
  if (shift.validTo && date > shift.validTo) return false;
  return zonedToInstant(zone, date, shift.startTime) <= t0 && t1 <= zonedToInstant(zone, date, shift.endTime);
}

export function coveringShift(zone: string, staff: StaffSpec, date: string, t0: number, t1: number): ShiftSpec | null {
  return staff.shifts.find((s) => shiftCovers(zone, s, date, t0, t1)) ?? null;
}

export function checkPlacement(
  input: PlannerInput,
  session: PlannedSession & { patientId?: string },
  others: PlannedSession[] = [],
): PlacementCheck {
  const zone = input.timeZone;
  const reasons: string[] = [];
  const patientId = session.patientId ?? input.patientId;
  const ignore = new Set(input.ignoreSessionIds ?? []);
  const date = localDateAt(zone, session.startsAt);
  const suite = input.suites.find((s) => s.id === session.suiteId);
  if (!suite) return { ok: false, reasons: [`Suite ${session.suiteId} does not exist or is not active`] };

  // Opening hours: the whole occupancy inside one opening interval on the local day.
  const hours = (suite.openingHours ?? input.clinicHours).filter((h) => h.day === weekdayOf(date));
  const inside = hours.some(
    (h) => zonedToInstant(zone, date, h.open) <= session.startsAt && session.endsAt <= zonedToInstant(zone, date, h.close),
  );
  if (!inside) {
    reasons.push(
      hours.length === 0
        ? `${suite.name} is not open on ${mmdd(date)}`
        : `${suite.name} is open ${hours.map((h) => `${h.open}-${h.close}`).join(', ')} on ${mmdd(date)}; the session runs ${hhmm(zone, session.startsAt, session.endsAt)}`,
    );
  }
  for (const c of input.closures) {
    if ((c.suiteId === null || c.suiteId === suite.id) && overlaps(session.startsAt, session.endsAt, c.startsAt, c.endsAt)) {
      reasons.push(`${c.suiteId === null ? 'The clinic' : suite.name} is closed ${mmdd(localDateAt(zone, c.startsAt))} for ${c.reason}`);
    }
  }
  const all: (BookedSession | (PlannedSession & { patientId: string; sessionId?: string }))[] = [
    ...input.booked.filter((b) => !ignore.has(b.sessionId)),
    ...others.filter((o) => o !== session).map((o) => ({ ...o, patientId: input.patientId })),
  ];
  for (const b of all) {
    if (b.suiteId === suite.id && overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
      reasons.push(`${suite.name} is booked ${hhmm(zone, b.startsAt, b.endsAt)}`);
    }
  }
  for (const b of all) {
    if (b.patientId !== patientId) continue;
    if (overlaps(session.startsAt, session.endsAt, b.startsAt, b.endsAt)) {
      reasons.push(`The patient is already booked ${hhmm(zone, b.startsAt, b.endsAt)} on ${mmdd(localDateAt(zone, b.startsAt))}`);
    } else if (localDateAt(zone, b.startsAt) === date) {
      reasons.push(`The patient already has a session on ${mmdd(date)}`);
    }
  }

  // Supervision.
  const staff = input.staff.find((s) => s.id === session.supervisorId);
  if (!staff) {
    reasons.push(`Supervisor ${session.supervisorId} is not on staff`);
  } else {
    if (!roleSatisfies(staff.role, input.template.supervisorRole)) {
      reasons.push(`${staff.name} (${staff.role}) cannot supervise a session that needs ${input.template.supervisorRole}`);
    }
    const shift = coveringShift(zone, staff, date, session.startsAt, session.recoveryStartsAt);
    if (!shift) {
      reasons.push(`${staff.name} has no shift covering ${hhmm(zone, session.startsAt, session.recoveryStartsAt)} on ${mmdd(date)}`);
    } else {
      const same = all.filter((b) => b.supervisorId === staff.id);
      // Concurrent infusing patients: the count only rises at an infusion start.
      const starts = [session.infusionStartsAt, ...same.map((b) => b.infusionStartsAt)].filter(
        (t) => t >= session.infusionStartsAt && t < session.recoveryStartsAt,
      );
      const peak = Math.max(
        ...starts.map((t) => 1 + same.filter((b) => b.infusionStartsAt <= t && t < b.recoveryStartsAt).length),
      );
      if (peak > shift.maxConcurrent) {
        reasons.push(`${staff.name} would supervise ${peak} infusions at once (at most ${shift.maxConcurrent})`);
      }
      for (const b of same) {
        if (overlaps(session.startsAt, session.infusionStartsAt, b.startsAt, b.infusionStartsAt)) {
          reasons.push(`${staff.name} is starting another IV ${hhmm(zone, b.startsAt, b.infusionStartsAt)}`);
        }
      }
    }
  }

  const auth = input.authorization;
  if (auth && (date < auth.startDate || date > auth.endDate)) {
    reasons.push(`The authorization covers ${mmdd(auth.startDate)}-${mmdd(auth.endDate)}, not ${mmdd(date)}`);
  }
  return { ok: reasons.length === 0, reasons };
}

