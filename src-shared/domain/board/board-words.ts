/**
 * The board's words for a session and for the floor, in the clinic's time: the recorded status
 * first ("Infusing"), when it was recorded ("since 9:35"), the plan beside it ("planned
 * 9:30–11:30", "infusion due 9:30"), and lateness in minutes. Pure, so the wording is tested without a browser.
 */
import { formatTime, type TimeFormat } from '../clock-display';
import type { BoardEntry } from './board-view';
import type { DayUtilization } from './day-utilization';

export interface EntryWords {
  /** The recorded status in a word or two: "Infusing". */
  status: string;
  /** When it was recorded: "since 09:35"; null when no time was recorded. */
  when: string | null;
  /** The plan beside it: "planned 09:30–11:30". */
  plan: string;
  /** "25 min late"; null when on time. */
  late: string | null;
}

/** "9:30–11:30 AM" when both ends share AM or PM (shorter on a narrow tile), else "11:30 AM–1:30 PM"; "09:30–11:30" in 24-hour. */
export function boardSpan(from: number, until: number, zone: string, format: TimeFormat): string {
  const a = formatTime(from, zone, format);
  const b = formatTime(until, zone, format);
  if (format === '12h' && a.slice(-2) === b.slice(-2)) return `${a.slice(0, -3)}–${b}`;
  return `${a}–${b}`;
}

/**
 * "25 min late", "60 min late"; from 90 minutes in hours and minutes, "1 h 35 min late",
 * "22 h late", which a nurse reads across the room without working out 1,317 minutes.
 */
export function lateWords(minutes: number): string {
  if (minutes < 90) return `${minutes} min late`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h late` : `${h} h ${m} min late`;
}

export function entryWords(e: BoardEntry, zone: string, format: TimeFormat = '24h'): EntryWords {
  const t = (ms: number) => formatTime(ms, zone, format);
  const span = (a: number, b: number) => boardSpan(a, b, zone, format);
  const p = e.phase;
  const since = p.since === null ? null : t(p.since);
  const late = p.late ? lateWords(p.behindMinutes) : null;
  switch (p.status) {
    case 'scheduled':
      return { status: p.late ? 'Not arrived' : 'Expected', when: `due ${t(e.startsAt)}`, plan: `planned ${span(e.startsAt, e.endsAt)}`, late };
    case 'arrived':
      return { status: 'Arrived', when: since && `at ${since}`, plan: `infusion due ${t(e.infusionStartsAt)}`, late };
    case 'iv_placed':
      return { status: 'IV placed', when: since && `at ${since}`, plan: `infusion due ${t(e.infusionStartsAt)}`, late };
    case 'infusing':
      return { status: 'Infusing', when: since && `since ${since}`, plan: `planned ${span(e.infusionStartsAt, e.recoveryStartsAt)}`, late };
    case 'recovery':
      return { status: 'In recovery', when: since && `since ${since}`, plan: `discharge due ${t(e.endsAt)}`, late };
    default:
      return { status: p.status, when: since, plan: `planned ${span(e.startsAt, e.endsAt)}`, late: null };
  }
}

/** Suite-hours to one decimal, "48" rather than "48.0". */
const hours = (minutes: number) => {
  const h = Math.round(minutes / 6) / 10;
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
};
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** "Scheduled 72% · 63.5 of 88 suite-hours booked" and "Actual 58% · 23 of 40 open suite-hours so far". */
export function utilizationWords(u: DayUtilization): { scheduled: string; actual: string } {
  return {
    scheduled:
      u.scheduledShare === null ? 'Scheduled — no suite open today' : `Scheduled ${pct(u.scheduledShare)} · ${hours(u.bookedMinutes)} of ${hours(u.openMinutes)} suite-hours booked`,
    actual:
      u.actualShare === null
        ? 'Actual — no suite open yet'
        : `Actual ${pct(u.actualShare)} · ${hours(u.occupiedMinutes)} of ${hours(u.openSoFarMinutes)} open suite-hours so far`,
  };
}
