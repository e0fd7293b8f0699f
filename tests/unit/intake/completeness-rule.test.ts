import { describe, expect, it } from 'vitest';
import { loadIntakeResources } from '../../../src-main/backend/intake/resources';
import { evaluateCompleteness, type CompletenessFacts } from '../../../src-main/backend/intake/rules/completeness';

const config = loadIntakeResources().completeness;

const completeCrps: CompletenessFacts = {
  diagnosisGroups: ['crps'],
  budapest: {
    evaluatedOn: '2026-10-01',
    clinicalMet: true,
    researchMet: false,
    clinicalExplanation: 'clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4',
    researchExplanation: 'research criteria not met: symptoms in 3 of 4 categories, signs in 2 of 4',
  },
  treatments: [
    { kind: 'medication', name: 'Gabapentin', outcome: 'failed', startDate: '2025-01-10' },
    { kind: 'medication', name: 'Duloxetine', outcome: 'intolerant', startDate: '2025-04-02' },
    { kind: 'nerve_block', name: 'Stellate ganglion block', outcome: 'partial_relief', startDate: '2025-06-01' },
  ],
  baselineInstruments: new Set(['nrs', 'peg']),
  screeningDone: true,
  review: { items: 0, openLabels: [], signedBefore: false },
};

const missingIds = (f: CompletenessFacts) =>
  evaluateCompleteness(config, f)
    .items.filter((i) => !i.done)
    .map((i) => i.id);

