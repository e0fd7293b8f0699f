import { describe, expect, it } from 'vitest';
import { loadIntakeResources } from '../../../src-main/backend/intake/resources';
import { interactionFlags } from '../../../src-main/backend/intake/rules/interactions';
import type { InteractionRule } from '../../../src-shared/api/schemas/intake';

const rules = loadIntakeResources().interactions.rules;
const ids = (drug: string) => interactionFlags(drug, rules).map((f) => f.ruleId);

describe('interaction flags (shipped rules)', () => {
  it('lorazepam → the benzodiazepine flag with its reason', () => {
    const [flag, ...rest] = interactionFlags('lorazepam', rules);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      ruleId: 'benzodiazepines',
      name: 'Benzodiazepines',
      severity: 'review',
      why: "Benzodiazepines can blunt ketamine's effect and add to sedation.",
      matched: 'lorazepam',
    });
    expect(flag!.source).toMatch(/\S/);
  });

  it.each([
    ['Lamictal', ['lamotrigine']],
    ['Lamictal XR 100 mg', ['lamotrigine']],
    ['LORAZEPAM 1MG', ['benzodiazepines']],
    ['Ativan', ['benzodiazepines']],
    ['Xanax 0.5 mg PRN', ['benzodiazepines']],
    ['klonopin', ['benzodiazepines']],
    ['Theo-24', ['theophylline']],
    ['aminophylline', ['theophylline']],
    ['Phenelzine (Nardil)', ['maois']],
    ['Adderall XR', ['sympathomimetics']],
    ['Sudafed', ['sympathomimetics']],
    ['Synthroid 75 mcg', ['thyroid_hormone']],
    ['Armour Thyroid', ['thyroid_hormone']],
    ['lisinopril', ['antihypertensives']],
    ['Namenda', ['memantine']],
    ['Oxycodone/acetaminophen', ['opioids']],
    ['MS Contin', ['opioids']],
    ['Gabapentin 300 mg TID', ['cns_depressants']],
    ['clarithromycin', ['cyp_inhibitors']],
    ['Tegretol', ['cyp_inducers']],
    ["St. John's Wort", ['cyp_inducers']],
    ['phenobarbital', ['cns_depressants', 'cyp_inducers']],
  ])('%s → %j', (drug, expected) => {
    expect(ids(drug).sort()).toEqual([...expected].sort());
  });

  it.each([['ibuprofen'], ['Duloxetine 60 mg'], ['vitamin D3'], [''], ['   ']])('an unrelated drug (%j) has no flag', (drug) => {
    expect(ids(drug)).toEqual([]);
  });

  it('never matches inside another word', () => {
    const rule: InteractionRule = { id: 'x', name: 'X', match: ['soma', 'ms contin'], severity: 'review', why: 'w', source: 's' };
    expect(interactionFlags('somatostatin', [rule])).toEqual([]);
    expect(interactionFlags('chromosomal', [rule])).toEqual([]);
    expect(interactionFlags('soma 350', [rule])).toHaveLength(1);
    expect(interactionFlags('alms contingent', [rule])).toEqual([]);
    // the shipped list: "clonazepam" is not found inside a longer made-up word
    expect(ids('clonazepamide')).toEqual([]);
    expect(ids('prelorazepam')).toEqual([]);
  });

  it('puts "review" flags before "caution" ones', () => {
    const flags = interactionFlags('clonidine + tramadol', rules);
    expect(flags.map((f) => f.severity)).toEqual(['review', 'caution']);
  });

  it('every shipped rule matches its own terms', () => {
    for (const r of rules) for (const t of r.match) expect(ids(t), `${r.id}: ${t}`).toContain(r.id);
  });
});
