/** IMMPACT responder results through outcomes.patientSummary, on a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, DAY, HOUR, OutcomesClinic } from './api-clinic';

let c: OutcomesClinic;
beforeEach(async () => {
  c = await OutcomesClinic.open(at('2026-06-01', '10:00'));
});
afterEach(() => c.dispose());

// Default rule: mean of the last two before-infusion NRS against the baseline NRS.
describe('responder category borders as of session 4', () => {
  it.each([
    ['exactly 30% is moderate', 10, [9, 8, 7, 7], 'moderate', 30, 'moderate (≥ 30%)', 'Mean of the last two before-infusion NRS scores (7, 7 → 7) against the baseline NRS of 10: 30% lower, moderate (≥ 30%)'],
    ['exactly 50% is substantial', 10, [8, 7, 5, 5], 'substantial', 50, 'substantial (≥ 50%)', 'Mean of the last two before-infusion NRS scores (5, 5 → 5) against the baseline NRS of 10: 50% lower, substantial (≥ 50%)'],
    ['just under 30% (25%) is minimal', 10, [8, 8, 8, 7], 'minimal', 25, 'minimal (≥ 10%)', 'Mean of the last two before-infusion NRS scores (8, 7 → 7.5) against the baseline NRS of 10: 25% lower, minimal (≥ 10%)'],
    ['under 10% is none', 8, [8, 8, 8, 7], 'none', 6.25, 'no meaningful change (< 10%)', 'Mean of the last two before-infusion NRS scores (8, 7 → 7.5) against the baseline NRS of 8: 6% lower, no meaningful change (< 10%)'],
    ['higher than baseline is worse', 6, [6, 7, 7, 8], 'worse', -25, 'worse', 'Mean of the last two before-infusion NRS scores (7, 8 → 7.5) against the baseline NRS of 6: 25% higher, worse'],
  ] as const)('%s', async (_name, baseline, pre, category, percent, label, sentence) => {
    const pid = await c.patient('Ana', 'Ramirez');
    const { sessions } = c.series(pid, { count: 4, firstDate: '2026-05-04' });
    await c.scores(pid, baseline, sessions, [...pre]);
    const s = await c.b.ok('outcomes.patientSummary', { patientId: pid });
    const r = s.series[0]!.sessions[3]!.responder;
    expect(r).toMatchObject({ ok: true, category, categoryLabel: label, baseline, sentence, missing: [] });
    expect(r.percentReduction).toBeCloseTo(percent, 6);
    expect(s.series[0]!.latest).toMatchObject({ category, asOf: 'session 4' });
  });

  it('a baseline of 0 gives "no percent change", not a division error', async () => {
    const pid = await c.patient('Ana', 'Ramirez');
    const { sessions } = c.series(pid, { count: 2, firstDate: '2026-05-04' });
    await c.scores(pid, 0, sessions, [0, 1]);
    const r = (await c.b.ok('outcomes.patientSummary', { patientId: pid })).series[0]!.sessions[1]!.responder;
    expect(r).toMatchObject({ ok: true, percentReduction: null, pointsReduction: -0.5, category: 'worse', note: 'no percent change (baseline is 0)' });
    expect(r.sentence).toBe('Mean of the last two before-infusion NRS scores (0, 1 → 0.5) against the baseline NRS of 0: 0.5 points higher, no percent change (baseline is 0)');
  });

  it('missing before-infusion scores: no result, and what is missing is named', async () => {
    const pid = await c.patient('Ana', 'Ramirez');
    const { sessions } = c.series(pid, { count: 3, firstDate: '2026-05-04' });
    await c.scores(pid, 8, sessions, [7, null, 6]);
    const s = await c.b.ok('outcomes.patientSummary', { patientId: pid });
    expect(s.series[0]!.sessions[0]!.responder).toMatchObject({ ok: false, missing: ['2 sessions with before-infusion NRS (only 1 session(s) so far)'] });
    expect(s.series[0]!.sessions[2]!.responder).toMatchObject({ ok: false, category: null, percentReduction: null, missing: ['before-infusion NRS for session 2'] });
    expect(s.series[0]!.sessions[2]!.responder.sentence).toBe('Not enough scores: missing before-infusion NRS for session 2');
  });

  it('no baseline: missing baseline', async () => {
    const pid = await c.patient('Ana', 'Ramirez');
    const { sessions } = c.series(pid, { count: 2, firstDate: '2026-05-04' });
    await c.scores(pid, null, sessions, [7, 6]);
    const r = (await c.b.ok('outcomes.patientSummary', { patientId: pid })).series[0]!.sessions[1]!.responder;
    expect(r).toMatchObject({ ok: false, missing: ['baseline NRS'] });
  });
});

describe('the patient summary', () => {
  it('before/after pairs per session, follow-ups with PGIC, the chart lines and markers, the rule in words', async () => {
    const pid = await c.patient('Ana', 'Ramirez');
    const { seriesId, sessions } = c.series(pid, { count: 3, firstDate: '2026-04-06', templateName: '3 infusions over a week' });
    await c.scores(pid, 8, sessions, [8, 6, 5], [5, 4, 3]);
    await c.record({ patientId: pid, instrument: 'vas', timePoint: 'baseline', value: 75, observedAt: sessions[0]!.startsAt - 7 * DAY });
    const end = sessions[2]!.dischargedAt!;
    await c.record({ patientId: pid, instrument: 'nrs', timePoint: 'follow_up', followUp: 'followup_1m', value: 4, observedAt: end + 30 * DAY });
    await c.record({ patientId: pid, instrument: 'pgic', timePoint: 'follow_up', followUp: 'followup_1m', value: 2, observedAt: end + 30 * DAY });
    const s = await c.b.ok('outcomes.patientSummary', { patientId: pid });
    expect(s.ruleSentence).toMatch(/^Mean of the last two before-infusion NRS scores against the baseline NRS; a follow-up compares its NRS with the baseline\./);
    const series = s.series[0]!;
    expect(series).toMatchObject({ seriesId, label: '3 infusions over a week', endedAt: end, firstSessionAt: sessions[0]!.startsAt });
    expect(series.baseline.nrs?.value).toBe(8);
    expect(series.baseline.vas?.value).toBe(75);
    expect(series.sessions.map((x) => [x.seq, x.before?.value, x.after?.value, x.sessionChangePoints])).toEqual([
      [1, 8, 5, 3],
      [2, 6, 4, 2],
      [3, 5, 3, 2],
    ]);
    const oneMonth = series.followUps.find((f) => f.key === 'followup_1m')!;
    expect(oneMonth).toMatchObject({ label: '1 month', dueAt: end + 30 * DAY, score: { value: 4 }, pgic: { value: 2 } });
    expect(oneMonth.responder).toMatchObject({ ok: true, category: 'substantial', percentReduction: 50 });
    expect(series.latest).toMatchObject({ asOf: '1 month follow-up', category: 'substantial' });
    expect(series.followUps.find((f) => f.key === 'followup_1w')!.responder.missing).toEqual(['1 week follow-up NRS']);
    // Chart: baseline 8 → 30% line at 5.6, 50% line at 4; VAS 75 → 52.5 and 37.5.
    expect(s.chart.lines).toEqual({ nrs: { baseline: 8, moderate: 5.6, substantial: 4 }, vas: { baseline: 75, moderate: 52.5, substantial: 37.5 } });
    expect(s.chart.sessionMarkers.map((m) => m.label)).toEqual(['Session 1', 'Session 2', 'Session 3']);
    expect(s.chart.points.filter((p) => p.instrument === 'nrs').map((p) => p.label)).toEqual(['Baseline', 'Before 1', 'After 1', 'Before 2', 'After 2', 'Before 3', 'After 3', '1 month']);
    // The 1-week follow-up was missed (overdue since 04/20, more than 14 days ago): too late to
    // take, so no longer owed; the 3-month one is not due until July.
    expect(s.due).toEqual([]);
  });

  it('each series is compared with the baseline taken before it started', async () => {
    const pid = await c.patient('Ana', 'Ramirez');
    const first = c.series(pid, { count: 2, firstDate: '2026-03-02' });
    const second = c.series(pid, { count: 2, firstDate: '2026-05-04' });
    await c.scores(pid, 9, first.sessions, [8, 7]);
    await c.scores(pid, 6, second.sessions, [5, 3], [], second.sessions[0]!.startsAt - 3 * DAY);
    const s = await c.b.ok('outcomes.patientSummary', { patientId: pid });
    expect(s.series.map((x) => x.baseline.nrs?.value)).toEqual([9, 6]);
    expect(s.series.map((x) => Math.round(x.sessions[1]!.responder.percentReduction!))).toEqual([17, 33]);
    expect(s.chart.lines.nrs?.baseline).toBe(6);
  });

  it('unknown patient: NOT_FOUND', async () => {
    expect((await c.b.fail('outcomes.patientSummary', { patientId: '0190a3c2-0000-7000-8000-000000000000' })).code).toBe('NOT_FOUND');
    void HOUR;
  });
});
