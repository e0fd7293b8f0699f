/**
 * Start times worth trying on one clinic day when a session moves: its own time of day first
 * (patients keep their usual time when they can), then every step of the day's grid from the
 * earliest opening to the latest closing of the clinic and its suites. None when nothing is
 * open that day. Pure; the placement rule decides which of them fit.
 */
import type { FloorSnapshot } from '../../../../src-shared/domain/series/move';
import { weekdayOf, zonedToInstant } from '../../../../src-shared/domain/zoned-time';

export function candidateStarts(floor: Pick<FloorSnapshot, 'timeZone' | 'clinicHours' | 'suites'>, date: string, timeOfDay: string, stepMinutes: number): number[] {
  const zone = floor.timeZone;
  const day = weekdayOf(date);
  const intervals = [floor.clinicHours, ...floor.suites.map((s) => s.openingHours ?? [])].flat().filter((h) => h.day === day);
  if (intervals.length === 0) return [];
  const open = intervals.reduce((m, h) => (h.open < m ? h.open : m), intervals[0]!.open);
  const close = intervals.reduce((m, h) => (h.close > m ? h.close : m), intervals[0]!.close);
  const starts = [zonedToInstant(zone, date, timeOfDay)];
  for (let t = zonedToInstant(zone, date, open), end = zonedToInstant(zone, date, close); t < end; t += stepMinutes * 60_000) {
    if (t !== starts[0]) starts.push(t);
  }
  return starts;
}
