/**
 * FullCalendar runs in 'UTC' mode and is fed clinic wall-clock times ("2026-12-04T08:00:00"),
 * so every viewer sees the clinic's day whatever their own zone (remote assistants), and the
 * conversion to real instants is done by the app's own DST-tested zoned-time helpers rather
 * than a calendar time-zone plugin. A Date coming back from the calendar carries the wall
 * clock in its UTC fields.
 */
import { localDateAt, localTimeAt, zonedToInstant } from '../../../../src-shared/domain/zoned-time';

/** An instant as the clinic's wall-clock ISO string (no offset). */
export function toWall(zone: string, instant: number): string {
  return `${localDateAt(zone, instant)}T${localTimeAt(zone, instant)}:00`;
}

/** A calendar Date (wall clock in its UTC fields) back to the real instant in the clinic zone. */
export function fromWall(zone: string, d: Date): number {
  const iso = d.toISOString();
  return zonedToInstant(zone, iso.slice(0, 10), iso.slice(11, 16));
}
