import { describe, expect, it } from 'vitest';
import {
  addDays,
  localDateAt,
  localTimeAt,
  localToInstant,
  NonexistentTimeError,
  offsetMsAt,
  possibleInstants,
  startOfLocalDay,
  wallClockAt,
  weekdayOf,
  zonedToInstant,
} from '../../../src-main/backend/scheduling/zoned-time';

const Z = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe('offsetMsAt', () => {
  it.each([
    ['America/Chicago', '2026-01-15T12:00:00Z', -6],
    ['America/Chicago', '2026-07-15T12:00:00Z', -5],
    // The instant the clocks go forward (02:00 CST = 08:00Z) and the last minute before it.
    ['America/Chicago', '2026-03-08T07:59:59Z', -6],
    ['America/Chicago', '2026-03-08T08:00:00Z', -5],
    // Back: 02:00 CDT = 07:00Z.
    ['America/Chicago', '2026-11-01T06:59:59Z', -5],
    ['America/Chicago', '2026-11-01T07:00:00Z', -6],
    ['America/New_York', '2026-03-08T06:59:00Z', -5],
    ['America/New_York', '2026-03-08T07:00:00Z', -4],
    ['Europe/London', '2026-03-29T00:59:00Z', 0],
    ['Europe/London', '2026-03-29T01:00:00Z', 1],
    ['Europe/London', '2026-10-25T00:59:00Z', 1],
    ['Europe/London', '2026-10-25T01:00:00Z', 0],
    ['Australia/Sydney', '2026-04-04T15:59:00Z', 11],
    ['Australia/Sydney', '2026-04-04T16:00:00Z', 10],
    ['Australia/Sydney', '2026-10-03T15:59:00Z', 10],
    ['Australia/Sydney', '2026-10-03T16:00:00Z', 11],
    ['America/Phoenix', '2026-01-15T12:00:00Z', -7],
    ['America/Phoenix', '2026-07-15T12:00:00Z', -7],
    ['UTC', '2026-07-15T12:00:00Z', 0],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 5.75],
  ])('%s at %s is UTC%s h', (zone, iso, hours) => {
    expect(offsetMsAt(zone, Z(iso))).toBe(hours * H);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(offsetMsAt('America/Chicago', Z('2026-07-15T12:00:00.999Z'))).toBe(-5 * H);
  });
});

describe('zonedToInstant: ordinary times', () => {
  it.each([
    // The brief's example: the Monday after the clocks went forward is CDT.
    ['America/Chicago', '2026-03-09', '09:00', '2026-03-09T14:00:00Z'],
    ['America/Chicago', '2026-03-02', '09:00', '2026-03-02T15:00:00Z'],
    ['America/Chicago', '2026-11-02', '09:00', '2026-11-02T15:00:00Z'],
    ['America/New_York', '2026-07-01', '09:00', '2026-07-01T13:00:00Z'],
    ['America/New_York', '2026-12-31', '23:45', '2027-01-01T04:45:00Z'],
    ['Europe/London', '2026-01-15', '09:00', '2026-01-15T09:00:00Z'],
    ['Europe/London', '2026-06-15', '09:00', '2026-06-15T08:00:00Z'],
    ['Australia/Sydney', '2026-01-15', '09:00', '2026-01-14T22:00:00Z'],
    ['Australia/Sydney', '2026-07-15', '09:00', '2026-07-14T23:00:00Z'],
    ['America/Phoenix', '2026-03-08', '02:30', '2026-03-08T09:30:00Z'],
    ['America/Phoenix', '2026-11-01', '01:30', '2026-11-01T08:30:00Z'],
  ])('%s %s %s → %s', (zone, date, time, iso) => {
    expect(zonedToInstant(zone, date, time)).toBe(Z(iso));
    expect(possibleInstants(zone, { ...split(date), ...splitTime(time) })).toEqual([Z(iso)]);
    expect(localDateAt(zone, Z(iso))).toBe(date);
    expect(localTimeAt(zone, Z(iso))).toBe(time);
  });
});

describe('zonedToInstant: spring-forward gap (the wall time does not exist)', () => {
  it.each([
    // zone, date, time, compatible/later, earlier
    ['America/Chicago', '2026-03-08', '02:30', '2026-03-08T08:30:00Z', '2026-03-08T07:30:00Z'],
    ['America/Chicago', '2026-03-08', '02:00', '2026-03-08T08:00:00Z', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00Z', '2026-03-08T06:30:00Z'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30:00Z', '2026-03-29T00:30:00Z'],
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00Z', '2026-10-03T15:30:00Z'],
  ])('%s %s %s: compatible and later move it forward by the gap, earlier back', (zone, date, time, later, earlier) => {
    const local = { ...split(date), ...splitTime(time) };
    expect(possibleInstants(zone, local)).toEqual([]);
    expect(localToInstant(zone, local)).toBe(Z(later));
    expect(localToInstant(zone, local, 'compatible')).toBe(Z(later));
    expect(localToInstant(zone, local, 'later')).toBe(Z(later));
    expect(localToInstant(zone, local, 'earlier')).toBe(Z(earlier));
    expect(() => localToInstant(zone, local, 'reject')).toThrow(NonexistentTimeError);
    // 02:30 in Chicago becomes 03:30: an hour later on the wall clock.
    expect(localTimeAt(zone, Z(later))).toBe(`${String(local.hour + 1).padStart(2, '0')}:${time.slice(3)}`);
  });

  it('the minutes either side of the Chicago gap are exact', () => {
    expect(zonedToInstant('America/Chicago', '2026-03-08', '01:59')).toBe(Z('2026-03-08T07:59:00Z'));
    expect(zonedToInstant('America/Chicago', '2026-03-08', '03:00')).toBe(Z('2026-03-08T08:00:00Z'));
  });
});

