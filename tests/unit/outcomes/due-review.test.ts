import { describe, expect, it } from 'vitest';
import { dueList } from '../../../src-main/backend/outcomes/rules/due';
import { reviewFlags, reviewPoints } from '../../../src-main/backend/outcomes/rules/review';
import { cfg, D, H, score, series, sessions, T0, withCfg } from './fixtures';

const full = (n: number) => series(8, Array(n).fill(6) as number[], Array(n).fill(4) as number[]);

describe('dueList', () => {
  // series of 3, all discharged; last discharge = T0 + 4 D + 4h10 = 6 Mar 18:10 UTC = 13:10 New York
  const ses = sessions(3);
  const lastDis = T0 + 4 * D + 4 * H + 10 * 60_000;
  it.each([
    ['nothing owed when complete, before the 1-week date', full(3), lastDis + 1 * D, []],
    ['1-week follow-up due on its date', full(3), lastDis + 7 * D, ['due: 1 week follow-up due 03/13']],
    ['1-week follow-up overdue after its window', full(3), lastDis + 11 * D, ['overdue: 1 week follow-up due 03/13, overdue since 03/16']],
    [
      '1-month follow-up overdue, 1 week taken',
      [...full(3), score({ value: 5, timePoint: 'follow_up', followUp: 'followup_1w' })],
      lastDis + 40 * D,
      ['overdue: 1 month follow-up due 04/05, overdue since 04/12'],
    ],
    [
      'after-infusion score missing for session 3',
      series(8, [6, 6, 6], [4, 4, null]),
      lastDis + 1 * H,
      ['overdue: after-infusion NRS for session 3 not taken by discharge (03/06 13:10)'],
    ],
    [
      'before-infusion score missing for session 2',
      series(8, [6, null, 6], [4, 4, 4]),
      lastDis + 1 * H,
      ['overdue: before-infusion NRS for session 2 not taken before IV placement (03/04 09:30)'],
    ],
  ])('%s', (_name, rows, now, expected) => {
    expect(dueList('p1', ses, rows, cfg, now).map((d) => `${d.status}: ${d.message}`)).toEqual(expected);
  });

  it('session in progress: after-infusion due by discharge; today: before-infusion due', () => {
    const s = sessions(3, (q) => (q === 1 ? 'discharged' : q === 2 ? 'infusing' : 'scheduled'));
    s[1]!.statusTimes = { iv_placed: s[1]!.startsAt };
    const rows = series(8, [6, 6], [4]);
    const items = dueList('p1', s, rows, cfg, s[1]!.startsAt + 2 * H);
    expect(items.map((d) => [d.kind, d.status, d.sessionSeq])).toEqual([['after_infusion', 'due', 2]]);
    const onDay3 = dueList('p1', s, series(8, [6, 6], [4, 4]), cfg, s[2]!.startsAt - 2 * H);
    expect(onDay3.map((d) => d.message)).toEqual(['before-infusion NRS for session 3 due before IV placement (03/06 09:00)']);
    expect(dueList('p1', s, series(8, [6, 6], [4, 4]), cfg, s[2]!.startsAt - 30 * H)).toEqual([]);
  });

  it('no follow-ups while the series is running; schedule is configurable; superseded follow-up does not count', () => {
    const s = sessions(3, (q) => (q === 3 ? 'scheduled' : 'discharged'));
    expect(dueList('p1', s, series(8, [6, 6, 6], [4, 4]), cfg, T0 + 100 * D).filter((d) => d.kind === 'follow_up')).toEqual([]);
    const c = withCfg((x) => (x.followUps = [{ key: 'followup_2w', label: '2 weeks', offsetDays: 14, toleranceDays: 0 }]));
    const fu = score({ value: 5, timePoint: 'follow_up', followUp: 'followup_2w' });
    const corr = score({ value: 5, timePoint: 'follow_up', followUp: 'x', supersedesId: fu.id });
    const items = dueList('p1', ses, [...full(3), fu, corr], c, lastDis + 14 * D);
    expect(items.map((d) => [d.followUp, d.followUpLabel, d.status])).toEqual([['followup_2w', '2 weeks', 'overdue']]);
  });

  it.each([
    // The 1-week follow-up is overdue from lastDis + 10 days; listed for 14 days after that.
    ['still listed on the last day', 24, ['1 week']],
    ['off the list the day after (too late to take as a 1-week score)', 24.01, []],
  ])('listing window: %s', (_n, days, expected) => {
    const c = withCfg((x) => (x.followUps = [x.followUps[0]!]));
    expect(dueList('p1', ses, full(3), c, lastDis + days * D).map((d) => d.followUpLabel)).toEqual(expected);
    const longer = withCfg((x) => {
      x.followUps = [x.followUps[0]!];
      x.due.listForDays = 30;
    });
    expect(dueList('p1', ses, full(3), longer, lastDis + days * D).map((d) => d.followUpLabel)).toEqual(['1 week']);
  });
});

