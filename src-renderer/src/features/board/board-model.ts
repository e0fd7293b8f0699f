/**
 * What the wall board shows for each suite at one instant: the patient in it and their
 * phase, the next patient, how much of the day is booked, and the day's blocks for the strip.
 * Pure, from the calendar data for the day and the time now.
 */
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { suiteUtilization } from '../../../../src-shared/domain/series/utilization';
import { localTimeAt, weekdayOf, zonedToInstant } from '../../../../src-shared/domain/zoned-time';

type CalendarData = MethodOutput<'sessions.calendar'>;
type Session = CalendarData['sessions'][number];

export type Phase = 'prep' | 'infusing' | 'recovery';

export interface NowInSuite {
  session: Session;
  phase: Phase;
  /** When the phase ends (planned). */
  phaseEndsAt: number;
  /** The recorded status when it is ahead of the clock (e.g. arrived, IV placed). */
  statusWord: string;
}

export interface SuiteTile {
  suiteId: string;
  name: string;
  state: 'in_use' | 'free' | 'closed';
  closedReason: string | null;
  now: NowInSuite | null;
  next: Session | null;
  share: number | null;
  /** The open span of the day and the sessions in it, for the strip. */
  dayStart: number;
  dayEnd: number;
  blocks: { startsAt: number; endsAt: number; status: string }[];
}

const LIVE = (s: Session) => s.status !== 'cancelled' && s.status !== 'no_show' && s.status !== 'discharged';

const STATUS_WORD: Record<string, string> = {
  scheduled: 'Expected',
  arrived: 'Arrived',
  iv_placed: 'IV placed',
  infusing: 'Infusing',
  recovery: 'In recovery',
};

function phaseAt(s: Session, now: number): { phase: Phase; endsAt: number } {
  // The recorded status wins when the nurse has moved it on; otherwise the planned phases.
  if (s.status === 'recovery' || (s.status !== 'infusing' && now >= s.recoveryStartsAt)) return { phase: 'recovery', endsAt: s.endsAt };
  if (s.status === 'infusing' || now >= s.infusionStartsAt) return { phase: 'infusing', endsAt: s.recoveryStartsAt };
  return { phase: 'prep', endsAt: s.infusionStartsAt };
}

export function boardTiles(data: CalendarData, date: string, now: number): SuiteTile[] {
  const floor = data.floor;
  const zone = floor.timeZone;
  return floor.suites.map((suite) => {
    const hours = (suite.openingHours ?? floor.clinicHours).filter((h) => h.day === weekdayOf(date));
    const dayStart = hours.length ? Math.min(...hours.map((h) => zonedToInstant(zone, date, h.open))) : zonedToInstant(zone, date, '08:00');
    const dayEnd = hours.length ? Math.max(...hours.map((h) => zonedToInstant(zone, date, h.close))) : zonedToInstant(zone, date, '18:00');
    const mine = data.sessions.filter((s) => s.suiteId === suite.id).sort((a, b) => a.startsAt - b.startsAt);
    const current = mine.find((s) => LIVE(s) && s.startsAt <= now && now < s.endsAt) ?? null;
    const next = mine.find((s) => LIVE(s) && s.startsAt > now && s.status === 'scheduled') ?? null;
    const closure = floor.closures.find((c) => (c.suiteId === null || c.suiteId === suite.id) && c.startsAt <= now && now < c.endsAt) ?? null;
    const openNow = hours.some((h) => zonedToInstant(zone, date, h.open) <= now && now < zonedToInstant(zone, date, h.close));
    const util = suiteUtilization(floor, mine, suite.id, date);
    let nowInSuite: NowInSuite | null = null;
    if (current) {
      const p = phaseAt(current, now);
      nowInSuite = { session: current, phase: p.phase, phaseEndsAt: p.endsAt, statusWord: STATUS_WORD[current.status] ?? current.status };
    }
    return {
      suiteId: suite.id,
      name: suite.name,
      state: current ? 'in_use' : closure || !openNow ? 'closed' : 'free',
      closedReason: closure ? closure.reason : !openNow && !current ? (!hours.length ? 'not open today' : now < dayStart ? `opens ${localTimeAt(zone, dayStart)}` : 'closed for the day') : null,
      now: nowInSuite,
      next,
      share: util.share,
      dayStart,
      dayEnd,
      blocks: mine.filter((s) => s.status !== 'cancelled').map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, status: s.status })),
    };
  });
}

/** The floor's booked share of open suite time today (suites not open today left out). */
export function floorShare(data: CalendarData, date: string): number | null {
  let open = 0;
  let booked = 0;
  for (const s of data.floor.suites) {
    const u = suiteUtilization(data.floor, data.sessions, s.id, date);
    open += u.openMinutes;
    booked += u.bookedMinutes;
  }
  return open > 0 ? booked / open : null;
}
