/**
 * Times in refusal messages, in the clinic's zone and plain words:
 * "10:00-11:00 on Mon, Jun 8", or "Mon, Jun 8 13:00 to Fri, Jun 12 17:00" across days.
 */
import { localDateAt, localTimeAt } from './zoned-time';
import { keptDateTimeFormat } from '../../../src-shared/domain/dates';

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  return keptDateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
}

/** "Mon, Jun 8" in the zone. */
export function describeDay(timeZone: string, instant: number): string {
  return dayFormat(timeZone).format(instant);
}

/** A span in clinic-local time, for messages. The end is exclusive (an 11:00 end reads "11:00"). */
export function describeSpan(timeZone: string, startsAt: number, endsAt: number): string {
  const startTime = localTimeAt(timeZone, startsAt);
  const endTime = localTimeAt(timeZone, endsAt);
  if (localDateAt(timeZone, startsAt) === localDateAt(timeZone, endsAt)) {
    return `${startTime}-${endTime} on ${describeDay(timeZone, startsAt)}`;
  }
  // Whole days (midnight to midnight) read as dates only.
  if (startTime === '00:00' && endTime === '00:00') {
    const lastDay = describeDay(timeZone, endsAt - 1);
    const firstDay = describeDay(timeZone, startsAt);
    return firstDay === lastDay ? `all day on ${firstDay}` : `${firstDay} to ${lastDay}`;
  }
  return `${describeDay(timeZone, startsAt)} ${startTime} to ${describeDay(timeZone, endsAt)} ${endTime}`;
}