describe('completeness rule', () => {
  it('a complete CRPS patient: 7 of 7, 100 %', () => {
    const c = evaluateCompleteness(config, completeCrps);
    expect(c).toMatchObject({ groups: ['crps'], done: 7, total: 7, score: 1, percent: 100, complete: true });
    expect(c.items.map((i) => i.id)).toEqual([
      'diagnosis',
      'budapest',
      'failed_medications',
      'block_or_therapy',
      'baseline_pain',
      'baseline_function',
      'screening',
    ]);
    expect(c.items.every((i) => i.missingReason === null)).toBe(true);
  });

  it.each([
    ['no Budapest evaluation', { budapest: null }, 'budapest', /^Record a Budapest evaluation/, 'budapest'],
    [
      'a Budapest evaluation that does not meet the clinical criteria',
      { budapest: { ...completeCrps.budapest!, clinicalMet: false, clinicalExplanation: 'clinical criteria not met: symptoms in 2 of 4 categories, signs in 2 of 4' } },
      'budapest',
      /latest evaluation \(2026-10-01\) has clinical criteria not met: symptoms in 2 of 4/,
      'budapest',
    ],
    ['only one failed medication', { treatments: completeCrps.treatments.slice(1) }, 'failed_medications', /\(1 of 2 so far\)/, 'treatments'],
    [
      'a failed medication without a start date',
      { treatments: [{ ...completeCrps.treatments[0]!, startDate: null }, ...completeCrps.treatments.slice(1)] },
      'failed_medications',
      /\(1 of 2 so far\)/,
      'treatments',
    ],
    [
      'medications that helped (not failed)',
      { treatments: completeCrps.treatments.map((t) => (t.kind === 'medication' ? { ...t, outcome: 'helped' } : t)) },
      'failed_medications',
      /\(0 of 2 so far\)/,
      'treatments',
    ],
    [
      'no sympathetic block or physical therapy (another block does not count)',
      { treatments: [...completeCrps.treatments.slice(0, 2), { kind: 'nerve_block', name: 'Epidural steroid injection', outcome: 'failed', startDate: '2025-06-01' }] },
      'block_or_therapy',
      /sympathetic block/,
      'treatments',
    ],
    ['no baseline pain score', { baselineInstruments: new Set(['peg']) }, 'baseline_pain', /NRS or VAS/, 'scores'],
    ['no baseline function score', { baselineInstruments: new Set(['vas']) }, 'baseline_function', /PEG or BPI/, 'scores'],
    ['no screening', { screeningDone: false }, 'screening', /screening/, 'screening'],
  ] as const)('CRPS with %s: that item alone is missing, named, with its section', (_n, change, id, reason, section) => {
    const c = evaluateCompleteness(config, { ...completeCrps, ...(change as Partial<CompletenessFacts>) });
    expect(c.items.filter((i) => !i.done).map((i) => i.id)).toEqual([id]);
    const item = c.items.find((i) => i.id === id)!;
    expect(item.missingReason).toMatch(reason);
    expect(item.section).toBe(section);
    expect(c).toMatchObject({ done: 6, total: 7, percent: 85, complete: false });
  });

  it('physical therapy stands in for a sympathetic block', () => {
    const treatments = [...completeCrps.treatments.slice(0, 2), { kind: 'physical_therapy', name: 'PT, 12 sessions', outcome: 'partial_relief', startDate: null }];
    expect(missingIds({ ...completeCrps, treatments })).toEqual([]);
  });

  it('a lumbar sympathetic block counts, by words in its name', () => {
    const treatments = [...completeCrps.treatments.slice(0, 2), { kind: 'nerve_block', name: 'Lumbar sympathetic block (L2-L3)', outcome: 'failed', startDate: null }];
    expect(missingIds({ ...completeCrps, treatments })).toEqual([]);
  });

  it('fibromyalgia has no Budapest item but needs physical therapy', () => {
    const c = evaluateCompleteness(config, { ...completeCrps, diagnosisGroups: ['fibromyalgia'], budapest: null });
    expect(c.items.map((i) => i.id)).not.toContain('budapest');
    expect(c.items.filter((i) => !i.done).map((i) => i.id)).toEqual(['physical_therapy']);
    expect(c.total).toBe(6);
  });

  it.each([['neuropathic'], ['post_surgical'], ['other_chronic_pain']] as const)('%s: checklist without Budapest', (group) => {
    const c = evaluateCompleteness(config, {
      ...completeCrps,
      diagnosisGroups: [group],
      budapest: null,
      treatments: [...completeCrps.treatments, { kind: 'physical_therapy', name: 'Physical therapy', outcome: 'failed', startDate: '2024-01-01' }],
    });
    expect(c.complete).toBe(true);
    expect(c.items.map((i) => i.id)).not.toContain('budapest');
  });

  it('CRPS and fibromyalgia together: the CRPS list plus what fibromyalgia adds', () => {
    const c = evaluateCompleteness(config, { ...completeCrps, diagnosisGroups: ['fibromyalgia', 'crps'] });
    expect(c.groups).toEqual(['crps', 'fibromyalgia']);
    expect(c.items.map((i) => i.id)).toEqual([
      'diagnosis',
      'budapest',
      'failed_medications',
      'block_or_therapy',
      'baseline_pain',
      'baseline_function',
      'screening',
      'physical_therapy',
    ]);
  });

  it('no diagnosis: "Add a diagnosis" is the first missing item', () => {
    const c = evaluateCompleteness(config, {
      diagnosisGroups: [],
      budapest: null,
      treatments: [],
      baselineInstruments: new Set(),
      screeningDone: false,
      review: { items: 0, openLabels: [], signedBefore: false },
    });
    expect(c.items[0]).toMatchObject({ id: 'diagnosis', done: false, missingReason: 'Add a diagnosis', section: 'diagnoses' });
    expect(c).toMatchObject({ groups: [], done: 0, percent: 0, complete: false });
  });

  it('percent is floored: 100 only when complete', () => {
    const c = evaluateCompleteness(config, { ...completeCrps, screeningDone: false });
    expect(c.score).toBeCloseTo(6 / 7);
    expect(c.percent).toBe(85);
  });

  describe('the physician\'s sign-off', () => {
    const review = (items: number, openLabels: string[], signedBefore: boolean) => ({ ...completeCrps, review: { items, openLabels, signedBefore } });

    it('nothing to review: no sign-off item, 100 % without one', () => {
      const c = evaluateCompleteness(config, review(0, [], false));
      expect(c.items.map((i) => i.id)).not.toContain('physician_signoff');
      expect(c).toMatchObject({ percent: 100, complete: true });
    });

    it('an open review item keeps an otherwise complete intake from 100 %, saying how many wait, in the sign-off section', () => {
      const c = evaluateCompleteness(config, review(2, ['Pregnancy or possible pregnancy (answered unsure)', 'Lorazepam: Benzodiazepines'], false));
      expect(c).toMatchObject({ done: 7, total: 8, percent: 87, complete: false });
      const item = c.items.at(-1)!;
      expect(item).toMatchObject({ id: 'physician_signoff', done: false, section: 'signoff' });
      expect(item.missingReason).toBe('The physician signs off the screening answers and medications that need review (2 items)');
    });

    it('signed off (nothing open): the item is done and the intake 100 %', () => {
      const c = evaluateCompleteness(config, review(2, [], true));
      expect(c.items.at(-1)).toMatchObject({ id: 'physician_signoff', done: true, missingReason: null });
      expect(c).toMatchObject({ done: 8, total: 8, percent: 100, complete: true });
    });

    it('a new review item after the sign-off reopens it, saying it is new since the last one', () => {
      const c = evaluateCompleteness(config, review(3, ['Alprazolam: Benzodiazepines'], true));
      expect(c.complete).toBe(false);
      expect(c.items.at(-1)!.missingReason).toBe(
        'The physician signs off the screening answers and medications that need review again (1 item new since the last sign-off)',
      );
    });

    it('comes last, after what fibromyalgia adds to CRPS', () => {
      const c = evaluateCompleteness(config, { ...review(1, ['x'], false), diagnosisGroups: ['fibromyalgia', 'crps'] });
      expect(c.items.map((i) => i.id).slice(-2)).toEqual(['physical_therapy', 'physician_signoff']);
    });
  });
});
