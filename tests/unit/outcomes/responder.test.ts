import { describe, expect, it } from 'vitest';
import { categorize, changeFromBaseline, responderAtFollowUp, responderForSession } from '../../../src-main/backend/outcomes/rules/responder';
import { cfg, score, series, sessions, withCfg } from './fixtures';

describe('changeFromBaseline: category borders', () => {
  it.each([
    [10, 7, 3, 30, 'moderate'],
    [10, 5, 5, 50, 'substantial'],
    [10, 9, 1, 10, 'minimal'],
    [10, 9.5, 0.5, 5, 'none'],
    [8, 6, 2, 25, 'minimal'],
    [10, 7.01, 2.99, 29.9, 'minimal'],
    [10, 10, 0, 0, 'none'],
    [6, 8, -2, -33.3, 'worse'],
    [100, 70, 30, 30, 'moderate'],
    [3, 1.5, 1.5, 50, 'substantial'],
  ])('baseline %d → %d: %d points, %d%%, %s', (b, c, pts, pct, cat) => {
    const ch = changeFromBaseline(b, c, cfg.categories);
    expect(ch.pointsReduction).toBeCloseTo(pts, 6);
    expect(ch.percentReduction).toBeCloseTo(pct, 0);
    expect(ch.category).toBe(cat);
  });
  it('baseline 0 gives points only, no division', () => {
    const ch = changeFromBaseline(0, 2, cfg.categories);
    expect(ch.percentReduction).toBeNull();
    expect(ch.pointsReduction).toBe(-2);
    expect(ch.note).toBe('no percent change (baseline is 0)');
    expect(changeFromBaseline(0, 0, cfg.categories).category).toBe('unchanged_zero');
  });
  it('thresholds come from the config', () => {
    const c = withCfg((x) => (x.categories.moderatePercent = 25));
    expect(categorize(25, c.categories)).toBe('moderate');
  });
});

describe('responderForSession', () => {
  const ses = sessions(4);
  it('default: mean of last two before-scores vs baseline, with a sentence', () => {
    const r = responderForSession(series(8, [8, 7, 6, 5]), ses, 'ses4', cfg);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.comparedValues).toEqual([6, 5]);
    expect(r.compared).toBe(5.5);
    expect(r.percentReduction).toBeCloseTo(31.25);
    expect(r.category).toBe('moderate');
    expect(r.sentence).toBe('Mean of the last two before-infusion NRS scores (6, 5 → 5.5) against the baseline NRS of 8: 31% lower, moderate (≥ 30%)');
  });
  it('per session uses only that session and earlier ones', () => {
    const r = responderForSession(series(8, [8, 7, 6, 5]), ses, 'ses2', cfg);
    expect(r.ok && r.comparedValues).toEqual([8, 7]);
  });
  it('missing before-scores → not enough scores, naming what is missing', () => {
    const r = responderForSession(series(8, [8, null, 6, null]), ses, 'ses4', cfg);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual(['before-infusion NRS for session 4']);
    expect(r.sentence).toContain('Not enough scores');
    const r1 = responderForSession(series(null, [8, 7]), ses, 'ses1', cfg);
    expect(!r1.ok && r1.missing).toEqual(['baseline NRS', '2 sessions with before-infusion NRS (only 1 session(s) so far)']);
  });
  it('a superseded score is ignored', () => {
    const rows = series(8, [8, 7, 6, 9]);
    const wrong = rows.find((s) => s.sessionId === 'ses4' && s.timePoint === 'pre_session')!;
    rows.push(score({ value: 4, timePoint: 'pre_session', sessionId: 'ses4', supersedesId: wrong.id, observedAt: wrong.observedAt }));
    const r = responderForSession(rows, ses, 'ses4', cfg);
    expect(r.ok && r.comparedValues).toEqual([6, 4]);
    expect(r.ok && r.compared).toBe(5); // 37.5% lower; with the superseded 9 it would be 7.5
    expect(r.ok && r.category).toBe('moderate');
  });
  it('worsening is "worse"', () => {
    const r = responderForSession(series(5, [6, 7, 7, 7]), ses, 'ses4', cfg);
    expect(r.ok && r.category).toBe('worse');
    expect(r.ok && r.sentence).toContain('40% higher, worse');
  });
  it('baseline 0: sentence says no percent change', () => {
    const r = responderForSession(series(0, [0, 0, 1, 1]), ses, 'ses4', cfg);
    expect(r.ok && r.percentReduction).toBeNull();
    expect(r.sentence).toContain('1 points higher, no percent change (baseline is 0)');
  });
  it.each([
    ['last_before', 5, 'Before-infusion NRS of session 4 (5)'],
    ['after_last_session', 3, 'After-infusion NRS of session 4 (3)'],
  ] as const)('rule %s', (rule, compared, start) => {
    const c = withCfg((x) => (x.comparison.rule = rule));
    const r = responderForSession(series(8, [8, 7, 6, 5], [6, 5, 4, 3]), ses, 'ses4', c);
    expect(r.ok && r.compared).toBe(compared);
    expect(r.sentence.startsWith(start)).toBe(true);
  });
  it('mean of last N (N=3)', () => {
    const c = withCfg((x) => (x.comparison.n = 3));
    const r = responderForSession(series(10, [8, 7, 6, 5]), ses, 'ses4', c);
    expect(r.ok && r.compared).toBe(6);
    expect(r.ok && r.category).toBe('moderate');
  });
});

describe('responderAtFollowUp', () => {
  it('compares the follow-up score with baseline', () => {
    const rows = [...series(8, []), score({ value: 4, timePoint: 'follow_up', followUp: 'followup_1m' })];
    const r = responderAtFollowUp(rows, 'followup_1m', cfg);
    expect(r.ok && r.category).toBe('substantial');
    expect(r.sentence).toBe('1 month follow-up NRS (4) against the baseline NRS of 8: 50% lower, substantial (≥ 50%)');
    const m = responderAtFollowUp(rows, 'followup_3m', cfg);
    expect(!m.ok && m.missing).toEqual(['3 months follow-up NRS']);
  });
});
