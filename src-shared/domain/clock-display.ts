/**
 * How dates and times read on every screen. Times are shown in the clinic's time zone (that is
 * where the patient will be), with the viewer's own local time beside it when the two differ:
 * remote assistants often work from another zone and must not book a 9:00 that is really 10:00.
 *
 * - One time format, the clinic's choice (`TimeFormat`): "9:00 AM" (12-hour, the default, what
 *   US clinics read) or "09:00" (24-hour).
 * - A date carries its year whenever it is not the current year in the clinic's zone, so a score
 *   is never logged against last July thinking it is this July.
 * - The viewer's time carries its own date whenever that differs from the clinic's date (6:00 PM
 *   Thursday in Denver is 9:00 AM Friday in Manila).
 */
import { todayInZone } from './dates';

export const TIME_FORMATS = ['12h', '24h'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];
export const DEFAULT_TIME_FORMAT: TimeFormat = '12h';

export interface DualTime {
  clinic: string;
  /** Present only when the viewer's zone gives a different wall-clock reading. */
  viewer?: string;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep each.
const fmtCache = new Map<string, Intl.DateTimeFormat>();
function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = fmtCache.get(key);
  if (!f) fmtCache.set(key, (f = make()));
  return f;
}

function timeOptions(format: TimeFormat): Intl.DateTimeFormatOptions {
  return format === '24h' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' };
}

type DateStyle = 'short' | 'long';
function dateOptions(style: DateStyle, withYear: boolean, withWeekday = true): Intl.DateTimeFormatOptions {
  return {
    ...(withWeekday ? { weekday: style } : {}),
    month: style,
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
  };
}

/** The year of a `YYYY-MM-DD` date, or of the clinic's today. */
const yearOf = (date: string) => date.slice(0, 4);

/** True when a clinic-local date is in another year than the clinic's today. */
export function needsYear(date: string, clinicZone: string, now: number = Date.now()): boolean {
  return yearOf(date) !== yearOf(todayInZone(clinicZone, now));
}

/**
 * A calendar date (`YYYY-MM-DD`, no zone): "Fri, Jul 3", or "Fri, Jul 3, 2025" when it is not
 * this year in the clinic's zone. `style: 'long'`: "Friday, July 3".
 */
export function formatDay(
  date: string,
  clinicZone: string,
  opts: { style?: DateStyle; weekday?: boolean; now?: number; alwaysYear?: boolean } = {},
): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const style = opts.style ?? 'short';
  const withYear = opts.alwaysYear || needsYear(date, clinicZone, opts.now);
  const weekday = opts.weekday ?? true;
  const f = cached(`day|${style}|${withYear}|${weekday}`, () => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...dateOptions(style, withYear, weekday) }));
  const t = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), 12));
  t.setUTCFullYear(Number(m[1]));
  return f.format(t);
}

/** The clinic-local date of an instant, worded as `formatDay` does. */
export function formatInstantDay(instant: number, clinicZone: string, opts: { style?: DateStyle; weekday?: boolean; now?: number } = {}): string {
  return formatDay(localDate(clinicZone, instant), clinicZone, opts);
}

function localDate(zone: string, instant: number): string {
  return todayInZone(zone, instant);
}

/** A time of day at an instant in a zone: "9:00 AM" / "09:00", with " CST" when `withZone`. */
export function formatTime(instant: number, zone: string, format: TimeFormat = DEFAULT_TIME_FORMAT, opts: { withZone?: boolean } = {}): string {
  const withZone = opts.withZone ?? false;
  const f = cached(`time|${zone}|${format}|${withZone}`, () =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, ...timeOptions(format), ...(withZone ? { timeZoneName: 'short' } : {}) }),
  );
  return f.format(instant);
}

/** A wall-clock `HH:MM` (no zone, e.g. a template's "18:00") in the clinic's format: "6:00 PM" / "18:00". */
export function formatWallClock(hhmm: string, format: TimeFormat = DEFAULT_TIME_FORMAT): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const h = Number(m[1]);
  if (format === '24h') return `${String(h).padStart(2, '0')}:${m[2]}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${m[2]} ${h < 12 || h === 24 ? 'AM' : 'PM'}`;
}

