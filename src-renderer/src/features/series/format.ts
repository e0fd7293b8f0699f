/**
 * Clinic-time wording for series, outcomes and calendar screens, in the clinic's time format with
 * a year on dates not in this year (src-shared/domain/clock-display.ts): "Mon, Dec 7 · 8:00 AM–1:30 PM CST".
 */
import {
  formatDualTime,
  formatInstantDay,
  formatTime,
  formatTimeSpan,
  viewerTimeZone,
  zoneAbbreviation,
} from '../../../../src-shared/domain/clock-display';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { currentTimeFormat } from '../clinic/clock';

/** "Mon, Dec 7", or "Mon, Dec 7, 2025" when not this year in the clinic. */
export function dayText(zone: string, instant: number): string {
  return formatInstantDay(instant, zone);
}

/** "8:00 AM" / "08:00" in the clinic's format (no zone: for lists that say their zone once). */
export function timeText(zone: string, instant: number): string {
  return formatTime(instant, zone, currentTimeFormat());
}

/** "Mon, Dec 7, 8:00 AM" (the year when not this year). */
export function dayTimeText(zone: string, instant: number): string {
  return `${dayText(zone, instant)}, ${timeText(zone, instant)}`;
}

/** "Mon, Dec 7 · 8:00 AM–1:30 PM CST": the clinic's day, span and zone. */
export function spanText(zone: string, startsAt: number, endsAt: number): string {
  return `${dayText(zone, startsAt)} · ${formatTimeSpan(startsAt, endsAt, zone, currentTimeFormat())} ${zoneAbbreviation(zone, startsAt)}`;
}

/**
 * The same span in the viewer's own zone with its date ("Tue, Dec 8, 10:00 PM–3:30 AM GMT+8"),
 * or null when the viewer's clock reads as the clinic's.
 */
export function viewerSpanText(zone: string, startsAt: number, endsAt: number, viewerZone: string = viewerTimeZone()): string | null {
  const format = currentTimeFormat();
  if (!formatDualTime(startsAt, zone, viewerZone, { format }).viewer) return null;
  return `${dayText(viewerZone, startsAt)}, ${formatTimeSpan(startsAt, endsAt, viewerZone, format)} ${zoneAbbreviation(viewerZone, startsAt)}`;
}

export { localDateAt };
