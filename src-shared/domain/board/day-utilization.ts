/**
 * Today's suite utilization for the board, scheduled against actual, each with its denominator
 * (DOMAIN: "always show the denominator"):
 *
 * - Scheduled = suite time booked / suite time open today. Open time is each suite's opening
 *   hours (or the clinic's) less closures; booked is every session not cancelled (a no-show was
 *   booked: the gap it leaves shows in the actual figure).
 * - Actual (so far) = suite time occupied / suite time open up to now. Occupied runs from the
 *   recorded check-in (arrived) to the recorded discharge (or the recorded no-show/cancel after
 *   check-in), or to now for a patient still in the suite. Only recorded times count.
 *
 * Overlapping sessions in one suite (a conflict) count once. Pure.
 */
import { isInSuite } from './session-phase';
import { intersect, minus, total, union, type Span } from '../series/utilization';
import { weekdayOf, zonedToInstant } from '../zoned-time';
import type { OpeningHours } from '../../api/schemas/common';

const MINUTE = 60_000;

export interface FloorDay {
  timeZone: string;
  clinicHours: OpeningHours;
  suites: readonly { id: string; openingHours: OpeningHours | null }[];
  closures: readonly { suiteId: string | null; startsAt: number; endsAt: number }[];
}

export interface UtilSession {
  suiteId: string;
  startsAt: number;
  endsAt: number;
  status: string;
  statusTimes: Partial<Record<string, number>>;
}

export interface DayUtilization {
  /** Suite minutes open today (all suites), the scheduled figure's denominator. */
  openMinutes: number;
  bookedMinutes: number;
  /** bookedMinutes / openMinutes; null when no suite is open today. */
  scheduledShare: number | null;
  /** Suite minutes open from the day's start up to now, the actual figure's denominator. */
  openSoFarMinutes: number;
  occupiedMinutes: number;
  /** occupiedMinutes / openSoFarMinutes; null before any suite has opened. */
  actualShare: number | null;
}

/** A suite's open spans on the date: its hours (or the clinic's) less closures. */
export function openSpans(floor: FloorDay, suiteId: string, date: string): Span[] {
  const suite = floor.suites.find((s) => s.id === suiteId);
  const hours = (suite?.openingHours ?? floor.clinicHours).filter((h) => h.day === weekdayOf(date));
  const closed = floor.closures.filter((c) => c.suiteId === null || c.suiteId === suiteId).map((c): Span => [c.startsAt, c.endsAt]);
  return minus(union(hours.map((h): Span => [zonedToInstant(floor.timeZone, date, h.open), zonedToInstant(floor.timeZone, date, h.close)])), closed);
}

/** From check-in to discharge (or to now while still in the suite), from recorded times only. */
export function occupiedSpan(s: UtilSession, now: number): Span | null {
  const arrived = s.statusTimes['arrived'];
  if (typeof arrived !== 'number') return null;
  const left = s.statusTimes['discharged'] ?? s.statusTimes['no_show'] ?? s.statusTimes['cancelled'];
  const end = typeof left === 'number' ? left : isInSuite(s.status) ? now : null;
  if (end === null) return null;
  return [arrived, Math.min(end, now)];
}

export function dayUtilization(floor: FloorDay, sessions: readonly UtilSession[], date: string, now: number): DayUtilization {
  let open = 0;
  let booked = 0;
  let openSoFar = 0;
  let occupied = 0;
  for (const suite of floor.suites) {
    const spans = openSpans(floor, suite.id, date);
    const mine = sessions.filter((s) => s.suiteId === suite.id);
    const bookedSpans = union(mine.filter((s) => s.status !== 'cancelled').map((s): Span => [s.startsAt, s.endsAt]));
    const soFar = intersect(spans, [[Number.MIN_SAFE_INTEGER, now]]);
    const occupiedSpans = union(mine.map((s) => occupiedSpan(s, now)).filter((x): x is Span => x !== null));
    open += total(spans);
    booked += total(intersect(spans, bookedSpans));
    openSoFar += total(soFar);
    occupied += total(intersect(soFar, occupiedSpans));
  }
  const minutes = (ms: number) => Math.round(ms / MINUTE);
  return {
    openMinutes: minutes(open),
    bookedMinutes: minutes(booked),
    scheduledShare: open > 0 ? booked / open : null,
    openSoFarMinutes: minutes(openSoFar),
    occupiedMinutes: minutes(occupied),
    actualShare: openSoFar > 0 ? occupied / openSoFar : null,
  };
}
