/** The configured rules in plain words, for the screens and the report. Pure. */
import type { OutcomesConfig } from './config';

const NUM_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** How a session's result is worked out, e.g. "Mean of the last two before-infusion NRS scores against the baseline NRS". */
export function comparisonSentence(cfg: OutcomesConfig): string {
  const L = cfg.comparison.instrument.toUpperCase();
  const n = cfg.comparison.n;
  switch (cfg.comparison.rule) {
    case 'mean_last_n_before':
      return n === 1
        ? `The last before-infusion ${L} against the baseline ${L}`
        : `Mean of the last ${NUM_WORDS[n] ?? n} before-infusion ${L} scores against the baseline ${L}`;
    case 'last_before':
      return `The before-infusion ${L} of each session against the baseline ${L}`;
    case 'after_last_session':
      return `The after-infusion ${L} of each session against the baseline ${L}`;
  }
}

/** The whole rule with its categories, as stated on screen and in the payer report. */
export function ruleSentence(cfg: OutcomesConfig): string {
  const c = cfg.categories;
  const L = cfg.comparison.instrument.toUpperCase();
  return (
    `${comparisonSentence(cfg)}; a follow-up compares its ${L} with the baseline. ` +
    `Reduction from baseline: ≥ ${c.substantialPercent}% substantial, ≥ ${c.moderatePercent}% moderate, ≥ ${c.minimalPercent}% minimal (IMMPACT). ` +
    `A baseline of 0 has no percent change.`
  );
}

export function reviewSentence(cfg: OutcomesConfig): string {
  const r = cfg.review;
  const points = [r.afterSessionSeq !== null ? `after session ${r.afterSessionSeq}` : null, r.atEndOfSeries ? 'at the end of the series' : null].filter(Boolean);
  if (!points.length) return 'Review flags are switched off (no review point is set).';
  return `A patient with less than ${r.minReductionPercent}% reduction ${points.join(' or ')} is listed for clinical review.`;
}
