/**
 * Prior authorization deadlines as data: worked out from the payer's clocks (payer-rules.ts)
 * and kept on the authorization row, so the due list is a plain query. Pure; every calendar
 * date is clinic-local (YYYY-MM-DD) and instants are turned into dates in the clinic's zone.
 *
 * Sources for the default figures (each configurable per payer in its rule set):
 * - decision: CMS-0057-F (CMS Interoperability and Prior Authorization final rule, 2024):
 *   standard requests within 7 calendar days, expedited within 72 hours (from 2026);
 * - appeal: ERISA claims procedure, 29 CFR 2560.503-1(h)(3)(i): at least 180 days after the
 *   adverse benefit determination;
 * - external review: 45 CFR 147.136(d)(2)(i): 4 months after the final internal adverse
 *   determination (month-end aware: Oct 31 + 4 months is the last day of February);
 * - peer-to-peer: payer practice (about 5-14 business days after the denial), weekends skipped.
 */
import type { PayerClocks } from './payer-rules';
import { addDays, localDateAt, localTimeAt, parseDate, weekdayOf, zonedToInstant } from '../zoned-time';

const HOUR_MS = 3_600_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day `months` later; a day the target month lacks becomes its last day (Oct 31 + 4 = Feb 28, or 29 in a leap year). */
export function addMonthsClamped(date: string, months: number): string {
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(Math.min(day, daysInMonth(y, m)))}`;
}

/** `n` business days after a date: Saturdays and Sundays are not counted (a Friday + 1 is Monday). */
export function addBusinessDays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const w = weekdayOf(d);
    if (w !== 0 && w !== 6) left--;
  }
  return d;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * When the payer's decision is expected: expedited requests `decisionExpeditedHours` elapsed
 * hours after submission; standard ones `decisionStandardDays` calendar days later at the same
 * wall-clock time in the clinic's zone (so a week across a DST change is 167 or 169 hours).
 */
export function expectedDecisionAt(submittedAt: number, expedited: boolean, clocks: Pick<PayerClocks, 'decisionStandardDays' | 'decisionExpeditedHours'>, timeZone: string): number {
  if (expedited) return submittedAt + clocks.decisionExpeditedHours * HOUR_MS;
  const date = addDays(localDateAt(timeZone, submittedAt), clocks.decisionStandardDays);
  return zonedToInstant(timeZone, date, localTimeAt(timeZone, submittedAt));
}

/** The facts deadlines are worked out from (a subset of the authorization row). */
export interface DeadlineFacts {
  submittedAt: number | null;
  expedited: boolean;
  denialDate: string | null;
  finalDenialDate: string | null;
}

export interface Deadlines {
  decisionDueAt: number | null;
  p2pDueDate: string | null;
  appealDueDate: string | null;
  externalReviewDueDate: string | null;
}

/** Every deadline the facts allow; null where the fact it runs from is not recorded. */
export function computeDeadlines(f: DeadlineFacts, clocks: PayerClocks, timeZone: string): Deadlines {
  return {
    decisionDueAt: f.submittedAt === null ? null : expectedDecisionAt(f.submittedAt, f.expedited, clocks, timeZone),
    p2pDueDate: f.denialDate ? addBusinessDays(f.denialDate, clocks.p2pBusinessDays) : null,
    appealDueDate: f.denialDate ? addDays(f.denialDate, clocks.appealDays) : null,
    externalReviewDueDate: f.finalDenialDate ? addMonthsClamped(f.finalDenialDate, clocks.externalReviewMonths) : null,
  };
}

/** "in 3 days", "today", "2 days overdue": how the due list words a date against today. */
export function dueWords(daysLeft: number): string {
  if (daysLeft === 0) return 'due today';
  if (daysLeft === 1) return 'due tomorrow';
  if (daysLeft > 1) return `due in ${daysLeft} days`;
  return daysLeft === -1 ? '1 day overdue' : `${-daysLeft} days overdue`;
}
