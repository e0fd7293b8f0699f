/**
 * The series timeline rule (order, gaps, window), the part of a series' validity the
 * per-session placement rule cannot see. Used by booking, by rescheduling and by the
 * calendar's drag check, so the screen refuses exactly what the save would.
 */
import { addDays, localDateAt } from '../zoned-time';
import type { SeriesTemplateSpec } from './planner-types';

const DAY = 86_400_000;

export interface TimelineSession {
  seq: number;
  startsAt: number;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / DAY);
}

/** "12/07" for a clinic date: the short date every series message uses. */
export function mmdd(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}`;
}

/** The last clinic-local date a series whose first session is on `firstDate` may use. */
export function windowEndDate(firstDate: string, spec: Pick<SeriesTemplateSpec, 'windowDays'>): string {
  return addDays(firstDate, spec.windowDays - 1);
}

/**
 * Every way the sessions (in series order) break the template's timeline, in plain words;
 * empty when they keep it. `requireCount` is for booking a whole series; a reschedule keeps
 * the sessions a series already has (cancelled ones left out by the caller).
 */
export function timelineProblems(
  zone: string,
  spec: Pick<SeriesTemplateSpec, 'sessionCount' | 'windowDays' | 'minGapDays' | 'maxGapDays'>,
  sessions: TimelineSession[],
  options: { requireCount?: boolean } = {},
): string[] {
  const problems: string[] = [];
  if (options.requireCount && sessions.length !== spec.sessionCount) {
    problems.push(`The template has ${spec.sessionCount} sessions; ${sessions.length} ${sessions.length === 1 ? "was" : "were"} sent.`);
  }
  if (sessions.length === 0) return problems;
  const ordered = [...sessions].sort((a, b) => a.seq - b.seq);
  const dates = ordered.map((s) => localDateAt(zone, s.startsAt));
  const first = dates.reduce((m, d) => (d < m ? d : m), dates[0]!);
  const last = windowEndDate(first, spec);
  const minGap = Math.max(1, spec.minGapDays);
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1]!;
    const b = ordered[i]!;
    const gap = daysBetween(dates[i - 1]!, dates[i]!);
    if (b.startsAt < a.startsAt) {
      problems.push(`Session ${b.seq} would come before session ${a.seq} (${mmdd(dates[i]!)}).`);
    } else if (gap < minGap || gap > spec.maxGapDays) {
      problems.push(`Sessions ${a.seq} and ${b.seq} would be ${gap} day${gap === 1 ? '' : 's'} apart; the template allows ${minGap} to ${spec.maxGapDays}.`);
    }
  }
  for (let i = 0; i < ordered.length; i++) {
    if (dates[i]! > last) {
      problems.push(`Session ${ordered[i]!.seq} (${mmdd(dates[i]!)}) falls outside the ${spec.windowDays}-day series window, which ends ${mmdd(last)}.`);
    }
  }
  return problems;
}