/** "9:00 AM–1:30 PM" / "09:00–13:30" for a span in one zone. */
export function formatTimeSpan(startsAt: number, endsAt: number, zone: string, format: TimeFormat = DEFAULT_TIME_FORMAT): string {
  return `${formatTime(startsAt, zone, format)}–${formatTime(endsAt, zone, format)}`;
}

/** The short name of a zone at an instant: "CST", "GMT+8". */
export function zoneAbbreviation(zone: string, instant: number = Date.now()): string {
  const f = cached(`zone|${zone}`, () => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }));
  return f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

function dateTimeText(instant: number, zone: string, format: TimeFormat, withDate: boolean, withYear: boolean): string {
  const f = cached(`dt|${zone}|${format}|${withDate}|${withYear}`, () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      ...(withDate ? dateOptions('short', withYear) : {}),
      ...timeOptions(format),
      timeZoneName: 'short',
    }),
  );
  return f.format(instant);
}

/**
 * An instant in clinic time, and the viewer's own reading when their zone gives another one.
 * `withDate: false` leaves the clinic's date out (a list under a day heading), but the viewer's
 * reading still says its date when it falls on another day than the clinic's.
 */
export function formatDualTime(
  instant: number,
  clinicZone: string,
  viewerZone: string,
  opts: { withDate?: boolean; format?: TimeFormat; now?: number } = {},
): DualTime {
  const withDate = opts.withDate ?? true;
  const format = opts.format ?? DEFAULT_TIME_FORMAT;
  const now = opts.now ?? Date.now();
  const clinicDate = localDate(clinicZone, instant);
  const viewerDate = localDate(viewerZone, instant);
  const clinic = dateTimeText(instant, clinicZone, format, withDate, needsYear(clinicDate, clinicZone, now));
  const viewerWithDate = withDate || viewerDate !== clinicDate;
  const viewerText = dateTimeText(instant, viewerZone, format, viewerWithDate, needsYear(viewerDate, clinicZone, now));
  // Compare the readings without the zone label: two zone names can share a wall clock.
  const strip = (s: string) => s.replace(/\s\S+$/, '');
  if (strip(clinic) === strip(viewerText)) return { clinic };
  return { clinic, viewer: viewerText };
}

/**
 * The zone of the computer's own clock. Asking Intl builds a formatter each time (a chart's slot
 * list asked it several times per slot: 14-20 ms a chart on a busy 2-core PC), so the answer is
 * kept for a minute: a laptop that changes zone shows the new one within the minute.
 */
let viewerZone: { zone: string; at: number } | null = null;
export function viewerTimeZone(now = Date.now()): string {
  if (!viewerZone || now - viewerZone.at > 60_000 || now < viewerZone.at) viewerZone = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone, at: now };
  return viewerZone.zone;
}

/**
 * For a screen that lists times without a zone beside each (the calendar): which zone they are in,
 * and how far the viewer's own clock is from it. "Times are clinic time (CST)." or
 * "Times are clinic time (CST). Your clock (GMT+8) is 14 hours ahead."
 */
export function zoneNote(clinicZone: string, viewerZone: string, instant: number): string {
  const clinicName = zoneAbbreviation(clinicZone, instant);
  const base = `Times are clinic time (${clinicName}).`;
  const diffMinutes = offsetMinutes(viewerZone, instant) - offsetMinutes(clinicZone, instant);
  if (diffMinutes === 0) return base;
  const h = Math.floor(Math.abs(diffMinutes) / 60);
  const m = Math.abs(diffMinutes) % 60;
  const amount = [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minutes` : ''].filter(Boolean).join(' ');
  return `${base} Your clock (${zoneAbbreviation(viewerZone, instant)}) is ${amount} ${diffMinutes > 0 ? 'ahead' : 'behind'}.`;
}

function offsetMinutes(zone: string, instant: number): number {
  const f = cached(`offset|${zone}`, () =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }),
  );
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(instant)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!);
  return Math.round((asUtc - (instant - (instant % 60_000))) / 60_000);
}

/** Date-ordered copy: session pickers list sessions by when they happen, not by series. */
export function byInstant<T>(items: readonly T[], at: (t: T) => number): T[] {
  return [...items].sort((a, b) => at(a) - at(b));
}
