/**
 * Wall-clock time in an IANA zone ↔ instants (epoch ms, UTC), with Intl.DateTimeFormat
 * only: no Temporal, no tz database of our own. Pure and dependency-free so the renderer can
 * use it too (it may move to src-shared/domain later).
 *
 * Converting a local date and time to an instant follows Temporal's rules
 * (`Temporal.ZonedDateTime.from(..., { disambiguation })`):
 *   - a wall time that exists once gives that instant;
 *   - a wall time that happens twice (the fall-back hour) gives the earlier one under
 *     'compatible' and 'earlier', the later one under 'later';
 *   - a wall time that does not exist (the spring-forward gap) is moved forward by the
 *     length of the gap under 'compatible' and 'later' (02:30 → 03:30), backward under
 *     'earlier' (02:30 → 01:30); 'reject' throws for both.
 * The offset around a wall time is looked up one day before and one day after it; this is
 * right whenever a zone changes its offset at most once in 48 hours, which every zone in
 * use today does.
 */

export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

export interface LocalDateTime {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------
// Offsets

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for a zone the runtime does not know.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// en-US with h23 formats as "3/8/2026, 03:00:00"; format() is several times faster than
// formatToParts(), which stays as the fallback should a runtime format differently.
const EN_US = /^(\d{1,2})\/(\d{1,2})\/(\d{1,6}),? (\d{1,2}):(\d{2}):(\d{2})$/;

function fieldsAt(timeZone: string, instant: number): [number, number, number, number, number, number] {
  const f = formatter(timeZone);
  const m = EN_US.exec(f.format(instant));
  if (m) return [Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])];
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return [parts.year!, parts.month!, parts.day!, parts.hour! % 24, parts.minute!, parts.second!];
}

/** The zone's offset from UTC at an instant, in milliseconds (Chicago in winter: -6 h). */
export function offsetMsAt(timeZone: string, instant: number): number {
  const [y, mo, d, h, mi, s] = fieldsAt(timeZone, instant);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return asUtc - wholeSecond;
}

/** The wall clock in a zone at an instant; weekday 0 = Sunday. */
export function wallClockAt(timeZone: string, instant: number): Required<LocalDateTime> & { weekday: number } {
  const [year, month, day, hour, minute, second] = fieldsAt(timeZone, instant);
  return { year, month, day, hour, minute, second, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

// ---------------------------------------------------------------------------------------
// Local → instant

function localAsUtc(local: LocalDateTime): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0));
  d.setUTCFullYear(local.year);
  return d.getTime();
}

/**
 * Every instant at which the zone's clocks read `local`: one normally, two in a fall-back
 * hour, none in a spring-forward gap. Ascending.
 */
export function possibleInstants(timeZone: string, local: LocalDateTime): number[] {
  const l = localAsUtc(local);
  const before = offsetMsAt(timeZone, l - DAY_MS);
  const after = offsetMsAt(timeZone, l + DAY_MS);
  const out: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const t = l - offset;
    if (offsetMsAt(timeZone, t) === offset) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

export class NonexistentTimeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'NonexistentTimeError';
  }
}

/** The instant at which the zone's clocks read `local`, disambiguated as Temporal does. */
export function localToInstant(timeZone: string, local: LocalDateTime, disambiguation: Disambiguation = 'compatible'): number {
  const found = possibleInstants(timeZone, local);
  if (found.length === 1) return found[0]!;
  const label = `${formatLocalDate(local.year, local.month, local.day)} ${pad2(local.hour)}:${pad2(local.minute)} in ${timeZone}`;
  if (found.length > 1) {
    if (disambiguation === 'reject') throw new NonexistentTimeError(`${label} happens twice (clocks go back)`);
    return disambiguation === 'later' ? found[found.length - 1]! : found[0]!;
  }
  // In a gap: the offsets before and after it.
  if (disambiguation === 'reject') throw new NonexistentTimeError(`${label} does not exist (clocks go forward)`);
  const l = localAsUtc(local);
  const before = offsetMsAt(timeZone, l - DAY_MS);
  const after = offsetMsAt(timeZone, l + DAY_MS);
  return disambiguation === 'earlier' ? l - after : l - before;
}

// ---------------------------------------------------------------------------------------
// Calendar dates (YYYY-MM-DD) and clock times (HH:MM)

const pad2 = (n: number) => String(n).padStart(2, '0');
const formatLocalDate = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

export function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** `HH:MM` → minutes after midnight. */
export function minutesOfDay(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) throw new RangeError(`not a clock time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes after midnight → `HH:MM`. */
export function clockTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(year, month - 1, day + days);
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseDate(date);
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(year, month - 1, day);
  return t.getUTCDay();
}

/** The calendar date in the zone at an instant. */
export function localDateAt(timeZone: string, instant: number): string {
  const [y, mo, d] = fieldsAt(timeZone, instant);
  return formatLocalDate(y, mo, d);
}

/** The wall-clock time `HH:MM` in the zone at an instant. */
export function localTimeAt(timeZone: string, instant: number): string {
  const [, , , h, mi] = fieldsAt(timeZone, instant);
  return `${pad2(h)}:${pad2(mi)}`;
}

/** The instant a local date and `HH:MM` (or minutes after midnight) names in the zone. */
export function zonedToInstant(
  timeZone: string,
  date: string,
  time: string | number,
  disambiguation: Disambiguation = 'compatible',
): number {
  const minutes = typeof time === 'number' ? time : minutesOfDay(time);
  return localToInstant(
    timeZone,
    { ...parseDate(date), hour: Math.floor(minutes / 60), minute: minutes % 60 },
    disambiguation,
  );
}

/** The first instant of a local date (its midnight, or the end of a gap that swallows it). */
export function startOfLocalDay(timeZone: string, date: string): number {
  return zonedToInstant(timeZone, date, 0);
}

export const MS = { minute: MINUTE_MS, day: DAY_MS } as const;