describe('zonedToInstant: fall-back fold (the wall time happens twice)', () => {
  it.each([
    // zone, date, time, first (daylight time), second (standard time)
    ['America/Chicago', '2026-11-01', '01:30', '2026-11-01T06:30:00Z', '2026-11-01T07:30:00Z'],
    ['America/Chicago', '2026-11-01', '01:00', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z'],
  ])('%s %s %s: compatible and earlier give the first, later the second', (zone, date, time, first, second) => {
    const local = { ...split(date), ...splitTime(time) };
    expect(possibleInstants(zone, local)).toEqual([Z(first), Z(second)]);
    expect(localToInstant(zone, local)).toBe(Z(first));
    expect(localToInstant(zone, local, 'earlier')).toBe(Z(first));
    expect(localToInstant(zone, local, 'later')).toBe(Z(second));
    expect(() => localToInstant(zone, local, 'reject')).toThrow(/happens twice/);
    expect(localTimeAt(zone, Z(first))).toBe(time);
    expect(localTimeAt(zone, Z(second))).toBe(time);
  });

  it('02:00 in Chicago on the fall-back day happens once, in standard time', () => {
    expect(possibleInstants('America/Chicago', { year: 2026, month: 11, day: 1, hour: 2, minute: 0 })).toEqual([Z('2026-11-01T08:00:00Z')]);
  });
});

describe('agrees with a brute-force search over every minute around each change', () => {
  const CHANGES: [string, string][] = [
    ['America/Chicago', '2026-03-08'],
    ['America/Chicago', '2026-11-01'],
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-03-29'],
    ['Europe/London', '2026-10-25'],
    ['Australia/Sydney', '2026-04-05'],
    ['Australia/Sydney', '2026-10-04'],
    ['America/Phoenix', '2026-03-08'],
    ['America/Phoenix', '2026-11-01'],
  ];
  it.each(CHANGES)('%s on %s', (zone, date) => {
    // Every minute from a day before to a day after: wall clock → the instants showing it.
    const seen = new Map<string, number[]>();
    const start = Date.parse(`${date}T00:00:00Z`) - 36 * H;
    for (let t = start; t < start + 72 * H; t += 60_000) {
      const key = `${localDateAt(zone, t)} ${localTimeAt(zone, t)}`;
      (seen.get(key) ?? seen.set(key, []).get(key)!).push(t);
    }
    for (let m = 0; m < 24 * 60; m += 5) {
      const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      const expected = seen.get(`${date} ${time}`) ?? [];
      expect(possibleInstants(zone, { ...split(date), ...splitTime(time) }), `${date} ${time}`).toEqual(expected);
      if (expected.length > 0) expect(zonedToInstant(zone, date, time)).toBe(expected[0]);
    }
  });
});

describe('calendar helpers', () => {
  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-06-08', 14)).toBe('2026-06-22');
  });

  it('weekday 0 is Sunday', () => {
    expect(weekdayOf('2026-03-08')).toBe(0);
    expect(weekdayOf('2026-06-08')).toBe(1);
    expect(weekdayOf('2026-06-13')).toBe(6);
  });

  it('the local date is the zone\'s, not UTC\'s', () => {
    // 23:30 in Chicago on Nov 26 is already Nov 27 in UTC.
    expect(localDateAt('America/Chicago', Z('2026-11-27T05:30:00Z'))).toBe('2026-11-26');
    expect(localDateAt('Australia/Sydney', Z('2026-11-26T20:00:00Z'))).toBe('2026-11-27');
    expect(wallClockAt('America/Chicago', Z('2026-11-27T05:30:00Z'))).toMatchObject({ day: 26, hour: 23, minute: 30, weekday: 4 });
  });

  it('a day with a DST change is 23 or 25 hours long', () => {
    const len = (zone: string, date: string) => startOfLocalDay(zone, addDays(date, 1)) - startOfLocalDay(zone, date);
    expect(len('America/Chicago', '2026-03-08')).toBe(23 * H);
    expect(len('America/Chicago', '2026-11-01')).toBe(25 * H);
    expect(len('Europe/London', '2026-03-29')).toBe(23 * H);
    expect(len('Australia/Sydney', '2026-04-05')).toBe(25 * H);
    expect(len('America/Phoenix', '2026-03-08')).toBe(24 * H);
  });

  it('a midnight that does not exist starts the day at the end of the gap', () => {
    // Santiago moves its clocks from 00:00 to 01:00 on 2026-09-06.
    expect(localTimeAt('America/Santiago', startOfLocalDay('America/Santiago', '2026-09-06'))).toBe('01:00');
  });
});

function split(date: string) {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}
function splitTime(time: string) {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { hour, minute };
}
