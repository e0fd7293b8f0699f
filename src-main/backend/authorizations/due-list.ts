/**
 * authorizations.due: what is due or overdue (the payer's decision, the peer-to-peer window,
 * the appeal, the external review request) and the expiry warnings (an approval ending within
 * its warning days while sessions are booked after it), soonest first, a page at a time. The
 * deadlines are read from the row (worked out at each status step); only the expiry warning
 * reads the booked sessions.
 */
import type { DueListItem } from '../../../src-shared/api/schemas/authorization-lifecycle';
import type { AuthStatus } from '../../../src-shared/api/schemas/series';
import { dueItems, type DueKind } from '../../../src-shared/domain/authorizations/due';
import { todayInZone } from '../../../src-shared/domain/dates';
import { addDays, localDateAt, startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { writeKey, type Watched } from '../db/write-watch';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { clocksFor } from './deadline-clocks';

/** Statuses that can have anything due (the rest have nothing left to do or wait on nobody). */
const WITH_DEADLINES: AuthStatus[] = ['submitted', 'pending', 'approved', 'partially_approved', 'denied', 'p2p_requested', 'p2p_scheduled', 'p2p_done'];

interface Candidate {
  id: string;
  patientId: string;
  payerId: string | null;
  ruleSetKey: string | null;
  status: AuthStatus;
  authNumber: string | null;
  submittedAt: number | null;
  decisionDueAt: number | null;
  denialDate: string | null;
  p2pDueDate: string | null;
  p2pScheduledAt: number | null;
  appealDueDate: string | null;
  appealFiledDate: string | null;
  finalDenialDate: string | null;
  externalReviewDueDate: string | null;
  endDate: string | null;
  firstName: string;
  lastName: string;
  mrn: string;
  payerName: string | null;
}

/** A session still to be given (not given, cancelled or no-show) in a live series. */
interface OpenSession {
  t: number;
  authorizationId: string | null;
  alsoAuthorizationId: string | null;
  selfPay: number;
}

/**
 * Every session still to be given, by patient, soonest first: one read for the whole list (a
 * clinic has a few hundred such sessions) rather than one per approval.
 */
function openSessionsByPatient(ctx: Pick<HandlerContext, 'sqlite'>): Map<string, OpenSession[]> {
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT s.patient_id, s.starts_at, r.authorization_id, r.also_authorization_id, r.self_pay
       FROM infusion_sessions s JOIN infusion_series r ON r.id = s.series_id
      WHERE s.deleted_at IS NULL AND r.deleted_at IS NULL AND r.status <> 'cancelled'
        AND s.status NOT IN ('discharged', 'cancelled', 'no_show')
      ORDER BY s.starts_at`,
  )
    .raw()
    .all() as [string, number, string | null, string | null, number][];
  const out = new Map<string, OpenSession[]>();
  for (const [patientId, t, authorizationId, alsoAuthorizationId, selfPay] of rows) {
    let list = out.get(patientId);
    if (!list) out.set(patientId, (list = []));
    list.push({ t, authorizationId, alsoAuthorizationId, selfPay });
  }
  return out;
}

/**
 * Start times of the sessions still to be given from `from` on that this approval was meant to
 * pay for: in series under it, or in the patient's series under no authorization that are not
 * self-pay.
 */
export function bookedAfterEnd(open: readonly OpenSession[], authorizationId: string, from: number): number[] {
  return open
    .filter((s) => s.t >= from && (s.authorizationId === authorizationId || s.alsoAuthorizationId === authorizationId || (s.authorizationId === null && s.selfPay === 0)))
    .map((s) => s.t);
}

export interface DueQuery {
  patientId?: string | undefined;
  payerId?: string | undefined;
  kinds?: DueKind[] | undefined;
  withinDays: number;
  expiryWarningDays?: number[] | undefined;
  limit: number;
  offset: number;
}

/**
 * What the list reads: a write to any of them may change it. Patients for their names and
 * removals only; a typed phone number keeps the list.
 */
const DUE_TABLES: readonly Watched[] = [
  'authorizations',
  'infusion_sessions',
  'infusion_series',
  'payers',
  'payer_rule_sets',
  'clinic_settings',
  { table: 'patients', columns: ['first_name', 'last_name', 'mrn', 'deleted_at'] },
];
/** How many times a list was worked out (tests check that unrelated writes keep it). */
let computations = 0;
export function dueListComputations(): number {
  return computations;
}

/** Lists kept per connection while nothing they read changes: the screen asks a few (its filters, the chart's own). */
const KEEP = 16;
const kept = new WeakMap<HandlerContext['sqlite'], { writes: string; lists: Map<string, DueListItem[]> }>();

/**
 * The list under the query's filters, soonest first, kept for the day until a table it reads
 * changes: paging, the Authorizations screen opened again and the chart's due items answer
 * from memory.
 */
export function dueList(ctx: HandlerContext, q: DueQuery): { rows: DueListItem[]; total: number; offset: number; today: string } {
  const { timeZone } = readScheduleSettings(ctx.sqlite);
  const today = todayInZone(timeZone, ctx.now());
  const writes = writeKey(ctx.sqlite, 'due_list', DUE_TABLES);
  let state = kept.get(ctx.sqlite);
  if (!state || state.writes !== writes) kept.set(ctx.sqlite, (state = { writes, lists: new Map() }));
  const key = JSON.stringify([today, q.patientId ?? null, q.payerId ?? null, q.kinds ?? null, q.withinDays, q.expiryWarningDays ?? null]);
  let all = state.lists.get(key);
  if (!all) {
    computations++;
    all = dueItemsFor(ctx, q, timeZone, today);
    if (state.lists.size >= KEEP) state.lists.delete(state.lists.keys().next().value!);
    state.lists.set(key, all);
  }
  return { rows: all.slice(q.offset, q.offset + q.limit), total: all.length, offset: q.offset, today };
}

function dueItemsFor(ctx: HandlerContext, q: DueQuery, timeZone: string, today: string): DueListItem[] {
  const candidates = preparedSql(
    ctx.sqlite,
    `SELECT a.id, a.patient_id AS patientId, a.payer_id AS payerId, a.rule_set_key AS ruleSetKey, a.status, a.auth_number AS authNumber,
              a.submitted_at AS submittedAt, a.decision_due_at AS decisionDueAt, a.denial_date AS denialDate, a.p2p_due_date AS p2pDueDate,
              a.p2p_scheduled_at AS p2pScheduledAt, a.appeal_due_date AS appealDueDate, a.appeal_filed_date AS appealFiledDate,
              a.final_denial_date AS finalDenialDate, a.external_review_due_date AS externalReviewDueDate, a.end_date AS endDate,
              p.first_name AS firstName, p.last_name AS lastName, p.mrn, y.name AS payerName
       FROM authorizations a JOIN patients p ON p.id = a.patient_id LEFT JOIN payers y ON y.id = a.payer_id
       WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND a.status IN (${WITH_DEADLINES.map(() => '?').join(', ')})
         AND (? IS NULL OR a.patient_id = ?) AND (? IS NULL OR a.payer_id = ?)`,
  ).all(...WITH_DEADLINES, q.patientId ?? null, q.patientId ?? null, q.payerId ?? null, q.payerId ?? null) as Candidate[];

  const kinds = q.kinds ? new Set(q.kinds) : null;
  const all: DueListItem[] = [];
  const open = openSessionsByPatient(ctx);
  // One rule-set lookup per key or payer, not per authorization.
  const warnings = new Map<string, number[]>();
  const warningDays = (a: Candidate) => {
    const k = `${a.ruleSetKey ?? ''}|${a.payerId ?? ''}`;
    let w = warnings.get(k);
    if (!w) warnings.set(k, (w = clocksFor(ctx, a).expiryWarningDays));
    return w;
  };
  for (const a of candidates) {
    const warn = q.expiryWarningDays ?? warningDays(a);
    const approved = a.status === 'approved' || a.status === 'partially_approved';
    const mine = open.get(a.patientId);
    const booked = approved && a.endDate && mine ? bookedAfterEnd(mine, a.id, startOfLocalDay(timeZone, addDays(a.endDate, 1))).map((t) => localDateAt(timeZone, t)) : [];
    for (const item of dueItems({ ...a, bookedAfterEnd: booked, expiryWarningDays: warn }, today, timeZone)) {
      if (kinds && !kinds.has(item.kind)) continue;
      // Expiry warnings come by their own warning days; the rest within the horizon asked for (overdue always).
      if (item.kind !== 'expiry' && item.daysLeft > q.withinDays) continue;
      all.push({
        ...item,
        authorizationId: a.id,
        patientId: a.patientId,
        patientName: `${a.firstName} ${a.lastName}`,
        patientMrn: a.mrn,
        payerName: a.payerName,
        authNumber: a.authNumber,
        status: a.status,
      });
    }
  }
  all.sort(
    (x, y) =>
      x.dueDate.localeCompare(y.dueDate) ||
      (x.dueAt ?? 0) - (y.dueAt ?? 0) ||
      x.patientName.localeCompare(y.patientName) ||
      x.authorizationId.localeCompare(y.authorizationId) ||
      x.kind.localeCompare(y.kind),
  );
  return all;
}
