/**
 * Lookups for the placement rule, built once per PlannerInput: the booked sessions by suite,
 * by supervisor and by patient, each sorted by time, so a check looks only at the sessions
 * near the one being placed instead of every session in the input; suites and staff by id;
 * and the zone's local-day calendar. The rule (placement.ts) applies its exact tests to
 * what a lookup returns, and every lookup returns a superset of the sessions those tests
 * could match, in the input's order, so the reasons come out as a full scan gives them.
 *
 * Inputs are plain data and are treated as immutable: the index is kept in a WeakMap keyed
 * by the input object and is rebuilt if its lists are replaced or change length.
 */
import { localDays, type LocalDays } from './local-days';
import { minutesOfDay } from '../zoned-time';
import { formatWallClock, type TimeFormat } from '../clock-display';
import type { BookedSession, PlannerInput, ShiftSpec, StaffSpec, SuiteSpec } from './planner-types';

/** Sessions sorted by a key instant, with the longest reach past that key among them. */
export class TimeIndex {
  private readonly keys: number[];
  private readonly items: BookedSession[];
  private readonly order: number[];
  /** The most any session reaches past its key: a query widens its lower bound by this. */
  readonly reach: number;

  constructor(entries: { session: BookedSession; order: number; key: number; end: number }[]) {
    entries.sort((a, b) => a.key - b.key || a.order - b.order);
    this.keys = entries.map((e) => e.key);
    this.items = entries.map((e) => e.session);
    this.order = entries.map((e) => e.order);
    this.reach = entries.reduce((m, e) => Math.max(m, e.end - e.key), 0);
  }

  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Every session whose key lies in [from - reach, to), in the input's order: a superset of
   * those whose span [key, key + reach] meets [from, to).
   */
  near(from: number, to: number): BookedSession[] {
    const a = this.lowerBound(from - this.reach);
    const b = this.lowerBound(to);
    if (b - a <= 1) return b > a ? [this.items[a]!] : [];
    const picked: number[] = [];
    for (let i = a; i < b; i++) picked.push(i);
    picked.sort((x, y) => this.order[x]! - this.order[y]!);
    return picked.map((i) => this.items[i]!);
  }
}

/** One opening interval of a suite on a weekday, with its clock times parsed. */
export interface OpenHours {
  open: string;
  close: string;
  openMinutes: number;
  closeMinutes: number;
}

export interface PlacementIndex {
  days: LocalDays;
  suites: Map<string, SuiteSpec>;
  staff: Map<string, StaffSpec>;
  /** A suite's opening intervals on a weekday (its own hours, else the clinic's), in order; and as the reason lists them. */
  hours(suite: SuiteSpec, weekday: number): { hours: OpenHours[]; text: string };
  /** A person's shifts on a weekday, in the order of their list. */
  shifts(staff: StaffSpec, weekday: number): ShiftSpec[];
  /**
   * Words about a session ("Suite 2 is booked 10:00-14:30"), built once per session object
   * and kind: the same session always gives the same words. Sessions are not changed once
   * made (a moved session is a new object), so the words stay right.
   */
  said(session: object, kind: 'suite' | 'patient' | 'iv' | 'covering', words: () => string): string;
  /** "08:00-13:30" or "8:00 AM–1:30 PM": a span of local clock times in the input's time format. */
  span(t0: number, t1: number): string;
  /** Booked sessions the rule counts (ignored ones left out), in the input's order. */
  booked: BookedSession[];
  /** Keyed by startsAt; reach to endsAt. */
  bySuite: Map<string, TimeIndex>;
  /** Keyed by the earliest of a session's phase instants; reach to the latest. */
  bySupervisor: Map<string, TimeIndex>;
  byPatient: Map<string, BookedSession[]>;
}

interface Cached {
  index: PlacementIndex;
  booked: readonly BookedSession[];
  bookedLength: number;
  suites: readonly SuiteSpec[];
  suitesLength: number;
  staff: readonly StaffSpec[];
  staffLength: number;
  ignore: readonly string[] | undefined;
  ignoreLength: number;
  timeZone: string;
  timeFormat: TimeFormat | undefined;
}

const cache = new WeakMap<PlannerInput, Cached>();

/** Two local "HH:MM" clock times as the reasons word them: 24-hour as stored, else "8:00 AM–1:30 PM". */
function clockSpan(from: string, to: string, format: TimeFormat | undefined): string {
  return format === undefined || format === '24h' ? `${from}-${to}` : `${formatWallClock(from, format)}–${formatWallClock(to, format)}`;
}

