/**
 * authorizations.report and reportCsv: the period's first decisions, read from the history
 * (authorization_events: the first approved / partly approved / denied step, with the facts the
 * step recorded) or, for an authorization recorded before the history existed, from its row.
 */
import type { AuthorizationReport } from '../../../src-shared/api/schemas/authorization-lifecycle';
import { denialReport, daysToDecision, type DecisionOutcome, type DecisionRecord } from '../../../src-shared/domain/authorizations/report';
import { formatCalendarDate } from '../../../src-shared/domain/dates';
import { localDateAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { keptWhileUnchanged } from '../db/kept-answers';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { permissionsOf, roleGrants } from '../users/accounts';
import { sessionTallies } from './service';

const DECISIONS = new Set<string>(['approved', 'partially_approved', 'denied']);

interface AuthRowLite {
  id: string;
  patientId: string;
  status: string;
  authNumber: string | null;
  ruleSetKey: string | null;
  submittedAt: number | null;
  decisionDate: string | null;
  denialDate: string | null;
  denialCode: string | null;
  denialReason: string | null;
  denialPolicy: string | null;
  requestedSessions: number | null;
  approvedSessions: number | null;
  firstName: string;
  lastName: string;
  mrn: string;
  payerName: string | null;
}

interface EventLite {
  authorizationId: string;
  at: number;
  toStatus: string;
  details: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Every request whose first decision falls in [from, to] (clinic-local dates). */
export function decisionsIn(ctx: Pick<HandlerContext, 'sqlite'>, from: string, to: string): DecisionRecord[] {
  const { timeZone } = readScheduleSettings(ctx.sqlite);
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT a.id, a.patient_id AS patientId, a.status, a.auth_number AS authNumber, a.rule_set_key AS ruleSetKey, a.submitted_at AS submittedAt,
              a.decision_date AS decisionDate, a.denial_date AS denialDate, a.denial_code AS denialCode, a.denial_reason AS denialReason,
              a.denial_policy AS denialPolicy, a.requested_sessions AS requestedSessions, a.approved_sessions AS approvedSessions,
              p.first_name AS firstName, p.last_name AS lastName, p.mrn, y.name AS payerName
       FROM authorizations a JOIN patients p ON p.id = a.patient_id LEFT JOIN payers y ON y.id = a.payer_id
       WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL`,
  ).all() as AuthRowLite[];
  const events = preparedSql(
    ctx.sqlite,
    `SELECT authorization_id AS authorizationId, at, to_status AS toStatus, details FROM authorization_events
       WHERE deleted_at IS NULL AND to_status IN ('submitted', 'approved', 'partially_approved', 'denied') AND from_status IS NOT to_status ORDER BY at, id`,
  ).all() as EventLite[];
  const firstSubmitted = new Map<string, EventLite>();
  const firstDecision = new Map<string, EventLite>();
  for (const e of events) {
    const into = e.toStatus === 'submitted' ? firstSubmitted : firstDecision;
    if (!into.has(e.authorizationId)) into.set(e.authorizationId, e);
  }

  const out: DecisionRecord[] = [];
  for (const a of rows) {
    const decision = firstDecision.get(a.id);
    let outcome: DecisionOutcome;
    let decisionDate: string | null;
    let d: Record<string, unknown> = {};
    if (decision) {
      d = decision.details ? (JSON.parse(decision.details) as Record<string, unknown>) : {};
      outcome = decision.toStatus as DecisionOutcome;
      decisionDate = str(d['decisionDate']) ?? localDateAt(timeZone, decision.at);
    } else {
      // Recorded before the history (a plain edit of the row): its own status and dates.
      if (DECISIONS.has(a.status)) outcome = a.status as DecisionOutcome;
      else if (a.denialDate) outcome = 'denied';
      else continue;
      decisionDate = a.decisionDate ?? (outcome === 'denied' ? a.denialDate : null);
    }
    if (!decisionDate || decisionDate < from || decisionDate > to) continue;
    const sub = firstSubmitted.get(a.id);
    const subDetails = sub?.details ? (JSON.parse(sub.details) as Record<string, unknown>) : {};
    const submittedAt = num(subDetails['submittedAt']) ?? sub?.at ?? a.submittedAt;
    const denied = outcome === 'denied';
    out.push({
      authorizationId: a.id,
      patientId: a.patientId,
      patientName: `${a.firstName} ${a.lastName}`,
      patientMrn: a.mrn,
      payerName: a.payerName,
      ruleSetKey: a.ruleSetKey,
      authNumber: a.authNumber,
      status: a.status,
      outcome,
      decisionDate,
      submittedDate: submittedAt !== null ? localDateAt(timeZone, submittedAt) : null,
      // The denial's facts as that step recorded them (a later denial may have replaced the row's).
      denialCode: denied ? (decision ? str(d['denialCode']) : a.denialCode) : null,
      denialReason: denied ? (decision ? str(d['denialReason']) : a.denialReason) : null,
      denialPolicy: denied ? (decision ? str(d['denialPolicy']) : a.denialPolicy) : null,
      requestedSessions: a.requestedSessions,
      approvedSessions: denied ? null : (decision ? num(d['approvedSessions']) : null) ?? a.approvedSessions,
    });
  }
  return out.sort((x, y) => x.decisionDate.localeCompare(y.decisionDate) || x.authorizationId.localeCompare(y.authorizationId));
}

/** The report for a range, kept while nothing but the read trail has been written (it reads every authorization and its history). */
export function authorizationReport(ctx: HandlerContext, from: string, to: string): AuthorizationReport {
  return keptWhileUnchanged(ctx.sqlite, 'authorization_report', `${readScheduleSettings(ctx.sqlite).timeZone}|${from}|${to}`, () => workOutReport(ctx, from, to));
}

function workOutReport(ctx: HandlerContext, from: string, to: string): AuthorizationReport {
  const ending = preparedSql(
    ctx.sqlite,
    `SELECT a.id, a.patient_id AS patientId, a.auth_number AS authNumber, a.end_date AS endDate, a.approved_sessions AS approvedSessions,
                p.first_name AS firstName, p.last_name AS lastName, y.name AS payerName
         FROM authorizations a JOIN patients p ON p.id = a.patient_id LEFT JOIN payers y ON y.id = a.payer_id
         WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND a.status IN ('approved', 'partially_approved')
           AND a.end_date BETWEEN ? AND ?
         ORDER BY a.end_date, a.id`,
  ).all(from, to) as {
      id: string;
      patientId: string;
      authNumber: string | null;
      endDate: string;
      approvedSessions: number | null;
      firstName: string;
      lastName: string;
      payerName: string | null;
    }[];
  const tallies = sessionTallies(ctx, ending.map((a) => a.id));
  const expiring = ending.map((a) => {
    const t = tallies.get(a.id)!;
    const left = a.approvedSessions === null ? null : Math.max(0, a.approvedSessions - t.given - t.booked);
    return {
      authorizationId: a.id,
      patientId: a.patientId,
      patientName: `${a.firstName} ${a.lastName}`,
      payerName: a.payerName,
      authNumber: a.authNumber,
      endDate: a.endDate,
      approvedSessions: a.approvedSessions,
      sessionsUsed: t.given,
      sessionsBooked: t.booked,
      text:
        `${a.authNumber ? `Authorization ${a.authNumber}` : 'Authorization'} ends ${formatCalendarDate(a.endDate)}: ` +
        `${t.given} given, ${t.booked} booked${left === null ? '' : `, ${left} left`} of ${a.approvedSessions ?? '?'}`,
    };
  });
  return { from, to, ...denialReport(decisionsIn(ctx, from, to)), expiring };
}

/** The CSV's columns, in order, with what each holds (the method's documentation points here). */
export const AUTHORIZATION_REPORT_COLUMNS = [
  { name: 'authorization_id', description: 'The authorization’s id in the app.' },
  { name: 'patient_name', description: 'First and last name; empty unless the caller’s role reads patients’ charts.' },
  { name: 'patient_mrn', description: 'Medical record number; empty unless the caller’s role reads patients’ charts.' },
  { name: 'payer', description: 'Payer name, empty if none recorded.' },
  { name: 'rule_set', description: 'Payer rule set key the request was checked against, if recorded.' },
  { name: 'auth_number', description: 'The payer’s authorization number, if any.' },
  { name: 'first_decision', description: 'approved | partially_approved | denied: the payer’s first decision on the request.' },
  { name: 'submitted_date', description: 'Clinic-local date first submitted (YYYY-MM-DD), empty if unknown.' },
  { name: 'decision_date', description: 'Clinic-local date of that first decision (YYYY-MM-DD).' },
  { name: 'days_to_decision', description: 'Whole calendar days from submission to decision, empty if unknown.' },
  { name: 'denial_code', description: 'The payer’s denial code, for denials.' },
  { name: 'denial_reason', description: 'The denial reason as recorded, for denials.' },
  { name: 'denial_policy', description: 'The medical policy the denial cites, for denials.' },
  { name: 'requested_sessions', description: 'Sessions asked for.' },
  { name: 'approved_sessions', description: 'Sessions approved by that decision (empty for denials).' },
  { name: 'status_now', description: 'The authorization’s status today (e.g. approved after an appeal).' },
] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @, tab, CR) starts with '. */
function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function authorizationReportCsv(ctx: HandlerContext, from: string, to: string) {
  const withPatients = permissionsOf(ctx.user.role, roleGrants(ctx.sqlite)).includes('patients.read');
  const records = decisionsIn(ctx, from, to);
  const lines = [AUTHORIZATION_REPORT_COLUMNS.map((c) => c.name).join(',')];
  for (const r of records) {
    const row: Record<(typeof AUTHORIZATION_REPORT_COLUMNS)[number]['name'], string | number | null> = {
      authorization_id: r.authorizationId,
      patient_name: withPatients ? r.patientName : null,
      patient_mrn: withPatients ? r.patientMrn : null,
      payer: r.payerName,
      rule_set: r.ruleSetKey,
      auth_number: r.authNumber,
      first_decision: r.outcome,
      submitted_date: r.submittedDate,
      decision_date: r.decisionDate,
      days_to_decision: daysToDecision(r),
      denial_code: r.denialCode,
      denial_reason: r.denialReason,
      denial_policy: r.denialPolicy,
      requested_sessions: r.requestedSessions,
      approved_sessions: r.approvedSessions,
      status_now: r.status,
    };
    lines.push(AUTHORIZATION_REPORT_COLUMNS.map((c) => cell(row[c.name])).join(','));
  }
  return {
    fileName: `authorization-decisions-${from}-to-${to}.csv`,
    mimeType: 'text/csv',
    text: lines.join('\r\n') + '\r\n',
    count: records.length,
    withPatients,
  };
}
