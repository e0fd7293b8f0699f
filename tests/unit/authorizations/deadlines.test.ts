import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addMonthsClamped,
  computeDeadlines,
  daysBetween,
  dueWords,
  expectedDecisionAt,
} from '../../../src-shared/domain/authorizations/deadlines';
import type { PayerClocks } from '../../../src-shared/domain/authorizations/payer-rules';
import { localDateAt, localTimeAt, zonedToInstant } from '../../../src-shared/domain/zoned-time';

const CMS: PayerClocks = { cms0057f: true, decisionStandardDays: 7, decisionExpeditedHours: 72, appealDays: 180, externalReviewMonths: 4, p2pBusinessDays: 5, expiryWarningDays: [14, 7] };
const HOUR = 3_600_000;

describe('external review: months after the final denial, month-end aware', () => {
  it.each([
    ['2026-10-31', 4, '2027-02-28'],
    ['2027-10-31', 4, '2028-02-29'], // 2028 is a leap year
    ['2028-02-29', 4, '2028-06-29'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-08-31', 4, '2026-12-31'],
    ['2026-09-30', 4, '2027-01-30'],
    ['2026-11-15', 4, '2027-03-15'],
    ['2026-12-31', 2, '2027-02-28'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addMonthsClamped(from, months)).toBe(to);
  });
});

describe('peer-to-peer window: business days, weekends skipped', () => {
  it.each([
    ['2026-11-10', 5, '2026-11-17'], // Tuesday → next Tuesday
    ['2026-11-13', 1, '2026-11-16'], // Friday + 1 = Monday
    ['2026-11-14', 1, '2026-11-16'], // a Saturday denial: Monday is the first business day
    ['2026-11-15', 5, '2026-11-20'], // Sunday → Friday
    ['2028-02-25', 3, '2028-03-01'], // Friday across the leap day (Tue 02-29 counted)
    ['2026-12-30', 3, '2027-01-04'], // across the year end
  ])('%s + %i business days = %s', (from, n, to) => {
    expect(addBusinessDays(from, n)).toBe(to);
  });
});

describe('appeal due: calendar days from the denial', () => {
  it('180 days across the leap day and year end', () => {
    expect(computeDeadlines({ submittedAt: null, expedited: false, denialDate: '2027-12-15', finalDenialDate: null }, CMS, 'UTC').appealDueDate).toBe('2028-06-12');
    expect(computeDeadlines({ submittedAt: null, expedited: false, denialDate: '2026-11-10', finalDenialDate: null }, CMS, 'UTC').appealDueDate).toBe('2027-05-09');
    expect(daysBetween('2027-12-15', '2028-06-12')).toBe(180);
  });
  it('nothing is due where its fact is not recorded', () => {
    expect(computeDeadlines({ submittedAt: null, expedited: false, denialDate: null, finalDenialDate: null }, CMS, 'UTC')).toEqual({
      decisionDueAt: null, p2pDueDate: null, appealDueDate: null, externalReviewDueDate: null,
    });
  });
});

describe('expected decision in the clinic zone', () => {
  const CHICAGO = 'America/Chicago';
  it('standard: 7 calendar days at the same clinic time, across the spring DST change (167 elapsed hours)', () => {
    const sent = zonedToInstant(CHICAGO, '2027-03-10', '16:45');
    const due = expectedDecisionAt(sent, false, CMS, CHICAGO);
    expect(localDateAt(CHICAGO, due)).toBe('2027-03-17');
    expect(localTimeAt(CHICAGO, due)).toBe('16:45');
    expect((due - sent) / HOUR).toBe(167);
  });
  it('standard across the autumn change is 169 hours; expedited is 72 elapsed hours whatever the clock does', () => {
    const sent = zonedToInstant(CHICAGO, '2026-10-29', '09:00');
    expect((expectedDecisionAt(sent, false, CMS, CHICAGO) - sent) / HOUR).toBe(169);
    const due = expectedDecisionAt(sent, true, CMS, CHICAGO);
    expect(due - sent).toBe(72 * HOUR);
    expect([localDateAt(CHICAGO, due), localTimeAt(CHICAGO, due)]).toEqual(['2026-11-01', '08:00']);
  });
  it('the day is the clinic\'s, not UTC\'s: sent at 8 PM in Chicago on Feb 22 (02:00 UTC Feb 23) is due on Feb 29, 2028', () => {
    const sent = zonedToInstant(CHICAGO, '2028-02-22', '20:00');
    expect(new Date(sent).toISOString().slice(0, 10)).toBe('2028-02-23');
    const due = expectedDecisionAt(sent, false, CMS, CHICAGO);
    expect([localDateAt(CHICAGO, due), localTimeAt(CHICAGO, due)]).toEqual(['2028-02-29', '20:00']);
  });
  it('a payer outside CMS-0057-F uses its own configured figures', () => {
    const sent = zonedToInstant('Asia/Manila', '2026-12-28', '10:00');
    const commercial: PayerClocks = { ...CMS, cms0057f: false, decisionStandardDays: 15 };
    const due = expectedDecisionAt(sent, false, commercial, 'Asia/Manila');
    expect(localDateAt('Asia/Manila', due)).toBe('2027-01-12');
  });
});

describe('due words', () => {
  it.each([
    [0, 'due today'],
    [1, 'due tomorrow'],
    [9, 'due in 9 days'],
    [-1, '1 day overdue'],
    [-12, '12 days overdue'],
  ])('%i → %s', (n, words) => expect(dueWords(n)).toBe(words));
});
