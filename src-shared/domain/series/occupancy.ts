/**
 * A session's phases from its start instant and a template: prep (IV placement) → infusion →
 * recovery until discharge. The suite is occupied from start to end. Phases are real minutes,
 * so a session across a DST change still lasts exactly prep + infusion + recovery minutes.
 * And the suites' scheduled utilization over a run of days (booked / open suite-hours).
 */
import type { OpeningHours } from '../../api/schemas/common';
import { addDays, weekdayOf, zonedToInstant } from '../zoned-time';
import type { Closure, PlannedSession, SeriesTemplateSpec, SuiteSpec } from './planner-types';

const MINUTE_MS = 60_000;

export interface SessionPhases {
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
}

export function sessionPhases(startsAt: number, template: SeriesTemplateSpec): SessionPhases {
  const infusionStartsAt = startsAt + template.prepMinutes * MINUTE_MS;
  const recoveryStartsAt = infusionStartsAt + template.infusionMinutes * MINUTE_MS;
  const endsAt = recoveryStartsAt + template.recoveryMinutes * MINUTE_MS;
  return { startsAt, infusionStartsAt, recoveryStartsAt, endsAt };
}

export function plannedSession(
  seq: number,
  suiteId: string,
  supervisorId: string,
  startsAt: number,
  template: SeriesTemplateSpec,
): PlannedSession {
  return { seq, suiteId, supervisorId, ...sessionPhases(startsAt, template) };
}

/** Total suite occupancy in minutes. */
export function occupancyMinutes(template: SeriesTemplateSpec): number {
  return template.prepMinutes + template.infusionMinutes + template.recoveryMinutes;
}

/** Half-open interval overlap: [a0, a1) and [b0, b1). */
export function overlaps(a0: number, a1: number, b0: number, b1: number): boolean {
  return a0 < b1 && b0 < a1;
}

// ---------------------------------------------------------------------------------------
// Scheduled utilization (DOMAIN.md): booked suite-hours / open suite-hours.

export interface UtilizationInput {
  timeZone: string;
  clinicHours: OpeningHours;
  suites: readonly SuiteSpec[];
  closures: readonly Closure[];
  /** Live sessions (leave out cancelled and no-show ones). */
  sessions: readonly { suiteId: string; startsAt: number; endsAt: number }[];
  /** First clinic-local date counted, and how many days. */
  firstDate: string;
  days: number;
}

export interface Utilization {
  /** Open suite-minutes: each suite's opening hours (its own, else the clinic's) less closures. */
  availableMinutes: number;
  /** Minutes of those during which the suite is booked (a minute booked twice counts once). */
  bookedMinutes: number;
  /** booked / available; 0 when nothing is open. */
  share: number;
}

type Span = [number, number];

/** `spans` less `cuts`, both half-open; `spans` must not overlap each other. */
function subtract(spans: Span[], cuts: readonly Span[]): Span[] {
  let out = spans;
  for (const [c0, c1] of cuts) {
    const next: Span[] = [];
    for (const [a0, a1] of out) {
      if (!overlaps(a0, a1, c0, c1)) next.push([a0, a1]);
      else {
        if (a0 < c0) next.push([a0, c0]);
        if (c1 < a1) next.push([c1, a1]);
      }
    }
    out = next;
  }
  return out;
}

/** Total length of the union of `spans` clipped to `within` (disjoint), in ms. */
function coveredLength(within: readonly Span[], spans: readonly Span[]): number {
  let total = 0;
  for (const [w0, w1] of within) {
    const clipped = spans
      .map(([s0, s1]): Span => [Math.max(s0, w0), Math.min(s1, w1)])
      .filter(([s0, s1]) => s0 < s1)
      .sort((a, b) => a[0] - b[0]);
    let end = -Infinity;
    for (const [s0, s1] of clipped) {
      if (s1 <= end) continue;
      total += s1 - Math.max(s0, end);
      end = s1;
    }
  }
  return total;
}

/**
 * Scheduled utilization of the suites over a run of clinic-local dates: how much of the
 * time the suites are open (less closures) is booked. The denominator is always given
 * with the share, as the clinic's reports show it.
 */
export function scheduledUtilization(input: UtilizationInput): Utilization {
  const zone = input.timeZone;
  let available = 0;
  let booked = 0;
  const bySuite = new Map<string, Span[]>();
  for (const s of input.sessions) {
    const list = bySuite.get(s.suiteId) ?? [];
    list.push([s.startsAt, s.endsAt]);
    bySuite.set(s.suiteId, list);
  }
  for (let d = 0; d < input.days; d++) {
    const date = addDays(input.firstDate, d);
    const weekday = weekdayOf(date);
    for (const suite of input.suites) {
      const hours = (suite.openingHours ?? input.clinicHours).filter((h) => h.day === weekday);
      const open = hours.map((h): Span => [zonedToInstant(zone, date, h.open), zonedToInstant(zone, date, h.close)]).filter(([a, b]) => a < b);
      const cuts = input.closures.filter((c) => c.suiteId === null || c.suiteId === suite.id).map((c): Span => [c.startsAt, c.endsAt]);
      const usable = subtract(open, cuts);
      available += usable.reduce((n, [a, b]) => n + (b - a), 0);
      booked += coveredLength(usable, bySuite.get(suite.id) ?? []);
    }
  }
  const availableMinutes = available / MINUTE_MS;
  const bookedMinutes = booked / MINUTE_MS;
  return { availableMinutes, bookedMinutes, share: availableMinutes > 0 ? bookedMinutes / availableMinutes : 0 };
}
