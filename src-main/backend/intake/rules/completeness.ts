/**
 * How complete a patient's intake is for a payer package. The checklist per diagnosis group
 * is data (resources/intake/completeness.json); this decides each item from a few facts
 * about the patient, so the chart (one patient) and the work list (every patient, from
 * grouped queries) give the same answer. Pure.
 */
import {
  DIAGNOSIS_GROUPS,
  type Completeness,
  type CompletenessFile,
  type CompletenessItem,
  type CompletenessItemDef,
  type DiagnosisGroup,
  type ScoreInstrument,
  type TreatmentKind,
  type TreatmentOutcome,
} from '../../../../src-shared/api/schemas/intake';
import { foldWords, hasWholeWords } from './words';

export interface CompletenessFacts {
  /** Live diagnoses' groups (a code missing from the list counts as other chronic pain). */
  diagnosisGroups: readonly DiagnosisGroup[];
  /** The current (latest) Budapest evaluation, null when none. */
  budapest: {
    evaluatedOn: string;
    clinicalMet: boolean;
    researchMet: boolean;
    clinicalExplanation: string;
    researchExplanation: string;
  } | null;
  treatments: readonly { kind: TreatmentKind | string; name: string; outcome: TreatmentOutcome | string; startDate: string | null }[];
  /** Instruments with a current (not superseded) baseline score. */
  baselineInstruments: ReadonlySet<ScoreInstrument | string>;
  screeningDone: boolean;
  /**
   * The physician's review (rules/review.ts): how many review items there are now, the labels
   * of the open ones (not covered by the latest sign-off), and whether a sign-off was ever given.
   */
  review: { items: number; openLabels: readonly string[]; signedBefore: boolean };
}

/** The checklist's item ids for these groups: their lists merged in group order, without repeats. */
export function checklistFor(config: CompletenessFile, groups: readonly DiagnosisGroup[]): string[] {
  if (groups.length === 0) return [...config.withoutDiagnosis];
  const ids: string[] = [];
  for (const g of DIAGNOSIS_GROUPS) {
    if (!groups.includes(g)) continue;
    for (const id of config.groups[g]) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Folded name words per alternative, folded once per checklist (the work list runs this for every patient). */
const foldedMatches = new WeakMap<readonly string[], string[]>();
const folded = (words: readonly string[]) => {
  let f = foldedMatches.get(words);
  if (!f) foldedMatches.set(words, (f = words.map(foldWords)));
  return f;
};

function decide(def: CompletenessItemDef, f: CompletenessFacts, names: () => string[]): { done: boolean; missingReason: string | null } {
  const c = def.check;
  switch (c.type) {
    case 'diagnosis':
      return f.diagnosisGroups.length > 0 ? ok : missing(def.missing);
    case 'budapest': {
      const b = f.budapest;
      if (!b) return missing(def.missing);
      const met = c.criteria === 'clinical' ? b.clinicalMet : b.researchMet;
      if (met) return ok;
      const explanation = c.criteria === 'clinical' ? b.clinicalExplanation : b.researchExplanation;
      return missing(`${def.missing}: the latest evaluation (${b.evaluatedOn}) has ${explanation}`);
    }
    case 'treatments': {
      const n = f.treatments.filter((t, i) =>
        c.anyOf.some(
          (alt) =>
            alt.kinds.includes(t.kind as TreatmentKind) &&
            (!alt.outcomes || alt.outcomes.includes(t.outcome as TreatmentOutcome)) &&
            (!alt.requireStartDate || !!t.startDate) &&
            (!alt.nameMatches || folded(alt.nameMatches).some((w) => hasWholeWords(names()[i]!, w))),
        ),
      ).length;
      if (n >= c.min) return ok;
      return missing(c.min > 1 ? `${def.missing} (${n} of ${c.min} so far)` : def.missing);
    }
    case 'baseline_score':
      return c.instruments.some((i) => f.baselineInstruments.has(i)) ? ok : missing(def.missing);
    case 'screening':
      return f.screeningDone ? ok : missing(def.missing);
    case 'physician_signoff': {
      // The items themselves are listed where they are reviewed (and on the work list): here, how many.
      const n = f.review.openLabels.length;
      if (n === 0) return ok;
      const items = n === 1 ? '1 item' : `${n} items`;
      return missing(f.review.signedBefore ? `${def.missing} again (${items} new since the last sign-off)` : `${def.missing} (${items})`);
    }
  }
}
const ok = { done: true, missingReason: null };
const missing = (reason: string) => ({ done: false, missingReason: reason });

const byId = new WeakMap<CompletenessFile, Map<string, CompletenessItemDef>>();
function itemsById(config: CompletenessFile): Map<string, CompletenessItemDef> {
  let m = byId.get(config);
  if (!m) byId.set(config, (m = new Map(config.items.map((d) => [d.id, d]))));
  return m;
}

export function evaluateCompleteness(config: CompletenessFile, facts: CompletenessFacts): Completeness {
  const groups = DIAGNOSIS_GROUPS.filter((g) => facts.diagnosisGroups.includes(g));
  const defs = itemsById(config);
  let foldedNames: string[] | null = null;
  const names = () => (foldedNames ??= facts.treatments.map((t) => foldWords(t.name)));
  const listed = checklistFor(config, groups).map((id) => defs.get(id)!); // the file's schema checks every listed id exists
  const isSignOff = (def: CompletenessItemDef) => def.check.type === 'physician_signoff';
  const items: CompletenessItem[] = [
    ...listed.filter((def) => !isSignOff(def)),
    // The sign-off comes last (it reviews the rest), and only while there is something to review.
    ...(facts.review.items > 0 ? listed.filter(isSignOff) : []),
  ].map((def) => ({ id: def.id, label: def.label, section: def.section, ...decide(def, facts, names) }));
  const done = items.filter((i) => i.done).length;
  const total = items.length;
  const score = total === 0 ? 1 : done / total;
  return {
    groups,
    done,
    total,
    score,
    // Floor, so 100 % means every item is done.
    percent: Math.floor(score * 100 + 1e-9),
    complete: done === total,
    items,
  };
}