describe('reviewPoints', () => {
  it('the configured session once done, and the end once every session is done', () => {
    const at = (ses: ReturnType<typeof sessions>, c = cfg) => reviewPoints(ses, c).map((p) => `${p.at}:${p.s.seq}`);
    expect(at(sessions(6, (q) => (q <= 3 ? 'discharged' : 'scheduled')))).toEqual([]);
    expect(at(sessions(6, (q) => (q <= 4 ? 'discharged' : 'scheduled')))).toEqual(['after_session:4']);
    expect(at(sessions(6))).toEqual(['after_session:4', 'end_of_series:6']);
    // A 4-session series: session 4 is also the end, flagged once.
    expect(at(sessions(4))).toEqual(['after_session:4']);
    // A cancelled last session: the series ends with the one before.
    expect(at(sessions(6, (q) => (q === 6 ? 'cancelled' : 'discharged')))).toEqual(['after_session:4', 'end_of_series:5']);
    expect(at(sessions(6), withCfg((x) => (x.review.atEndOfSeries = false)))).toEqual(['after_session:4']);
  });
});

describe('reviewFlags', () => {
  it.each([
    ['good responder: no flag', sessions(4), series(8, [8, 6, 5, 4]), []],
    ['< 30% after session 4 → flag', sessions(4), series(8, [8, 7, 7, 6]), ['after_session:4:19']],
    ['exactly 30% is not flagged', sessions(4), series(10, [8, 8, 7, 7]), []],
    ['session 4 not done yet → no flag', sessions(4, (q) => (q === 4 ? 'scheduled' : 'discharged')), series(8, [8, 8, 8]), []],
    ['missing scores → no flag (due list shows them)', sessions(4), series(8, [8, 8, 8, null]), []],
    ['6-session series: flags at session 4 and at the end', sessions(6), series(8, [8, 8, 8, 8, 7, 7]), ['after_session:4:0', 'end_of_series:6:13']],
  ])('%s', (_n, ses, rows, expected) => {
    const flags = reviewFlags('p1', ses, rows, cfg);
    expect(flags.map((f) => `${f.at}:${f.sessionSeq}:${Math.round(f.percentReduction ?? -1)}`)).toEqual(expected);
  });
  it('reason names the threshold and the numbers; configurable point', () => {
    const [f] = reviewFlags('p1', sessions(4), series(8, [8, 7, 7, 6]), cfg);
    expect(f!.reason).toBe(
      'Less than 30% reduction after session 4: 19% reduction. Mean of the last two before-infusion NRS scores (7, 6 → 6.5) against the baseline NRS of 8: 19% lower, minimal (≥ 10%)',
    );
    const c = withCfg((x) => {
      x.review.afterSessionSeq = null;
      x.review.minReductionPercent = 15;
    });
    expect(reviewFlags('p1', sessions(4), series(8, [8, 7, 7, 6]), c)).toEqual([]);
  });
});
