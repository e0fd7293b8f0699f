/**
 * The decisions report in words: only formatting of the figures authorizations.report sends
 * (shares and rates as 0..1, days as numbers). Nothing here counts or measures anything new.
 */
import { formatCalendarDate } from '../../../../src-shared/domain/dates';

/**
 * A 0..1 fraction as a whole percent. A small share never reads as 0% and a near-total one never
 * as 100%: "<1%" and ">99%" keep "none" and "all" for when it is exactly so.
 */
export function percentText(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const p = Math.round(fraction * 100);
  if (p === 0 && fraction > 0) return '<1%';
  if (p === 100 && fraction < 1) return '>99%';
  return `${p}%`;
}

/** Days as a number: whole days as they are, a median between two (e.g. 7.5) with one decimal. */
export function daysText(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(1);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 requests decided, 3 denied (25%)", or the empty state in words. */
export function headlineText(decided: number, denied: number): string {
  if (decided === 0) return 'No decisions recorded in this period.';
  return `${plural(decided, 'request', 'requests')} decided, ${denied} denied (${percentText(denied / decided)})`;
}

/** "03/01/2026 to 05/29/2026" (clinic date format). */
export function periodText(from: string, to: string): string {
  return from === to ? formatCalendarDate(from) : `${formatCalendarDate(from)} to ${formatCalendarDate(to)}`;
}

/** An approval's sessions: "2 used, 3 booked of 6 approved". */
export function sessionsText(used: number, booked: number, approved: number | null): string {
  return `${used} used, ${booked} booked ${approved === null ? '(approved number not recorded)' : `of ${approved} approved`}`;
}
