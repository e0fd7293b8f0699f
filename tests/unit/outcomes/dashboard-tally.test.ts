/**
 * The dashboard reads scores only for the series whose sessions put something in the period
 * (seriesCountsIn). That filter must never change a figure: series it drops count for nothing.
 */
import { describe, expect, it } from 'vitest';
import type { SeriesRecord } from '../../../src-main/backend/outcomes/data';
import { seriesCountsIn, tallyDashboard, type DashboardPeriod } from '../../../src-main/backend/outcomes/dashboard-tally';
import type { OutcomeScore } from '../../../src-main/backend/outcomes/rules/types';
import { cfg, D, H, T0 } from './fixtures';

type Score = OutcomeScore & { seriesId: string | null };

/** A series of `count` sessions two days apart from `first`, each with `status(seq)`, and its scores. */
function makeSeries(id: string, first: number, count: number, status: (seq: number) => string, baseline: number | null, pre: number[]) {
  const sessions = Array.from({ length: count }, (_, i) => {
    const startsAt = first + i * 2 * D;
    const st = status(i + 1);
    return { id: `${id}-x${i + 1}`, patientId: `p-${id}`, seq: i + 1, startsAt, endsAt: startsAt + 4 * H, status: st, statusTimes: st === 'discharged' ? { discharged: startsAt + 4 * H } : {} };
  });
  const s: SeriesRecord = { id, patientId: `p-${id}`, templateId: null, templateName: null, authorizationId: null, selfPay: true, status: 'active', createdAt: first - D, sessions };
  const scores: Score[] = [];
  if (baseline !== null) scores.push({ id: `${id}-b`, patientId: s.patientId, instrument: 'nrs', value: baseline, timePoint: 'baseline', sessionId: null, seriesId: null, followUp: null, observedAt: first - D, createdAt: first - D, supersedesId: null });
  pre.forEach((v, i) =>
    scores.push({ id: `${id}-pre${i}`, patientId: s.patientId, instrument: 'nrs', value: v, timePoint: 'pre_session', sessionId: sessions[i]!.id, seriesId: id, followUp: null, observedAt: sessions[i]!.startsAt, createdAt: sessions[i]!.startsAt, supersedesId: null }),
  );
  return { s, scores };
}

const groups = { diagnosis: () => ({ key: 'none', label: 'No diagnosis recorded' }), payer: () => ({ key: 'self_pay', label: 'Self-pay' }), template: () => ({ key: 'none', label: 'No template' }) };
const period: DashboardPeriod = { start: T0 + 30 * D, end: T0 + 60 * D, now: T0 + 400 * D };
const done = () => 'discharged';

const cases = {
  // Ended long before the period, every follow-up overdue before it too: counts for nothing.
  longAgo: makeSeries('longAgo', T0 - 200 * D, 3, done, 8, [6, 5, 4]),
  // Ended 60 days before the period: its 3-month follow-up falls overdue in it.
  followUpOnly: makeSeries('followUpOnly', T0 - 50 * D, 3, done, 8, [6, 5, 4]),
  // Ended in the period.
  endedIn: makeSeries('endedIn', T0 + 35 * D, 2, done, 9, [5, 4]),
  // Started in the period, still running: owes its baseline and the discharged sessions' scores.
  running: makeSeries('running', T0 + 55 * D, 4, (q) => (q === 1 ? 'discharged' : 'scheduled'), null, []),
  // Every session cancelled.
  cancelled: makeSeries('cancelled', T0 + 40 * D, 2, () => 'cancelled', 7, []),
  // Starts after the period.
  after: makeSeries('after', T0 + 70 * D, 2, done, 7, [3, 3]),
};

describe('seriesCountsIn', () => {
  it.each([
    ['longAgo', false],
    ['followUpOnly', true],
    ['endedIn', true],
    ['running', true],
    ['cancelled', false],
    ['after', false],
  ] as const)('%s: %s', (name, expected) => {
    expect(seriesCountsIn(cases[name].s, period, cfg)).toBe(expected);
  });

  it('dropping the series that do not count leaves every figure as it was', () => {
    const all = Object.values(cases);
    const scores = new Map(all.map((c) => [c.s.patientId, c.scores]));
    const of = (id: string) => scores.get(id) ?? [];
    const everything = tallyDashboard(all.map((c) => c.s), of, groups, period, cfg);
    const kept = tallyDashboard(all.map((c) => c.s).filter((s) => seriesCountsIn(s, period, cfg)), of, groups, period, cfg);
    expect(kept).toEqual(everything);
    expect(everything.overall.series).toBe(1);
    expect(everything.completeness.overall.expected).toBeGreaterThan(0);
  });
});
