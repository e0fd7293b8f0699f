/**
 * The prior authorization report, pure: from each authorization's first decision in a period
 * (approved, partly approved or denied), the denial rate by payer, the denials by reason/code
 * and by the policy cited, and the days from submission to decision by payer (median, p90).
 * The first decision is what the payer did with the request; what an appeal later won is the
 * appeal's, so a request counts once.
 */
import { daysBetween } from './deadlines';

export type DecisionOutcome = 'approved' | 'partially_approved' | 'denied';

export interface DecisionRecord {
  authorizationId: string;
  patientId: string;
  patientName: string;
  patientMrn: string;
  payerName: string | null;
  ruleSetKey: string | null;
  authNumber: string | null;
  status: string;
  outcome: DecisionOutcome;
  /** Clinic-local date of the payer's (first) decision. */
  decisionDate: string;
  /** Clinic-local date the request was (first) submitted, when known. */
  submittedDate: string | null;
  denialCode: string | null;
  denialReason: string | null;
  denialPolicy: string | null;
  requestedSessions: number | null;
  approvedSessions: number | null;
}

export interface PayerDenials {
  payerName: string;
  decided: number;
  approved: number;
  partiallyApproved: number;
  denied: number;
  /** denied / decided, 0..1 (partial approvals are not denials; they are counted apart). */
  denialRate: number;
  text: string;
}
export interface GroupCount {
  label: string;
  count: number;
  /** count / all denials, 0..1. */
  share: number;
}
export interface Turnaround {
  payerName: string;
  decisions: number;
  medianDays: number;
  p90Days: number;
  text: string;
}

const NO_PAYER = 'No payer recorded';
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Median (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Whole days from submission to decision, or null when the submission date is unknown (or after the decision: a data error). */
export function daysToDecision(r: Pick<DecisionRecord, 'submittedDate' | 'decisionDate'>): number | null {
  if (!r.submittedDate) return null;
  const d = daysBetween(r.submittedDate, r.decisionDate);
  return d < 0 ? null : d;
}

function byCount(map: Map<string, number>, total: number): GroupCount[] {
  return [...map.entries()]
    .map(([label, count]) => ({ label, count, share: total ? count / total : 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function denialReport(records: readonly DecisionRecord[]) {
  const payers = new Map<string, DecisionRecord[]>();
  for (const r of records) {
    const k = r.payerName ?? NO_PAYER;
    payers.set(k, [...(payers.get(k) ?? []), r]);
  }
  const byPayer: PayerDenials[] = [...payers.entries()]
    .map(([payerName, rs]) => {
      const denied = rs.filter((r) => r.outcome === 'denied').length;
      const partiallyApproved = rs.filter((r) => r.outcome === 'partially_approved').length;
      const denialRate = denied / rs.length;
      return {
        payerName,
        decided: rs.length,
        approved: rs.length - denied - partiallyApproved,
        partiallyApproved,
        denied,
        denialRate,
        text: `${payerName}: ${denied} of ${rs.length} denied (${percent(denialRate)})${partiallyApproved ? `, ${partiallyApproved} partly approved` : ''}`,
      };
    })
    .sort((a, b) => b.denialRate - a.denialRate || b.decided - a.decided || a.payerName.localeCompare(b.payerName));

  const denials = records.filter((r) => r.outcome === 'denied');
  const reasons = new Map<string, number>();
  const policies = new Map<string, number>();
  for (const r of denials) {
    // The code groups when the payer gave one ("N-INV: Investigational"); else the reason as written.
    const reason = r.denialCode ? `${r.denialCode}${r.denialReason ? `: ${r.denialReason}` : ''}` : (r.denialReason ?? 'No reason recorded');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const policy = r.denialPolicy ?? 'No policy cited';
    policies.set(policy, (policies.get(policy) ?? 0) + 1);
  }

  const turnaround: Turnaround[] = [...payers.entries()]
    .map(([payerName, rs]) => {
      const days = rs.map(daysToDecision).filter((d): d is number => d !== null);
      if (!days.length) return null;
      const m = median(days);
      const p90 = percentile(days, 90);
      return { payerName, decisions: days.length, medianDays: m, p90Days: p90, text: `${payerName}: median ${m} days, 90% within ${p90} days (${days.length} decisions)` };
    })
    .filter((t): t is Turnaround => t !== null)
    .sort((a, b) => b.medianDays - a.medianDays || a.payerName.localeCompare(b.payerName));

  return {
    decided: records.length,
    denied: denials.length,
    byPayer,
    byReason: byCount(reasons, denials.length),
    byPolicy: byCount(policies, denials.length),
    turnaroundByPayer: turnaround,
  };
}
