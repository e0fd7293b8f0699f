/**
 * What the wall board shows at one instant, per suite: who is in it now and in which recorded
 * phase (planned times beside it, late when behind plan), who is next, and the floor's counts
 * and utilization. Pure: the backend builds it from the day's rows and the clock; the patient
 * is only ever the label the clinic chose (initials or the day's code).
 */
import { formatTime, type TimeFormat } from '../clock-display';
import type { SessionStatus } from '../series/status-flow';
import { weekdayOf, zonedToInstant } from '../zoned-time';
import { dayCodes } from './day-code';
import { dayUtilization, type DayUtilization, type FloorDay } from './day-utilization';
import { isInSuite, sessionPhase, type SessionPhase } from './session-phase';

export type BoardIdentification = 'initials' | 'code';
export const BOARD_IDENTIFICATIONS = ['initials', 'code'] as const;

export interface BoardFloor extends FloorDay {
  suites: readonly { id: string; name: string; openingHours: FloorDay['suites'][number]['openingHours'] }[];
  closures: readonly { suiteId: string | null; startsAt: number; endsAt: number; reason: string }[];
}

export interface BoardSessionRow {
  suiteId: string;
  patientId: string;
  /** Initials only ("AR"): the board never has the name. */
  patientInitials: string;
  /** "3 of 6" */
  position: string;
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
  status: SessionStatus;
  statusTimes: Partial<Record<string, number>>;
}

export interface BoardEntry {
  label: string;
  position: string;
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
  phase: SessionPhase;
}

export interface BoardTile {
  suiteId: string;
  name: string;
  /** in_use: a patient recorded as in the clinic for it; waiting: the planned start has passed and nobody has arrived. */
  state: 'in_use' | 'waiting' | 'free' | 'closed';
  closedReason: string | null;
  now: BoardEntry | null;
  /** More patients recorded in the suite at once (a conflict the desk must see). */
  alsoInSuite: number;
  next: { label: string; position: string; startsAt: number } | null;
  /** The suite's open span today and its sessions, for the strip. */
  dayStart: number;
  dayEnd: number;
  blocks: { startsAt: number; endsAt: number; status: string }[];
}

export interface BoardView {
  tiles: BoardTile[];
  inUse: number;
  utilization: DayUtilization;
}

export function buildBoard(
  floor: BoardFloor,
  sessions: readonly BoardSessionRow[],
  date: string,
  now: number,
  identification: BoardIdentification,
  timeFormat: TimeFormat = '24h',
): BoardView {
  const zone = floor.timeZone;
  const codes = identification === 'code' ? dayCodes(date, sessions) : null;
  const label = (s: BoardSessionRow) => (codes ? (codes.get(s.patientId) ?? '—') : s.patientInitials);
  const entry = (s: BoardSessionRow): BoardEntry => ({
    label: label(s),
    position: s.position,
    startsAt: s.startsAt,
    infusionStartsAt: s.infusionStartsAt,
    recoveryStartsAt: s.recoveryStartsAt,
    endsAt: s.endsAt,
    phase: sessionPhase(s, now),
  });
  const tiles = floor.suites.map((suite): BoardTile => {
    const hours = (suite.openingHours ?? floor.clinicHours).filter((h) => h.day === weekdayOf(date));
    const dayStart = hours.length ? Math.min(...hours.map((h) => zonedToInstant(zone, date, h.open))) : zonedToInstant(zone, date, '08:00');
    const dayEnd = hours.length ? Math.max(...hours.map((h) => zonedToInstant(zone, date, h.close))) : zonedToInstant(zone, date, '18:00');
    const mine = sessions.filter((s) => s.suiteId === suite.id && s.status !== 'cancelled').sort((a, b) => a.startsAt - b.startsAt);
    // The recorded status decides who is in the suite; the clock only says who is overdue.
    const inSuite = mine.filter((s) => isInSuite(s.status));
    const overdue = mine.find((s) => s.status === 'scheduled' && s.startsAt <= now) ?? null;
    const current = inSuite[0] ?? overdue;
    const next = mine.find((s) => s.status === 'scheduled' && s !== current && (!current || s.startsAt >= current.startsAt)) ?? null;
    const closure = floor.closures.find((c) => (c.suiteId === null || c.suiteId === suite.id) && c.startsAt <= now && now < c.endsAt) ?? null;
    const openNow = hours.some((h) => zonedToInstant(zone, date, h.open) <= now && now < zonedToInstant(zone, date, h.close));
    const state: BoardTile['state'] = inSuite.length ? 'in_use' : overdue ? 'waiting' : closure || !openNow ? 'closed' : 'free';
    const closedReason =
      state !== 'closed' ? null : closure ? closure.reason : !hours.length ? 'not open today' : now < dayStart ? `opens ${formatTime(dayStart, zone, timeFormat)}` : 'closed for the day';
    return {
      suiteId: suite.id,
      name: suite.name,
      state,
      closedReason,
      now: current ? entry(current) : null,
      alsoInSuite: Math.max(0, inSuite.length - 1),
      next: next ? { label: label(next), position: next.position, startsAt: next.startsAt } : null,
      dayStart,
      dayEnd,
      blocks: mine.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, status: s.status })),
    };
  });
  return { tiles, inUse: tiles.filter((t) => t.state === 'in_use').length, utilization: dayUtilization(floor, sessions, date, now) };
}
