/**
 * How dates and times read for remote assistants: a year whenever the date is not this year in
 * the clinic's zone, one time format (the clinic's choice), and the viewer's own time with its
 * date when their zone puts it on another day.
 */
import { describe, expect, it } from 'vitest';
import {
  byInstant,
  formatDay,
  formatDualTime,
  formatInstantDay,
  formatTime,
  formatTimeSpan,
  formatWallClock,
  needsYear,
  zoneNote,
} from '../../../src-shared/domain/clock-display';

// ICU versions differ on the space before AM/PM (U+0020, U+00A0 or U+202F).
const plain = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, ' ');
const DENVER = 'America/Denver';
const MANILA = 'Asia/Manila';
const NOW = Date.UTC(2026, 11, 1, 18); // Tue, Dec 1 2026, clinic time
// Thursday Dec 3, 6:00 PM in Denver is Friday Dec 4, 9:00 AM in Manila.
const THU_6PM_MST = Date.UTC(2026, 11, 4, 1, 0);

describe('dates carry their year when not this year in the clinic', () => {
  it('leaves this year out and names any other', () => {
    expect(formatDay('2026-07-03', DENVER, { now: NOW })).toBe('Fri, Jul 3');
    expect(formatDay('2025-07-03', DENVER, { now: NOW })).toBe('Thu, Jul 3, 2025');
    expect(formatDay('2027-01-04', DENVER, { now: NOW })).toBe('Mon, Jan 4, 2027');
    expect(formatDay('2025-07-03', DENVER, { now: NOW, style: 'long' })).toBe('Thursday, July 3, 2025');
    expect(formatDay('2026-07-03', DENVER, { now: NOW, weekday: false })).toBe('Jul 3');
  });

  it('decides "this year" in the clinic’s zone, not the viewer’s or UTC', () => {
    // 02:00 UTC on Jan 1 2027 is still Dec 31 2026 in Denver.
    const newYearUtc = Date.UTC(2027, 0, 1, 2);
    expect(needsYear('2026-12-31', DENVER, newYearUtc)).toBe(false);
    expect(needsYear('2027-01-01', DENVER, newYearUtc)).toBe(true);
    expect(formatInstantDay(Date.UTC(2025, 6, 3, 18), DENVER, { now: NOW })).toBe('Thu, Jul 3, 2025');
  });

  it('puts the year into a date and time, for the clinic and the viewer alike', () => {
    const lastJuly = Date.UTC(2025, 6, 3, 15);
    expect(plain(formatDualTime(lastJuly, DENVER, DENVER, { now: NOW }).clinic)).toBe('Thu, Jul 3, 2025, 9:00 AM MDT');
    expect(plain(formatDualTime(lastJuly, DENVER, MANILA, { now: NOW }).viewer)).toBe('Thu, Jul 3, 2025, 11:00 PM GMT+8');
  });

  it('sorts session choices by when they happen', () => {
    const s = [{ at: 3 }, { at: 1 }, { at: 2 }];
    expect(byInstant(s, (x) => x.at).map((x) => x.at)).toEqual([1, 2, 3]);
    expect(s.map((x) => x.at)).toEqual([3, 1, 2]);
  });
});

describe('one time format, the clinic’s choice', () => {
  it('writes 12-hour times by default and 24-hour ones when chosen', () => {
    expect(plain(formatTime(THU_6PM_MST, DENVER))).toBe('6:00 PM');
    expect(formatTime(THU_6PM_MST, DENVER, '24h')).toBe('18:00');
    expect(plain(formatTime(THU_6PM_MST, DENVER, '12h', { withZone: true }))).toBe('6:00 PM MST');
    expect(formatTime(Date.UTC(2026, 11, 3, 7, 5), DENVER, '24h')).toBe('00:05');
    expect(plain(formatTimeSpan(Date.UTC(2026, 11, 3, 15), Date.UTC(2026, 11, 3, 20, 30), DENVER))).toBe('8:00 AM–1:30 PM');
    expect(formatTimeSpan(Date.UTC(2026, 11, 3, 15), Date.UTC(2026, 11, 3, 20, 30), DENVER, '24h')).toBe('08:00–13:30');
  });

  it('writes a stored wall-clock time the same way', () => {
    expect(formatWallClock('18:00')).toBe('6:00 PM');
    expect(formatWallClock('00:30')).toBe('12:30 AM');
    expect(formatWallClock('12:05')).toBe('12:05 PM');
    expect(formatWallClock('07:00', '24h')).toBe('07:00');
  });

  it('uses the format on both sides of a dual time', () => {
    const r = formatDualTime(THU_6PM_MST, DENVER, MANILA, { now: NOW, format: '24h' });
    expect(r).toEqual({ clinic: 'Thu, Dec 3, 18:00 MST', viewer: 'Fri, Dec 4, 09:00 GMT+8' });
  });
});

describe('the viewer’s time with its date', () => {
  it('names the viewer’s day when it is not the clinic’s, even in a list under a day heading', () => {
    // The reminder list used to read "6:00 PM MST (your time: 9:00 AM GMT+8)" under Thursday.
    const r = formatDualTime(THU_6PM_MST, DENVER, MANILA, { withDate: false, now: NOW });
    expect({ clinic: plain(r.clinic), viewer: plain(r.viewer) }).toEqual({ clinic: '6:00 PM MST', viewer: 'Fri, Dec 4, 9:00 AM GMT+8' });
  });

  it('leaves the viewer’s date out when it is the same day, and the viewer out when the clock reads the same', () => {
    const morning = Date.UTC(2026, 11, 3, 16); // 9:00 AM in Denver, 10:00 AM in Chicago
    const r = formatDualTime(morning, DENVER, 'America/Chicago', { withDate: false, now: NOW });
    expect({ clinic: plain(r.clinic), viewer: plain(r.viewer) }).toEqual({ clinic: '9:00 AM MST', viewer: '10:00 AM CST' });
    expect(formatDualTime(morning, DENVER, 'America/Phoenix', { withDate: false, now: NOW }).viewer).toBeUndefined();
  });
});

describe('the calendar says its zone', () => {
  it('names the clinic’s zone, and how far the viewer’s clock is from it', () => {
    const at = Date.UTC(2026, 11, 3, 19);
    expect(zoneNote(DENVER, DENVER, at)).toBe('Times are clinic time (MST).');
    expect(zoneNote(DENVER, MANILA, at)).toBe('Times are clinic time (MST). Your clock (GMT+8) is 15 hours ahead.');
    expect(zoneNote(DENVER, 'America/Los_Angeles', at)).toBe('Times are clinic time (MST). Your clock (PST) is 1 hour behind.');
    expect(zoneNote(DENVER, 'Asia/Kolkata', at)).toBe('Times are clinic time (MST). Your clock (GMT+5:30) is 12 hours 30 minutes ahead.');
  });
});
