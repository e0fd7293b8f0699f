/**
 * Free consultation slots, and the check a booking must pass: pure functions over plain
 * data (no database, no clock), so they can be table-tested and benchmarked.
 *
 * A provider can see a patient in [start, end) when, on the clinic-local date of the start:
 *   - the whole slot lies inside one of their weekly hours blocks valid on that date,
 *     intersected with the clinic's opening hours for that weekday;
 *   - it overlaps none of their exceptions, no whole-clinic exception, none of their
 *     appointments that are not cancelled, and (when a patient is given) none of that
 *     patient's own appointments with anyone;
 *   - it does not start before `from` (the caller passes "now" or later).
 * Wall-clock bounds are turned into instants per date in the clinic's zone, so a day with a
 * DST change has the right instants (a 09:00-12:00 block is still three real hours) and
 * stepping in real time never offers a wall-clock time that does not exist.
 * Slots start on a grid of `step` minutes counted from local midnight (09:00, 09:15, ...).
 */
import type { OpeningHours } from '../../../../src-shared/api/schemas/common';
import { addDays, localDateAt, minutesOfDay, startOfLocalDay, weekdayOf, zonedToInstant } from '../zoned-time';

/** Slots start every this many minutes (wall clock, from midnight). */
export const SLOT_STEP_MINUTES = 15;

const MINUTE = 60_000;

export interface Provider {
  staffId: string;
  name: string;
}

/** A weekly hours block: clinic-local `HH:MM`, weekday 0 = Sunday, optional date bounds (inclusive). */
export interface WeeklyBlock {
  staffId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface TimeBlock {
  startsAt: number;
  endsAt: number;
}

/** Time a provider (or, with staffId null, everyone) is not available. */
export interface ExceptionBlock extends TimeBlock {
  staffId: string | null;
}

/** An appointment; cancelled ones free their time again. */
export interface AppointmentBlock extends TimeBlock {
  staffId: string;
  status?: string;
}

export interface ScheduleData {
  timeZone: string;
  openingHours: OpeningHours;
  providers: readonly Provider[];
  availability: readonly WeeklyBlock[];
  exceptions: readonly ExceptionBlock[];
  appointments: readonly AppointmentBlock[];
  /** The patient's own appointments with any provider (optional). */
  patientAppointments?: readonly AppointmentBlock[];
}

export interface SlotSearch extends ScheduleData {
  /** Earliest start (instant); the search covers the clinic-local days from its date. */
  from: number;
  days: number;
  minutes: number;
  step?: number;
  /** Slots to return; the search stops early once it has them. */
  limit?: number;
}

export interface Slot {
  staffId: string;
  startsAt: number;
  endsAt: number;
}

export interface SlotSearchResult {
  slots: Slot[];
  /** More free slots exist in the window than `limit`. */
  more: boolean;
  from: number;
  /** Start of the first clinic-local day after the window. */
  until: number;
}

// ---------------------------------------------------------------------------------------
// Building blocks

type MinuteRange = [number, number];

interface ParsedBlock {
  weekday: number;
  start: number;
  end: number;
  validFrom: string | null;
  validTo: string | null;
}

function parseBlocks(availability: readonly WeeklyBlock[]): Map<string, ParsedBlock[]> {
  const out = new Map<string, ParsedBlock[]>();
  for (const b of availability) {
    const list = out.get(b.staffId) ?? out.set(b.staffId, []).get(b.staffId)!;
    list.push({ weekday: b.weekday, start: minutesOfDay(b.startTime), end: minutesOfDay(b.endTime), validFrom: b.validFrom, validTo: b.validTo });
  }
  return out;
}

function openingByWeekday(hours: OpeningHours): MinuteRange[][] {
  const out: MinuteRange[][] = [[], [], [], [], [], [], []];
  for (const h of hours) out[h.day]!.push([minutesOfDay(h.open), minutesOfDay(h.close)]);
  for (const list of out) list.sort((a, b) => a[0] - b[0]);
  return out;
}

/** Sorted, non-overlapping union of ranges. */
function mergeRanges(ranges: MinuteRange[]): MinuteRange[] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: MinuteRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The provider's bookable wall-clock ranges on a date: their weekly blocks ∩ opening hours. */
function dayRanges(blocks: readonly ParsedBlock[] | undefined, opening: readonly MinuteRange[], date: string, weekday: number): MinuteRange[] {
  if (!blocks || opening.length === 0) return [];
  const ranges: MinuteRange[] = [];
  for (const b of blocks) {
    if (b.weekday !== weekday) continue;
    if (b.validFrom !== null && date < b.validFrom) continue;
    if (b.validTo !== null && date > b.validTo) continue;
    for (const [os, oe] of opening) {
      const s = Math.max(b.start, os);
      const e = Math.min(b.end, oe);
      if (s < e) ranges.push([s, e]);
    }
  }
  return ranges.length > 1 ? mergeRanges(ranges) : ranges;
}

/** Instants for wall-clock minutes on dates, memoised for one search. */
function instantMaker(timeZone: string) {
  const cache = new Map<string, number>();
  return (date: string, minutes: number): number => {
    const key = `${date} ${minutes}`;
    let t = cache.get(key);
    if (t === undefined) cache.set(key, (t = zonedToInstant(timeZone, date, minutes)));
    return t;
  };
}

/** Busy time as parallel sorted arrays of merged intervals (ends ascending too). */
interface BusyList {
  starts: number[];
  ends: number[];
}

function busyList(blocks: TimeBlock[]): BusyList {
  blocks.sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const b of blocks) {
    if (b.endsAt <= b.startsAt) continue;
    const n = ends.length;
    if (n > 0 && b.startsAt <= ends[n - 1]!) ends[n - 1] = Math.max(ends[n - 1]!, b.endsAt);
    else {
      starts.push(b.startsAt);
      ends.push(b.endsAt);
    }
  }
  return { starts, ends };
}

