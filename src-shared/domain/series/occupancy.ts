/**
 * A session's phases from its start instant and a template: prep (IV placement) → infusion →
 * recovery until discharge. The suite is occupied from start to end. Phases are real minutes,
 * so a session across a DST change still lasts exactly prep + infusion + recovery minutes.
 */
import type { PlannedSession, SeriesTemplateSpec } from './planner-types';

const MINUTE_MS = 60_000;

export interface SessionPhases {
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
}

export function sessionPhases(startsAt: number, template: SeriesTemplateSpec): SessionPhases {
  const infusionStartsAt = startsAt + template.prepMinutes * MINUTE_MS;
  const recoveryStartsAt = infusionStartsAt + template.infusionMinutes * MINUTE_MS;
  const endsAt = recoveryStartsAt + template.recoveryMinutes * MINUTE_MS;
  return { startsAt, infusionStartsAt, recoveryStartsAt, endsAt };
}

export function plannedSession(
  seq: number,
  suiteId: string,
  supervisorId: string,
  startsAt: number,
  template: SeriesTemplateSpec,
): PlannedSession {
  return { seq, suiteId, supervisorId, ...sessionPhases(startsAt, template) };
}

/** Total suite occupancy in minutes. */
export function occupancyMinutes(template: SeriesTemplateSpec): number {
  return template.prepMinutes + template.infusionMinutes + template.recoveryMinutes;
}

/** Half-open interval overlap: [a0, a1) and [b0, b1). */
export function overlaps(a0: number, a1: number, b0: number, b1: number): boolean {
  return a0 < b1 && b0 < a1;
}
