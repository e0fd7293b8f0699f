import { describe, expect, it } from 'vitest';
import { arrivalAt, offsetLabel, reminderDueAt } from '../../../src-main/backend/reminders/rules/due';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const CHICAGO = 'America/Chicago';
const HOUR = 3_600_000;
const at = (date: string, time: string, zone = CHICAGO) => zonedToInstant(zone, date, time);
const iso = (t: number) => new Date(t).toISOString();

describe('when a reminder is due', () => {
  it('48 hours before, on an ordinary week, is two days earlier at the same clinic time', () => {
    const session = at('2026-12-09', '10:00'); // Wednesday
    expect(reminderDueAt({ kind: 'hours_before', hours: 48 }, session, CHICAGO)).toBe(at('2026-12-07', '10:00'));
    expect(session - reminderDueAt({ kind: 'hours_before', hours: 48 }, session, CHICAGO)).toBe(48 * HOUR);
  });

  it('across the autumn clock change it keeps the time of day (49 elapsed hours)', () => {
    // Clocks go back at 02:00 on Sunday 1 November 2026 in Chicago.
    const session = at('2026-11-02', '10:00'); // Monday, CST (16:00Z)
    const due = reminderDueAt({ kind: 'hours_before', hours: 48 }, session, CHICAGO);
    expect(iso(due)).toBe('2026-10-31T15:00:00.000Z'); // Saturday 10:00 CDT
    expect(session - due).toBe(49 * HOUR);
  });

  it('across the spring clock change it keeps the time of day (47 elapsed hours)', () => {
    // Clocks go forward at 02:00 on Sunday 8 March 2026 in Chicago.
    const session = at('2026-03-09', '10:00'); // Monday, CDT (15:00Z)
    const due = reminderDueAt({ kind: 'hours_before', hours: 48 }, session, CHICAGO);
    expect(iso(due)).toBe('2026-03-07T16:00:00.000Z'); // Saturday 10:00 CST
    expect(session - due).toBe(47 * HOUR);
  });

  it('a due time inside the spring-forward gap moves forward by the gap', () => {
    const session = at('2026-03-08', '10:30');
    // 8 hours earlier on the wall clock is 02:30, which does not exist that night: 03:30 CDT.
    expect(iso(reminderDueAt({ kind: 'hours_before', hours: 8 }, session, CHICAGO))).toBe('2026-03-08T08:30:00.000Z');
  });

  it('the day before at 18:00 is the previous clinic date at 18:00, whatever the offset', () => {
    expect(reminderDueAt({ kind: 'day_before', time: '18:00' }, at('2026-11-02', '07:30'), CHICAGO)).toBe(at('2026-11-01', '18:00'));
    expect(iso(at('2026-11-01', '18:00'))).toBe('2026-11-02T00:00:00.000Z'); // CST after the change
    expect(iso(reminderDueAt({ kind: 'day_before', time: '18:00' }, at('2026-03-09', '07:30'), CHICAGO))).toBe('2026-03-08T23:00:00.000Z'); // CDT
  });

  it('the day before is the clinic’s day, not UTC’s', () => {
    // 20:00 in Honolulu is already the next day in UTC.
    const zone = 'Pacific/Honolulu';
    const session = at('2026-12-10', '20:00', zone);
    expect(reminderDueAt({ kind: 'day_before', time: '18:00' }, session, zone)).toBe(at('2026-12-09', '18:00', zone));
  });

  it('patients arrive the clinic’s lead before IV preparation starts', () => {
    const session = at('2026-12-09', '10:00');
    expect(arrivalAt(session, 15)).toBe(at('2026-12-09', '09:45'));
    expect(arrivalAt(session, 0)).toBe(session);
  });

  it('offsets read in plain words', () => {
    expect(offsetLabel({ kind: 'hours_before', hours: 48 })).toBe('48 hours (2 days) before');
    expect(offsetLabel({ kind: 'hours_before', hours: 1 })).toBe('1 hour before');
    expect(offsetLabel({ kind: 'hours_before', hours: 24 })).toBe('24 hours before');
    expect(offsetLabel({ kind: 'day_before', time: '18:00' })).toBe('The day before at 18:00');
  });
});
