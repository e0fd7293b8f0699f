/**
 * The Budapest criteria for CRPS (Harden et al. 2010; see ../shared/DOMAIN.md).
 *
 *   A  continuing pain disproportionate to any inciting event
 *   B  at least one symptom in >= 3 of 4 categories (research criteria: all 4)
 *   C  at least one sign, seen at this evaluation, in >= 2 of 4 categories
 *   D  no other diagnosis better explains the signs and symptoms
 *
 * Clinical criteria: A, B (>= 3), C, D. Research criteria: A, B (= 4), C, D.
 * Pure: the categories come from data (resources/intake/budapest.json); this only counts.
 */

export const BUDAPEST_CATEGORIES = ['sensory', 'vasomotor', 'sudomotor', 'motor_trophic'] as const;
export type BudapestCategory = (typeof BUDAPEST_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<BudapestCategory, string> = {
  sensory: 'sensory',
  vasomotor: 'vasomotor',
  sudomotor: 'sudomotor/oedema',
  motor_trophic: 'motor/trophic',
};

export interface BudapestFindings {
  disproportionatePain: boolean;
  noBetterDiagnosis: boolean;
  /** Checked symptom ids per category. */
  symptoms: Partial<Record<BudapestCategory, readonly string[]>>;
  /** Checked sign ids per category (observed at this evaluation). */
  signs: Partial<Record<BudapestCategory, readonly string[]>>;
}

export interface BudapestResult {
  symptomCategories: BudapestCategory[];
  signCategories: BudapestCategory[];
  clinicalMet: boolean;
  researchMet: boolean;
  /** One plain sentence per criterion, e.g. "clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4". */
  clinicalExplanation: string;
  researchExplanation: string;
  /** What is missing for the clinical criteria, empty when met. */
  clinicalMissing: string[];
  /** What is missing for the research criteria, empty when met. */
  researchMissing: string[];
}

const withAny = (map: Partial<Record<BudapestCategory, readonly string[]>>) =>
  BUDAPEST_CATEGORIES.filter((c) => (map[c]?.length ?? 0) > 0);

export function evaluateBudapest(f: BudapestFindings): BudapestResult {
  const symptomCategories = withAny(f.symptoms);
  const signCategories = withAny(f.signs);
  const s = symptomCategories.length;
  const g = signCategories.length;
  const counts = `symptoms in ${s} of 4 categories, signs in ${g} of 4`;

  const gateA = f.disproportionatePain ? [] : ['A: continuing pain disproportionate to the inciting event is not confirmed'];
  const gateD = f.noBetterDiagnosis ? [] : ['D: "no other diagnosis better explains it" is not confirmed'];
  const signsNeeded = g < 2 ? [`C: signs are needed in at least 2 of 4 categories (${g} so far)`] : [];
  const clinicalMissing = [
    ...gateA,
    ...(s < 3 ? [`B: symptoms are needed in at least 3 of 4 categories (${s} so far)`] : []),
    ...signsNeeded,
    ...gateD,
  ];
  const researchMissing = [
    ...gateA,
    ...(s < 4 ? [`B: the research criteria need symptoms in all 4 categories (${s} so far)`] : []),
    ...signsNeeded,
    ...gateD,
  ];
  const clinicalMet = clinicalMissing.length === 0;
  const researchMet = researchMissing.length === 0;

  // When the counts are enough but A or D is not confirmed, say which.
  const unconfirmed = [f.disproportionatePain ? null : 'A', f.noBetterDiagnosis ? null : 'D'].filter(Boolean).join(' and ');
  const gateNote = unconfirmed ? ` (criteri${unconfirmed.length > 1 ? 'a' : 'on'} ${unconfirmed} must also be confirmed)` : '';
  const clinicalNote = clinicalMet ? '' : s >= 3 && g >= 2 ? gateNote : '';
  const researchNote = researchMet ? '' : s < 4 ? ' (research criteria need symptoms in all 4)' : g >= 2 ? gateNote : '';
  return {
    symptomCategories,
    signCategories,
    clinicalMet,
    researchMet,
    clinicalExplanation: `clinical criteria ${clinicalMet ? 'met' : 'not met'}: ${counts}${clinicalNote}`,
    researchExplanation: `research criteria ${researchMet ? 'met' : 'not met'}: ${counts}${researchNote}`,
    clinicalMissing,
    researchMissing,
  };
}