/** Index of the first busy interval ending after t (ends ascending), or length. */
function firstEndingAfter(busy: BusyList, t: number): number {
  let lo = 0;
  let hi = busy.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (busy.ends[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const isLive = (a: AppointmentBlock) => a.status !== 'cancelled';
const overlaps = (a: TimeBlock, start: number, end: number) => a.startsAt < end && start < a.endsAt;

function busyByProvider(data: ScheduleData, staffIds: readonly string[], windowStart: number, windowEnd: number): Map<string, BusyList> {
  const inWindow = (b: TimeBlock) => overlaps(b, windowStart, windowEnd);
  const shared: TimeBlock[] = [];
  for (const e of data.exceptions) if (e.staffId === null && inWindow(e)) shared.push(e);
  for (const a of data.patientAppointments ?? []) if (isLive(a) && inWindow(a)) shared.push(a);
  const own = new Map<string, TimeBlock[]>(staffIds.map((id) => [id, [...shared]]));
  for (const e of data.exceptions) if (e.staffId !== null && inWindow(e)) own.get(e.staffId)?.push(e);
  for (const a of data.appointments) if (isLive(a) && inWindow(a)) own.get(a.staffId)?.push(a);
  const out = new Map<string, BusyList>();
  for (const [id, blocks] of own) out.set(id, busyList(blocks));
  return out;
}

/** Providers by name (then id, so equal names still give one order). */
function rankProviders(providers: readonly Provider[]): Provider[] {
  return [...providers].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
// The finder

export function findFreeSlots(q: SlotSearch): SlotSearchResult {
  const step = q.step ?? SLOT_STEP_MINUTES;
  const limit = q.limit ?? Number.POSITIVE_INFINITY;
  if (!(step > 0) || !(q.minutes > 0) || !(q.days > 0)) throw new RangeError('step, minutes and days must be positive');
  const stepMs = step * MINUTE;
  const durMs = q.minutes * MINUTE;
  const zone = q.timeZone;

  const firstDate = localDateAt(zone, q.from);
  const until = startOfLocalDay(zone, addDays(firstDate, q.days));
  const providers = rankProviders(q.providers);
  const blocks = parseBlocks(q.availability);
  const opening = openingByWeekday(q.openingHours);
  const busy = busyByProvider(q, providers.map((p) => p.staffId), q.from, until + durMs);
  const at = instantMaker(zone);

  const slots: Slot[] = [];
  let more = false;
  for (let d = 0; d < q.days; d++) {
    const date = d === 0 ? firstDate : addDays(firstDate, d);
    const weekday = weekdayOf(date);
    if (opening[weekday]!.length === 0) continue;
    const day: { slot: Slot; rank: number }[] = [];
    providers.forEach((p, rank) => {
      const list = busy.get(p.staffId)!;
      for (const [s, e] of dayRanges(blocks.get(p.staffId), opening[weekday]!, date, weekday)) {
        const windowStart = at(date, s);
        const windowEnd = at(date, e);
        if (windowEnd - windowStart < durMs || windowEnd <= q.from) continue;
        // First grid point at or after the window start, counted in wall-clock minutes.
        let t = windowStart + ((step - (s % step)) % step) * MINUTE;
        if (t < q.from) t += Math.ceil((q.from - t) / stepMs) * stepMs;
        let i = firstEndingAfter(list, t);
        while (t + durMs <= windowEnd) {
          while (i < list.ends.length && list.ends[i]! <= t) i++;
          if (i < list.starts.length && list.starts[i]! < t + durMs) {
            // Busy: jump to the first grid point at or after the end of the busy time.
            t += Math.ceil((list.ends[i]! - t) / stepMs) * stepMs;
            continue;
          }
          day.push({ slot: { staffId: p.staffId, startsAt: t, endsAt: t + durMs }, rank });
          t += stepMs;
        }
      }
    });
    day.sort((a, b) => a.slot.startsAt - b.slot.startsAt || a.rank - b.rank);
    for (const x of day) slots.push(x.slot);
    if (slots.length > limit) {
      more = true;
      break;
    }
  }
  return { slots: slots.length > limit ? slots.slice(0, limit) : slots, more, from: q.from, until };
}

// ---------------------------------------------------------------------------------------
// The booking check

export type SlotCheck<D extends ScheduleData> =
  | { ok: true }
  | { ok: false; reason: 'past' }
  /** `windows`: the provider's bookable time that day (maybe none). */
  | { ok: false; reason: 'outside_hours'; windows: TimeBlock[] }
  | { ok: false; reason: 'exception'; exception: D['exceptions'][number] }
  | { ok: false; reason: 'booked'; appointment: D['appointments'][number] }
  | { ok: false; reason: 'patient_busy'; appointment: NonNullable<D['patientAppointments']>[number] };

/**
 * Can `staffId` see a patient in [startsAt, startsAt + minutes)? The same rules as the
 * finder, except the grid: a booking may start at any whole minute inside the hours.
 */
export function checkSlot<D extends ScheduleData>(
  data: D,
  slot: { staffId: string; startsAt: number; minutes: number; now: number },
): SlotCheck<D> {
  const { staffId, startsAt, now } = slot;
  const endsAt = startsAt + slot.minutes * MINUTE;
  if (startsAt < now) return { ok: false, reason: 'past' };

  const date = localDateAt(data.timeZone, startsAt);
  const weekday = weekdayOf(date);
  const ranges = dayRanges(parseBlocks(data.availability).get(staffId), openingByWeekday(data.openingHours)[weekday]!, date, weekday);
  const windows = ranges.map(([s, e]) => ({ startsAt: zonedToInstant(data.timeZone, date, s), endsAt: zonedToInstant(data.timeZone, date, e) }));
  if (!windows.some((w) => w.startsAt <= startsAt && endsAt <= w.endsAt)) return { ok: false, reason: 'outside_hours', windows };

  const exception = data.exceptions.find((e) => (e.staffId === null || e.staffId === staffId) && overlaps(e, startsAt, endsAt));
  if (exception) return { ok: false, reason: 'exception', exception };
  const appointment = data.appointments.find((a) => a.staffId === staffId && isLive(a) && overlaps(a, startsAt, endsAt));
  if (appointment) return { ok: false, reason: 'booked', appointment };
  const own = data.patientAppointments?.find((a) => isLive(a) && overlaps(a, startsAt, endsAt));
  if (own) return { ok: false, reason: 'patient_busy', appointment: own };
  return { ok: true };
}
