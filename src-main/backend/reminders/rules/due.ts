/**
 * When a reminder is due, and when the patient should arrive. Pure; clinic time through
 * src-shared/domain/zoned-time.ts.
 *
 * "48 hours before" is counted on the clinic's wall clock, not in elapsed hours: a reminder for
 * a Monday 10:00 session goes on Saturday at 10:00 even when the clocks changed on Sunday, so
 * patients get it at the time of day they expect. A wall time that does not exist (inside the
 * spring-forward gap) moves forward by the gap, and one that happens twice takes the earlier,
 * as Temporal's 'compatible' disambiguation does.
 */
import type { ReminderOffset } from '../../../../src-shared/api/schemas/reminders';
import { addDays, localDateAt, localToInstant, wallClockAt, zonedToInstant } from '../../../../src-shared/domain/zoned-time';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The instant a reminder with this offset is due for a session starting at `startsAt`. */
export function reminderDueAt(offset: ReminderOffset, startsAt: number, timeZone: string): number {
  if (offset.kind === 'day_before') {
    return zonedToInstant(timeZone, addDays(localDateAt(timeZone, startsAt), -1), offset.time);
  }
  const w = wallClockAt(timeZone, startsAt);
  // Naive arithmetic on the wall clock (as if the zone were UTC), then back into the zone.
  const naive = new Date(Date.UTC(2000, 0, 1, w.hour, w.minute, w.second));
  naive.setUTCFullYear(w.year, w.month - 1, w.day);
  const shifted = new Date(naive.getTime() - offset.hours * HOUR_MS);
  return localToInstant(
    timeZone,
    {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    },
    'compatible',
  );
}

/**
 * When the patient is asked to arrive: the session's start (IV preparation) minus the
 * clinic's arrival lead (default 15 minutes, Settings → Reminders). Elapsed minutes: a lead
 * of 15 minutes is 15 real minutes even across a clock change.
 */
export function arrivalAt(startsAt: number, arrivalLeadMinutes: number): number {
  return startsAt - arrivalLeadMinutes * MINUTE_MS;
}

/** "48 hours before", "The day before at 18:00". */
export function offsetLabel(offset: ReminderOffset): string {
  if (offset.kind === 'day_before') return `The day before at ${offset.time}`;
  if (offset.hours % 24 === 0 && offset.hours > 24) return `${offset.hours} hours (${offset.hours / 24} days) before`;
  return `${offset.hours} hour${offset.hours === 1 ? '' : 's'} before`;
}
