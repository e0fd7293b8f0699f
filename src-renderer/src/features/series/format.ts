/** Clinic-time wording for series screens: "Mon, Dec 7 · 08:00-13:30". */
import { localDateAt, localTimeAt } from '../../../../src-shared/domain/zoned-time';

const formats = new Map<string, Intl.DateTimeFormat>();

export function dayText(zone: string, instant: number): string {
  let f = formats.get(zone);
  if (!f) formats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric' })));
  return f.format(instant);
}

export function spanText(zone: string, startsAt: number, endsAt: number): string {
  return `${dayText(zone, startsAt)} · ${localTimeAt(zone, startsAt)}-${localTimeAt(zone, endsAt)}`;
}

export { localDateAt };
