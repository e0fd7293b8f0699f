/** Words for the infusion floor settings: who supervises, and how long things take. */
import { SUPERVISOR_ROLES } from '../../../../../src-shared/api/schemas/series';
import type { Option } from '../../../components/Field';

export type SupervisorRole = (typeof SUPERVISOR_ROLES)[number];

// A Record over the contract's roles, so a new supervising role cannot be left out here.
export const SUPERVISOR_LABELS: Record<SupervisorRole, string> = {
  anesthesiologist: 'Anesthesiologist',
  crna: 'Nurse anesthetist (CRNA)',
  rn: 'Registered nurse (RN)',
};
export const SUPERVISOR_OPTIONS: Option[] = SUPERVISOR_ROLES.map((r) => ({ value: r, label: SUPERVISOR_LABELS[r] }));

export function supervisorLabel(role: string): string {
  return (SUPERVISOR_LABELS as Record<string, string>)[role] ?? role;
}

/** 270 → "4 h 30 min", 60 → "1 h", 45 → "45 min". */
export function minutesText(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1 to 4 days apart", "every day", "exactly 7 days apart". */
export function gapText(minGap: number, maxGap: number): string {
  if (minGap === 1 && maxGap === 1) return 'on consecutive days';
  if (minGap === maxGap) return `exactly ${plural(minGap, 'day')} apart`;
  return `${minGap} to ${plural(maxGap, 'day')} apart`;
}
