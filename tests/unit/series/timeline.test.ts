import { describe, expect, it } from 'vitest';
import { timelineProblems, windowEndDate } from '../../../src-shared/domain/series/timeline';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/New_York';
const spec = { sessionCount: 4, windowDays: 10, minGapDays: 1, maxGapDays: 3 };
const at = (date: string, time = '09:00') => zonedToInstant(ZONE, date, time);
const series = (...dates: string[]) => dates.map((d, i) => ({ seq: i + 1, startsAt: at(d) }));

describe('series timeline', () => {
  it.each([
    ['keeps gaps and window', series('2026-03-02', '2026-03-04', '2026-03-06', '2026-03-09'), []],
    ['exactly the most days apart, and the last day of the window', series('2026-03-02', '2026-03-05', '2026-03-08', '2026-03-11'), []],
    ['two on one day', series('2026-03-02', '2026-03-02', '2026-03-05', '2026-03-07'), ['Sessions 1 and 2 would be 0 days apart; the template allows 1 to 3.']],
    ['a gap too long', series('2026-03-02', '2026-03-06', '2026-03-07', '2026-03-09'), ['Sessions 1 and 2 would be 4 days apart; the template allows 1 to 3.']],
    [
      'out of order',
      [
        { seq: 1, startsAt: at('2026-03-04') },
        { seq: 2, startsAt: at('2026-03-03') },
      ],
      ['Session 2 would come before session 1 (03/03).'],
    ],
    [
      'past the window (counted from the earliest session)',
      series('2026-03-02', '2026-03-05', '2026-03-08', '2026-03-12'),
      ['Sessions 3 and 4 would be 4 days apart; the template allows 1 to 3.', 'Session 4 (03/12) falls outside the 10-day series window, which ends 03/11.'],
    ],
  ])('%s', (_name, sessions, expected) => {
    expect(timelineProblems(ZONE, spec, sessions)).toEqual(expected);
  });

  it('counts clinic days across a DST change (a 23-hour day is still one day)', () => {
    // US clocks spring forward on 2026-03-08.
    expect(timelineProblems(ZONE, spec, series('2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'))).toEqual([]);
    expect(windowEndDate('2026-03-07', spec)).toBe('2026-03-16');
  });

  it('requires the template count only when booking', () => {
    expect(timelineProblems(ZONE, spec, series('2026-03-02'), { requireCount: true })).toEqual(['The template has 4 sessions; 1 was sent.']);
    expect(timelineProblems(ZONE, spec, series('2026-03-02'))).toEqual([]);
  });
});
