import { describe, expect, it } from 'vitest';
import { BUDAPEST_CATEGORIES, evaluateBudapest, type BudapestFindings } from '../../../src-shared/domain/budapest';

/** Findings with symptoms in the first `s` categories and signs in the first `g`. */
function findings(s: number, g: number, gates: { a?: boolean; d?: boolean } = {}): BudapestFindings {
  const pick = (n: number, id: string) => Object.fromEntries(BUDAPEST_CATEGORIES.slice(0, n).map((c) => [c, [`${c}_${id}`]]));
  return { disproportionatePain: gates.a ?? true, noBetterDiagnosis: gates.d ?? true, symptoms: pick(s, 'sym'), signs: pick(g, 'sign') };
}

describe('evaluateBudapest', () => {
  it.each([
    // name, symptoms, signs, gates, clinical, research
    ['symptoms in 3, signs in 1: not met (border of C)', 3, 1, {}, false, false],
    ['symptoms in 2, signs in 2: not met (border of B)', 2, 2, {}, false, false],
    ['symptoms in 3, signs in 2: clinical met, research not', 3, 2, {}, true, false],
    ['symptoms in 4, signs in 2: research met', 4, 2, {}, true, true],
    ['symptoms in 4, signs in 4: both met', 4, 4, {}, true, true],
    ['symptoms in 4, signs in 1: neither', 4, 1, {}, false, false],
    ['A false: not met', 4, 4, { a: false }, false, false],
    ['D false: not met', 4, 4, { d: false }, false, false],
    ['A and D false: not met', 3, 2, { a: false, d: false }, false, false],
    ['nothing ticked', 0, 0, {}, false, false],
  ] as const)('%s', (_name, s, g, gates, clinical, research) => {
    const r = evaluateBudapest(findings(s, g, gates));
    expect(r.clinicalMet).toBe(clinical);
    expect(r.researchMet).toBe(research);
    expect(r.symptomCategories).toHaveLength(s);
    expect(r.signCategories).toHaveLength(g);
    expect(r.clinicalMissing.length === 0).toBe(clinical);
    expect(r.researchMissing.length === 0).toBe(research);
  });

  it('explains the result in words, clinical and research separately', () => {
    const r = evaluateBudapest(findings(3, 2));
    expect(r.clinicalExplanation).toBe('clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4');
    expect(r.researchExplanation).toBe(
      'research criteria not met: symptoms in 3 of 4 categories, signs in 2 of 4 (research criteria need symptoms in all 4)',
    );
    expect(r.researchMissing).toEqual(['B: the research criteria need symptoms in all 4 categories (3 so far)']);
  });

  it('says what is missing, criterion by criterion', () => {
    expect(evaluateBudapest(findings(3, 1)).clinicalMissing).toEqual(['C: signs are needed in at least 2 of 4 categories (1 so far)']);
    expect(evaluateBudapest(findings(2, 2, { a: false })).clinicalMissing).toEqual([
      'A: continuing pain disproportionate to the inciting event is not confirmed',
      'B: symptoms are needed in at least 3 of 4 categories (2 so far)',
    ]);
  });

  it('names the unconfirmed gate when the counts are enough', () => {
    expect(evaluateBudapest(findings(4, 2, { d: false })).clinicalExplanation).toBe(
      'clinical criteria not met: symptoms in 4 of 4 categories, signs in 2 of 4 (criterion D must also be confirmed)',
    );
    expect(evaluateBudapest(findings(4, 2, { a: false, d: false })).researchExplanation).toMatch(/criteria A and D must also be confirmed/);
  });

  it('counts a category once however many boxes are ticked in it, and ignores empty lists', () => {
    const r = evaluateBudapest({
      disproportionatePain: true,
      noBetterDiagnosis: true,
      symptoms: { sensory: ['hyperesthesia', 'allodynia'], vasomotor: [], sudomotor: ['oedema'], motor_trophic: ['decreased_rom'] },
      signs: { sensory: ['allodynia_light_touch', 'hyperalgesia_pinprick'], motor_trophic: ['trophic_changes'] },
    });
    expect(r.symptomCategories).toEqual(['sensory', 'sudomotor', 'motor_trophic']);
    expect(r.signCategories).toEqual(['sensory', 'motor_trophic']);
    expect(r.clinicalMet).toBe(true);
  });
});
