import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOutcomesConfig, parseOutcomesConfig } from '../../../src-main/backend/outcomes/rules/config';
import { cfg } from './fixtures';

describe('outcomes config', () => {
  it('loads the shipped defaults', () => {
    const c = loadOutcomesConfig(join(__dirname, '../../../resources/outcomes/outcomes-config.json'));
    expect(c.followUps.map((f) => f.offsetDays)).toEqual([7, 30, 90]);
    expect(c.comparison).toEqual({ instrument: 'nrs', rule: 'mean_last_n_before', n: 2 });
    expect(c.categories).toEqual({ minimalPercent: 10, moderatePercent: 30, substantialPercent: 50 });
    expect(c.review).toEqual({ minReductionPercent: 30, afterSessionSeq: 4, atEndOfSeries: true });
  });
  it('rejects thresholds out of order and unknown rules', () => {
    expect(() => parseOutcomesConfig({ ...cfg, categories: { minimalPercent: 30, moderatePercent: 10, substantialPercent: 50 } })).toThrow();
    expect(() => parseOutcomesConfig({ ...cfg, comparison: { ...cfg.comparison, rule: 'best_ever' } })).toThrow();
  });
});
