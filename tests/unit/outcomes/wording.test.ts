import { describe, expect, it } from 'vitest';
import { comparisonSentence, reviewSentence, ruleSentence } from '../../../src-main/backend/outcomes/rules/wording';
import { cfg, withCfg } from './fixtures';

describe('the rules in words', () => {
  it.each([
    ['mean_last_n_before', 2, 'Mean of the last two before-infusion NRS scores against the baseline NRS'],
    ['mean_last_n_before', 1, 'The last before-infusion NRS against the baseline NRS'],
    ['last_before', 2, 'The before-infusion NRS of each session against the baseline NRS'],
    ['after_last_session', 2, 'The after-infusion NRS of each session against the baseline NRS'],
  ] as const)('%s (n = %i)', (rule, n, sentence) => {
    expect(comparisonSentence(withCfg((c) => (c.comparison = { instrument: 'nrs', rule, n })))).toBe(sentence);
  });

  it('states the categories and the baseline-0 rule', () => {
    expect(ruleSentence(cfg)).toBe(
      'Mean of the last two before-infusion NRS scores against the baseline NRS; a follow-up compares its NRS with the baseline. ' +
        'Reduction from baseline: ≥ 50% substantial, ≥ 30% moderate, ≥ 10% minimal (IMMPACT). A baseline of 0 has no percent change.',
    );
  });

  it('states the review point', () => {
    expect(reviewSentence(cfg)).toBe('A patient with less than 30% reduction after session 4 or at the end of the series is listed for clinical review.');
    expect(reviewSentence(withCfg((c) => (c.review.afterSessionSeq = null)))).toBe('A patient with less than 30% reduction at the end of the series is listed for clinical review.');
    expect(reviewSentence(withCfg((c) => ((c.review.afterSessionSeq = null), (c.review.atEndOfSeries = false))))).toBe('Review flags are switched off (no review point is set).');
  });
});
