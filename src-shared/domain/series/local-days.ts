/**
 * Clinic-local dates and clock times for the placement rule's hot paths, without an Intl
 * call per question. zoned-time.ts answers each question with Intl (a few microseconds
 * each); the planner asks hundreds of thousands of them. Here each local date is looked
 * up with Intl once (per zone, per process), and on an ordinary day (the zone's UTC offset
 * the same from a day before to a day after it) local time is UTC plus that one offset.
 * Days around an offset change are answered by zoned-time.ts itself, so every answer is
 * exactly zoned-time's (tests compare them across DST changes in several zones).
 */
import { addDays, localDateAt, localTimeAt, offsetMsAt, parseDate, zonedToInstant } from '../zoned-time';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Dates remembered per zone before the cache starts afresh (about 55 years). */
const MAX_DAYS = 20_000;

interface LocalDay {
  date: string;
  /** Date.UTC of the date's midnight (the wall clock read as if it were UTC). */
  utcMidnight: number;
  weekday: number;
  /** The zone's offset all day (and a day either side); null on and around an offset change. */
  offset: number | null;
  /** First instant of the date and of the next one (plain days only). */
  start: number;
  next: number;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function utcDate(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export class LocalDays {
  private readonly days = new Map<string, LocalDay>();
  private readonly instants = new Map<string, number>();
  /** Days by their number since 1970-01-01 (as UTC dates). */
  private readonly byNumber = new Map<number, LocalDay>();

  constructor(readonly zone: string) {}

  private day(date: string): LocalDay {
    let d = this.days.get(date);
    if (d) return d;
    if (this.days.size >= MAX_DAYS) {
      this.days.clear();
      this.instants.clear();
      this.byNumber.clear();
    }
    const { year, month, day } = parseDate(date);
    const t = new Date(Date.UTC(2000, month - 1, day));
    t.setUTCFullYear(year);
    const utcMidnight = t.getTime();
    // The offset a day before, at, and one and two days after the date's midnight: equal
    // means no change anywhere near the date (zones change at most once in 48 hours), so
    // zoned-time's own arithmetic reduces to UTC plus this offset for every time that day.
    const o = offsetMsAt(this.zone, utcMidnight);
    const plain =
      offsetMsAt(this.zone, utcMidnight - DAY_MS) === o && offsetMsAt(this.zone, utcMidnight + DAY_MS) === o && offsetMsAt(this.zone, utcMidnight + 2 * DAY_MS) === o;
    d = {
      date,
      utcMidnight,
      weekday: t.getUTCDay(),
      offset: plain ? o : null,
      start: plain ? utcMidnight - o : zonedToInstant(this.zone, date, 0),
      next: plain ? utcMidnight + DAY_MS - o : zonedToInstant(this.zone, addDays(date, 1), 0),
    };
    this.days.set(date, d);
    return d;
  }

  /** 0 = Sunday ... 6 = Saturday. */
  weekday(date: string): number {
    return this.day(date).weekday;
  }

  /** zonedToInstant(zone, date, minutes) with the default ('compatible') disambiguation. */
  instant(date: string, minutes: number): number {
    const d = this.day(date);
    if (d.offset !== null && minutes >= 0 && minutes < 1440) return d.utcMidnight + minutes * MINUTE_MS - d.offset;
    const key = `${date}|${minutes}`;
    let t = this.instants.get(key);
    if (t === undefined) {
      t = zonedToInstant(this.zone, date, minutes);
      this.instants.set(key, t);
    }
    return t;
  }

  /** localDateAt(zone, instant). */
  dateAt(instant: number): string {
    // Guess with a nearby day's offset, then confirm the instant falls within that day.
    const number = Math.floor((instant + (this.lastOffset ?? 0)) / DAY_MS);
    let guess = this.byNumber.get(number);
    if (!guess) {
      guess = this.day(utcDate(number * DAY_MS));
      this.byNumber.set(number, guess);
    }
    const d = instant < guess.start ? this.day(this.shift(guess.date, -1)) : instant >= guess.next ? this.day(this.shift(guess.date, 1)) : guess;
    if (d.offset !== null && instant >= d.start && instant < d.next) {
      this.lastOffset = d.offset;
      return d.date;
    }
    return localDateAt(this.zone, instant);
  }

  private readonly shifted = new Map<string, string>();

  /** addDays(date, days), remembered. */
  shift(date: string, days: number): string {
    const key = `${date}|${days}`;
    let out = this.shifted.get(key);
    if (out === undefined) {
      if (this.shifted.size >= MAX_DAYS * 4) this.shifted.clear();
      out = addDays(date, days);
      this.shifted.set(key, out);
    }
    return out;
  }

  private lastOffset: number | null = null;

  /** localTimeAt(zone, instant): the wall clock's `HH:MM`. */
  timeAt(instant: number): string {
    const date = this.dateAt(instant);
    const d = this.day(date);
    if (d.offset === null) return localTimeAt(this.zone, instant);
    const minutes = Math.floor((instant + d.offset - d.utcMidnight) / MINUTE_MS);
    return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }
}

const byZone = new Map<string, LocalDays>();

/** The calendar for a zone, shared by every caller in the process (answers never change). */
export function localDays(zone: string): LocalDays {
  let c = byZone.get(zone);
  if (!c) {
    c = new LocalDays(zone);
    byZone.set(zone, c);
  }
  return c;
}
