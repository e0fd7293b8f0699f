/**
 * How many patients one person on an infusion-floor shift supervises at once, when nobody has
 * said otherwise. There is no gold-standard ratio; infusion centres report 1.7 to 2.4 chairs per
 * RN (one nurse sets up one patient at a time but monitors several), so 2 is the default a new
 * shift starts with, said on screen wherever it is set, and changed per shift by the clinic.
 */
export const DEFAULT_PATIENTS_AT_ONCE = 2;

export const PATIENTS_AT_ONCE_REASON =
  'Infusion centres report about 2 chairs per nurse (1.7 to 2.4): a nurse sets up one patient at a time but watches several.';

/** How many infusions can run at the same moment: no more than the suites, nor than the people on shift can watch. */
export function infusionsAtOnce(suites: number, capacities: readonly number[]): number {
  const watched = capacities.reduce((sum, c) => sum + Math.max(0, c), 0);
  return Math.max(0, Math.min(suites, watched));
}
