/**
 * How much of a suite's open time on one clinic day is booked: open minutes (the suite's
 * hours, or the clinic's, less closures) against the minutes live sessions hold inside them.
 * Overlapping sessions (a conflict) count once. Pure, for the board and the benchmark seed.
 */
import { weekdayOf, zonedToInstant } from '../zoned-time';
import type { FloorSnapshot } from './move';

const MINUTE = 60_000;

/** A stretch of time [from, to) in epoch ms; the helpers below are shared with the board's utilization. */
export type Span = [number, number];

export function union(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function minus(spans: Span[], holes: Span[]): Span[] {
  let rest = spans;
  for (const [h0, h1] of holes) {
    rest = rest.flatMap(([a, b]): Span[] => {
      if (h1 <= a || h0 >= b) return [[a, b]];
      const parts: Span[] = [];
      if (h0 > a) parts.push([a, h0]);
      if (h1 < b) parts.push([h1, b]);
      return parts;
    });
  }
  return rest;
}

export function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a0, a1] of a) for (const [b0, b1] of b) if (Math.max(a0, b0) < Math.min(a1, b1)) out.push([Math.max(a0, b0), Math.min(a1, b1)]);
  return out;
}

export const total = (spans: Span[]) => spans.reduce((n, [a, b]) => n + (b - a), 0);

export interface Utilization {
  openMinutes: number;
  bookedMinutes: number;
  /** 0..1; null when the suite is not open that day. */
  share: number | null;
}

export function suiteUtilization(
  floor: Pick<FloorSnapshot, 'timeZone' | 'clinicHours' | 'suites' | 'closures'>,
  sessions: { suiteId: string; startsAt: number; endsAt: number; status: string }[],
  suiteId: string,
  date: string,
): Utilization {
  const zone = floor.timeZone;
  const suite = floor.suites.find((s) => s.id === suiteId);
  const hours = (suite?.openingHours ?? floor.clinicHours).filter((h) => h.day === weekdayOf(date));
  const closed = floor.closures.filter((c) => c.suiteId === null || c.suiteId === suiteId).map((c): Span => [c.startsAt, c.endsAt]);
  const open = minus(
    union(hours.map((h): Span => [zonedToInstant(zone, date, h.open), zonedToInstant(zone, date, h.close)])),
    closed,
  );
  const booked = union(
    sessions.filter((s) => s.suiteId === suiteId && s.status !== 'cancelled' && s.status !== 'no_show').map((s): Span => [s.startsAt, s.endsAt]),
  );
  const openMs = total(open);
  const bookedMs = total(intersect(open, booked));
  return {
    openMinutes: Math.round(openMs / MINUTE),
    bookedMinutes: Math.round(bookedMs / MINUTE),
    share: openMs > 0 ? bookedMs / openMs : null,
  };
}