function build(input: PlannerInput): PlacementIndex {
  const ignore = new Set(input.ignoreSessionIds ?? []);
  const booked = input.booked.filter((b) => !ignore.has(b.sessionId));
  const suites = new Map<string, SuiteSpec>();
  for (const s of input.suites) if (!suites.has(s.id)) suites.set(s.id, s);
  const staff = new Map<string, StaffSpec>();
  for (const s of input.staff) if (!staff.has(s.id)) staff.set(s.id, s);

  type Entry = { session: BookedSession; order: number; key: number; end: number };
  const suiteEntries = new Map<string, Entry[]>();
  const supervisorEntries = new Map<string, Entry[]>();
  const byPatient = new Map<string, BookedSession[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  booked.forEach((b, order) => {
    push(suiteEntries, b.suiteId, { session: b, order, key: b.startsAt, end: Math.max(b.startsAt, b.endsAt) });
    if (b.supervisorId !== null) {
      const lo = Math.min(b.startsAt, b.infusionStartsAt, b.recoveryStartsAt);
      const hi = Math.max(b.startsAt, b.infusionStartsAt, b.recoveryStartsAt);
      push(supervisorEntries, b.supervisorId, { session: b, order, key: lo, end: hi });
    }
    push(byPatient, b.patientId, b);
  });
  const toIndex = (m: Map<string, Entry[]>) => new Map([...m].map(([k, v]) => [k, new TimeIndex(v)] as const));

  const days = localDays(input.timeZone);
  const hoursBySuite = new Map<SuiteSpec, { hours: OpenHours[]; text: string }[]>();
  const shiftsByStaff = new Map<StaffSpec, ShiftSpec[][]>();
  const said = new WeakMap<object, Partial<Record<'suite' | 'patient' | 'iv' | 'covering', string>>>();
  return {
    days,
    suites,
    staff,
    hours(suite, weekday) {
      let week = hoursBySuite.get(suite);
      if (!week) hoursBySuite.set(suite, (week = []));
      let day = week[weekday];
      if (!day) {
        const hours = (suite.openingHours ?? input.clinicHours)
          .filter((h) => h.day === weekday)
          .map((h) => ({ open: h.open, close: h.close, openMinutes: minutesOfDay(h.open), closeMinutes: minutesOfDay(h.close) }));
        day = week[weekday] = { hours, text: hours.map((h) => clockSpan(h.open, h.close, input.timeFormat)).join(', ') };
      }
      return day;
    },
    shifts(person, weekday) {
      let week = shiftsByStaff.get(person);
      if (!week) {
        week = [0, 1, 2, 3, 4, 5, 6].map((day) => person.shifts.filter((x) => x.weekday === day));
        shiftsByStaff.set(person, week);
      }
      return week[weekday] ?? [];
    },
    span: (t0, t1) => clockSpan(days.timeAt(t0), days.timeAt(t1), input.timeFormat),
    said(b, kind, words) {
      let known = said.get(b);
      if (!known) said.set(b, (known = {}));
      return (known[kind] ??= words());
    },
    booked,
    bySuite: toIndex(suiteEntries),
    bySupervisor: toIndex(supervisorEntries),
    byPatient,
  };
}

/** The index for an input, built on first use and kept while the input's lists stay as they were. */
export function placementIndex(input: PlannerInput): PlacementIndex {
  const c = cache.get(input);
  if (
    c &&
    c.booked === input.booked &&
    c.bookedLength === input.booked.length &&
    c.suites === input.suites &&
    c.suitesLength === input.suites.length &&
    c.staff === input.staff &&
    c.staffLength === input.staff.length &&
    c.ignore === input.ignoreSessionIds &&
    c.ignoreLength === (input.ignoreSessionIds?.length ?? 0) &&
    c.timeZone === input.timeZone &&
    c.timeFormat === input.timeFormat
  ) {
    return c.index;
  }
  const index = build(input);
  cache.set(input, {
    index,
    booked: input.booked,
    bookedLength: input.booked.length,
    suites: input.suites,
    suitesLength: input.suites.length,
    staff: input.staff,
    staffLength: input.staff.length,
    ignore: input.ignoreSessionIds,
    ignoreLength: input.ignoreSessionIds?.length ?? 0,
    timeZone: input.timeZone,
    timeFormat: input.timeFormat,
  });
  return index;
}
