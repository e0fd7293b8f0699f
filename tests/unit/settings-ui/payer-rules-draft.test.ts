/**
 * The rule-set editor's draft: typed text goes to the backend as typed unless it is a number,
 * comma lists keep what is being typed and are trimmed on save, paths map to the API's field
 * names (so refusals land beside their inputs).
 */
import { describe, expect, it } from 'vitest';
import { fieldId, fieldName, getIn, listText, setIn, textList, tidy, typedNumber } from '../../../src-renderer/src/features/settings/payer-rules/draft';

describe('payer rule set draft', () => {
  it('reads and replaces one path without touching the rest', () => {
    const d = { clocks: { appealDays: 180, p2p: 5 }, evidence: { crps: [{ label: 'a' }, { label: 'b' }] } };
    const next = setIn(d, ['evidence', 'crps', 1, 'label'], 'B');
    expect(getIn(next, ['evidence', 'crps', 1, 'label'])).toBe('B');
    expect(d.evidence.crps[1]!.label).toBe('b');
    expect(next.clocks).toBe(d.clocks);
    expect(setIn(d, [], 'all')).toBe('all');
  });

  it('sends digits as numbers and anything else as typed', () => {
    expect(typedNumber('180')).toBe(180);
    expect(typedNumber(' 7 ')).toBe(7);
    expect(typedNumber('')).toBe('');
    expect(typedNumber('three')).toBe('three');
    expect(typedNumber('1e3')).toBe('1e3');
  });

  it('keeps a comma list as typed while editing and tidies it on save', () => {
    expect(listText(textList('G90.5, G56.4,'))).toBe('G90.5, G56.4, ');
    expect(listText(textList('G90.5,G56.4'))).toBe('G90.5, G56.4');
    expect(listText(textList('G90.5, G56.4, '))).toBe('G90.5, G56.4, ');
    expect(tidy({ codePrefixes: textList('G90.5, G56.4,'), clocks: { expiryWarningDays: textList('14, 7, x') } })).toEqual({
      codePrefixes: ['G90.5', 'G56.4'],
      clocks: { expiryWarningDays: [14, 7, 'x'] },
    });
  });

  it('names fields as the API does', () => {
    expect(fieldName(['clocks', 'appealDays'])).toBe('rules.clocks.appealDays');
    expect(fieldId(['evidence', 'crps', 2, 'minMonths'])).toBe('rule-evidence-crps-2-minMonths');
  });
});
