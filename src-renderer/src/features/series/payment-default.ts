/**
 * "Paid by" in the series planner: which authorization can pay for a new series, and what the
 * choice starts as. An authorization counts only if it is approved, has dates and sessions,
 * has not ended and has sessions left to book; the planner starts on such a one (the first
 * with enough sessions for the series, else the first), or on no choice at all with a plain
 * sentence saying that none covers the series. Self-pay is never chosen for the person: a
 * patient with coverage and no authorization is not self-pay unless the desk says so.
 */
import type { Authorization } from '../../../../src-shared/api/schemas/series';
import { formatDay } from '../../../../src-shared/domain/clock-display';

/** Sessions the authorization can still pay for: approved, less those given and those booked. */
export function sessionsLeft(a: Pick<Authorization, 'approvedSessions' | 'sessionsUsed' | 'sessionsBooked'>): number {
  return Math.max(0, (a.approvedSessions ?? 0) - a.sessionsUsed - a.sessionsBooked);
}

/** Why this authorization cannot pay for a series starting `today`, or null when it can. */
export function authorizationProblem(a: Authorization, today: string, zone: string): string | null {
  if (a.status !== 'approved' && a.status !== 'partially_approved') return a.status.replace('_', ' ');
  if (!a.startDate || !a.endDate || !a.approvedSessions) return 'approved without dates or sessions';
  if (a.endDate < today) return `ended ${formatDay(a.endDate, zone, { weekday: false, alwaysYear: true })}`;
  const left = sessionsLeft(a);
  if (left === 0) return '0 sessions left';
  return null;
}

export const authorizationName = (a: Pick<Authorization, 'authNumber'>) => `Authorization ${a.authNumber ?? '(no number)'}`;

export interface PaymentStart {
  /** An authorization id, or '' (nothing chosen yet: the desk must choose). */
  payment: string;
  /** Said above the choice when no authorization covers the series; null when one does. */
  notice: string | null;
}

export function paymentStart(
  auths: Authorization[],
  coverages: { payerName: string }[],
  today: string,
  zone: string,
  sessionsNeeded: number,
): PaymentStart {
  const usable = auths.filter((a) => authorizationProblem(a, today, zone) === null);
  const best = usable.find((a) => sessionsLeft(a) >= sessionsNeeded) ?? usable[0];
  if (best) return { payment: best.id, notice: null };
  const payers = [...new Set(coverages.map((c) => c.payerName))];
  const reasons = auths.map((a) => `${authorizationName(a)}: ${authorizationProblem(a, today, zone)}`);
  const what =
    auths.length > 0
      ? `No authorization covers this series: ${reasons.join('; ')}.`
      : payers.length > 0
        ? `The patient has ${payers.join(' and ')} coverage but no authorization for this series.`
        : 'The patient has no coverage or authorization on file.';
  const next = payers.length > 0 || auths.length > 0 ? ' Request or renew an authorization, or choose Self-pay if the patient pays.' : ' Choose Self-pay if the patient pays.';
  return { payment: '', notice: `${what}${next}` };
}
