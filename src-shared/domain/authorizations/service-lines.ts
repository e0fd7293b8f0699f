/**
 * The service lines a new request asks for when the desk types none: the payer rule set's codes
 * (administration, then drug), with the units of "each additional hour" codes worked out from the
 * series template's infusion length. Pure.
 *
 * CPT 96366 (IV infusion, each additional hour) is reported for each hour beyond the first
 * (96365), and for a final interval of more than 30 minutes beyond a 1-hour increment (AMA CPT
 * guidelines for hydration, therapeutic and diagnostic infusions; e.g. CMS NCCI Policy Manual,
 * chapter XI): a 40-minute infusion is 96365 alone, 100 minutes is 96365 + 96366 × 1, 4 hours is
 * 96365 + 96366 × 3.
 */
import type { PayerRuleSet } from './payer-rules';

export type ServiceLine = PayerRuleSet['codes']['administration'][number];

/** Codes billed per additional hour of the same infusion. */
const ADDITIONAL_HOUR_CODES = new Set(['96366']);

/** Units of an "each additional hour" code for one infusion of this many minutes. */
export function additionalHourUnits(infusionMinutes: number): number {
  const beyond = Math.max(0, Math.round(infusionMinutes) - 60);
  return Math.floor(beyond / 60) + (beyond % 60 > 30 ? 1 : 0);
}

/**
 * The rule set's lines for one session. With a known infusion length the additional-hour units
 * follow it (and the line is left out when the infusion fits within the first hour); without one
 * the rule set's own units stand.
 */
export function defaultServiceLines(rules: Pick<PayerRuleSet, 'codes'>, infusionMinutes: number | null): ServiceLine[] {
  const out: ServiceLine[] = [];
  for (const line of [...rules.codes.administration, ...rules.codes.drug]) {
    if (ADDITIONAL_HOUR_CODES.has(line.code) && infusionMinutes !== null) {
      const units = additionalHourUnits(infusionMinutes);
      if (units > 0) out.push({ ...line, unitsPerSession: units });
    } else out.push({ ...line });
  }
  return out;
}
