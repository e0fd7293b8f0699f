/** How an authorization reads at a glance on the chart and the work list (renderer rules, no I/O). */
import { describe, expect, it } from 'vitest';
import { coversText, daysBetween, sessionCounts, timingNote } from '../../../src-renderer/src/features/authorizations/labels';
import { gapText, minutesText } from '../../../src-renderer/src/features/settings/floor/labels';

const approved = { status: 'approved' as const, startDate: '2026-12-01', endDate: '2026-12-31' };

describe('authorization at a glance', () => {
  it('counts calendar days across a DST change and a year end', () => {
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2); // US clocks go forward on 03-08
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
  });

  it('says how long an approval has left, warning in its last two weeks', () => {
    expect(timingNote(approved, '2026-11-20')).toEqual({ text: 'Starts in 11 days', tone: 'neutral' });
    expect(timingNote(approved, '2026-12-01')).toEqual({ text: '30 days left', tone: 'ok' });
    expect(timingNote(approved, '2026-12-18')).toEqual({ text: '13 days left', tone: 'warning' });
    expect(timingNote(approved, '2026-12-30')).toEqual({ text: '1 day left', tone: 'warning' });
    expect(timingNote(approved, '2026-12-31')).toEqual({ text: 'Last day today', tone: 'warning' });
    expect(timingNote(approved, '2027-01-03')).toEqual({ text: 'Ended 3 days ago', tone: 'danger' });
  });

  it('says nothing about timing for a request not approved, or an approval with no end date', () => {
    expect(timingNote({ ...approved, status: 'pending' }, '2026-12-10')).toBeNull();
    expect(timingNote({ ...approved, endDate: null }, '2026-12-10')).toBeNull();
  });

  it('gives approved, used (given), booked and left, negative when more are held than approved', () => {
    expect(sessionCounts({ approvedSessions: 6, sessionsUsed: 2, sessionsBooked: 1 })).toEqual({ approved: 6, used: 2, booked: 1, left: 3 });
    expect(sessionCounts({ approvedSessions: 6, sessionsUsed: 2, sessionsBooked: 6 })).toEqual({ approved: 6, used: 2, booked: 6, left: -2 });
    expect(sessionCounts({ approvedSessions: null, sessionsUsed: 0, sessionsBooked: 0 })).toBeNull();
  });

  it('writes the dates covered the US way', () => {
    expect(coversText(approved)).toBe('12/01/2026 – 12/31/2026');
    expect(coversText({ startDate: '2026-12-01', endDate: null })).toBe('from 12/01/2026');
    expect(coversText({ startDate: null, endDate: null })).toBeNull();
  });
});

describe('series template wording', () => {
  it('writes session lengths in hours and minutes', () => {
    expect(minutesText(330)).toBe('5 h 30 min');
    expect(minutesText(240)).toBe('4 h');
    expect(minutesText(45)).toBe('45 min');
  });

  it('writes the gaps between sessions', () => {
    expect(gapText(1, 1)).toBe('on consecutive days');
    expect(gapText(7, 7)).toBe('exactly 7 days apart');
    expect(gapText(1, 4)).toBe('1 to 4 days apart');
  });
});
