/**
 * The work list of patients whose series waits on an authorization, with what holds each back.
 * A patient is on it with an open request (the latest one: draft, ready, sent, pending, a reply to
 * review, denied and what followed, partly approved), or with no request at all while the chart
 * has a coverage and a diagnosis and no series has been booked (not even self-pay). Approved,
 * closed, expired and cancelled requests hold nobody back. Ordered from the first step to the
 * last, the longest waiting first within each; the readiness words are worked out for the page only.
 */
import type { WaitingBlocker, WaitingPage } from '../../../src-shared/api/schemas/authorization-readiness';
import { WAITING_BLOCKERS } from '../../../src-shared/api/schemas/authorization-readiness';
import type { AuthStatus } from '../../../src-shared/api/schemas/series';
import { blockerOf, OPEN_REQUEST_STATUSES, waitingText } from '../../../src-shared/domain/authorizations/waiting';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { keptWhileUnchanged } from '../db/kept-answers';
import { patientWatch, planRefresh, type KeptMark, type PatientSource } from '../db/patient-watch';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { clinicToday, firstMissing, patientReadiness, requestReadiness } from './readiness';
import { readAuthorization } from './lifecycle';

type Ctx = Pick<HandlerContext, 'db' | 'sqlite' | 'now'>;

const STATUS_LIST = OPEN_REQUEST_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * One row per waiting patient: the latest open request, or none (a coverage and a diagnosis,
 * no request and no series). Raw rows: [patientId, authorizationId, status, others, payerId, since].
 * The no-request half reads each table once and joins the results (a diagnosis's first day and
 * the first coverage's payer, per patient), rather than probing four tables for each of the
 * clinic's patients: on 50,000 patients that probing was most of the list's time. With `some`,
 * only the patients in the JSON array @ids are read (bringing them up to date in the kept list).
 */
const waitingRowsSql = (some: boolean) => {
  const only = (column: string) => (some ? ` AND ${column} IN (SELECT value FROM json_each(@ids))` : '');
  return `
  WITH open_requests AS (
    SELECT a.id, a.patient_id, a.status, a.payer_id, a.created_at,
           ROW_NUMBER() OVER (PARTITION BY a.patient_id ORDER BY a.created_at DESC, a.id DESC) AS rn,
           COUNT(*) OVER (PARTITION BY a.patient_id) AS n
      FROM authorizations a
     WHERE a.deleted_at IS NULL AND a.status IN (${STATUS_LIST})${only('a.patient_id')}
  ),
  dx AS (
    SELECT patient_id AS id, MIN(created_at) AS since FROM diagnoses WHERE deleted_at IS NULL${only('patient_id')} GROUP BY patient_id
  ),
  cov AS (
    SELECT patient_id AS id, payer_id AS payerId,
           ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY CASE priority WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END, created_at, id) AS rn
      FROM coverages WHERE deleted_at IS NULL${only('patient_id')}
  )
  SELECT o.patient_id, o.id, o.status, o.n - 1,  o.payer_id,
         COALESCE((SELECT MAX(e.at) FROM authorization_events e WHERE e.authorization_id = o.id AND e.deleted_at IS NULL AND e.from_status IS NOT e.to_status), o.created_at)
    FROM open_requests o JOIN patients p ON p.id = o.patient_id AND p.deleted_at IS NULL
   WHERE o.rn = 1
  UNION ALL
  SELECT dx.id, NULL, NULL, 0, cov.payerId, dx.since
    FROM dx JOIN cov ON cov.id = dx.id AND cov.rn = 1
            JOIN patients p ON p.id = dx.id AND p.deleted_at IS NULL
   WHERE NOT EXISTS (SELECT 1 FROM authorizations a WHERE a.patient_id = dx.id AND a.deleted_at IS NULL AND a.status <> 'cancelled')
     AND NOT EXISTS (SELECT 1 FROM infusion_series s WHERE s.patient_id = dx.id AND s.deleted_at IS NULL AND s.status <> 'cancelled')`;
};
export const WAITING_ROWS = waitingRowsSql(false);
const WAITING_ROWS_OF_SOME = waitingRowsSql(true);

/**
 * What the list reads, and whose row each is. Patients only for removals: a typed phone number
 * or a new patient (with no coverage or diagnosis yet) leaves the kept list as it is; names are
 * read for the page. An event belongs to its request's patient.
 */
const WAITING_SOURCES: readonly PatientSource[] = [
  { table: 'authorizations', patient: 'R.patient_id' },
  { table: 'authorization_events', patient: '(SELECT a.patient_id FROM authorizations a WHERE a.id = R.authorization_id)' },
  { table: 'coverages', patient: 'R.patient_id' },
  { table: 'diagnoses', patient: 'R.patient_id' },
  { table: 'infusion_series', patient: 'R.patient_id' },
  { table: 'patients', patient: 'R.id', columns: ['deleted_at'] },
];

/** Past this many patients changed at once (an import, a sync round), the list is worked out whole. */
const MAX_DIRTY = 2000;

type RawRow = [string, string | null, AuthStatus | null, number, string | null, number];

interface Entry {
  patientId: string;
  authorizationId: string | null;
  status: AuthStatus | null;
  others: number;
  payerId: string | null;
  blocker: WaitingBlocker;
  since: number;
}

interface Row extends Entry {
  firstName: string;
  lastName: string;
  mrn: string;
  payerName: string | null;
}

/** How many times the whole list was worked out (tests check that unrelated writes keep it). */
let computations = 0;
export function waitingListComputations(): number {
  return computations;
}

/** How many times some patients were brought up to date in the kept list instead. */
let refreshes = 0;
export function waitingListRefreshes(): number {
  return refreshes;
}

interface Kept extends KeptMark {
  entries: Entry[];
  counts: Record<WaitingBlocker, number>;
}
const kept = new WeakMap<Ctx['sqlite'], Kept>();

const ORDER = new Map(WAITING_BLOCKERS.map((b, i) => [b, i]));
/** From the first step to the last, the longest waiting first within each. */
const byStep = (x: Entry, y: Entry) =>
  ORDER.get(x.blocker)! - ORDER.get(y.blocker)! || x.since - y.since || (x.patientId < y.patientId ? -1 : x.patientId > y.patientId ? 1 : 0);

const toEntries = (rows: RawRow[]) =>
  rows.map(([patientId, authorizationId, status, others, payerId, since]): Entry => ({ patientId, authorizationId, status, others, payerId, blocker: blockerOf(status), since }));

function countsOf(entries: readonly Entry[]): Record<WaitingBlocker, number> {
  const counts = Object.fromEntries(WAITING_BLOCKERS.map((b) => [b, 0])) as Record<WaitingBlocker, number>;
  for (const e of entries) counts[e.blocker]++;
  return counts;
}

/**
 * The whole list, sorted, kept in memory: paging and reopening the Authorizations screen read it
 * from there. A write to a table it reads names its patient (db/patient-watch.ts), and the next
 * call reads that patient's rows alone and puts them back in order (a request, its events, a
 * coverage, a diagnosis, a series, a removal: one patient each); on 50,000 patients the whole
 * statement takes about 170 ms warm and 450 ms on a cold page cache.
 */
function waitingEntries(ctx: Ctx): { entries: Entry[]; counts: Record<WaitingBlocker, number> } {
  const watch = patientWatch(ctx.sqlite, 'waiting_list', WAITING_SOURCES);
  const hit = kept.get(ctx.sqlite) ?? null;
  const { refresh, mark } = planRefresh(ctx.sqlite, watch, hit, true, MAX_DIRTY);
  if (refresh.kind === 'whole' || !hit) {
    computations++;
    const entries = toEntries(preparedSql(ctx.sqlite, WAITING_ROWS).raw().all() as RawRow[]).sort(byStep);
    const out: Kept = { ...mark, entries, counts: countsOf(entries) };
    kept.set(ctx.sqlite, out);
    return out;
  }
  if (refresh.kind === 'patients') {
    refreshes++;
    const fresh = toEntries(preparedSql(ctx.sqlite, WAITING_ROWS_OF_SOME).raw().all({ ids: JSON.stringify([...refresh.ids]) }) as RawRow[]);
    hit.entries = hit.entries.filter((e) => !refresh.ids.has(e.patientId)).concat(fresh).sort(byStep);
    hit.counts = countsOf(hit.entries);
  }
  hit.gen = mark.gen;
  hit.dataVersion = mark.dataVersion;
  return hit;
}

/**
 * A page of the list with each patient's readiness words. Those read most of a chart (coverage,
 * diagnoses, treatments, scores, screening, consultation, records, the payer's rules), so a page
 * is kept only while nothing but the read trail has been written (keptWhileUnchanged), on the
 * same clinic day.
 */
export function waitingList(ctx: Ctx, input: { blocker?: WaitingBlocker | undefined; limit: number; offset: number }): WaitingPage {
  const key = `${clinicToday(ctx)}|${readScheduleSettings(ctx.sqlite).timeZone}|${input.blocker ?? ''}|${input.offset}|${input.limit}`;
  return keptWhileUnchanged(ctx.sqlite, 'waiting_list_page', key, () => waitingPage(ctx, input));
}

function waitingPage(ctx: Ctx, input: { blocker?: WaitingBlocker | undefined; limit: number; offset: number }): WaitingPage {
  const { entries, counts } = waitingEntries(ctx);
  const chosen = input.blocker ? entries.filter((e) => e.blocker === input.blocker) : entries;
  const total = chosen.length;
  const person = preparedSql(ctx.sqlite, 'SELECT first_name AS firstName, last_name AS lastName, mrn FROM patients WHERE id = ?');
  const payer = preparedSql(ctx.sqlite, 'SELECT name FROM payers WHERE id = ?').pluck();
  const rows: Row[] = chosen.slice(input.offset, input.offset + input.limit).map((e) => {
    const p = person.get(e.patientId) as { firstName: string; lastName: string; mrn: string };
    return { ...e, ...p, payerName: e.payerId ? ((payer.get(e.payerId) as string | undefined) ?? null) : null };
  });

  const zone = readScheduleSettings(ctx.sqlite).timeZone;
  const today = clinicToday(ctx);
  const items = rows.map((r) => {
    const auth = r.authorizationId ? readAuthorization(ctx, r.authorizationId) : null;
    // Readiness only where it is what holds the patient back: no request yet, or a draft.
    const readiness = !auth ? patientReadiness(ctx, r.patientId, r.payerId) : auth.status === 'draft' ? requestReadiness(ctx, auth).readiness : null;
    const { missing, missingCount } = readiness ? firstMissing(readiness) : { missing: [], missingCount: 0 };
    const text = waitingText(
      {
        status: r.status,
        payerName: r.payerName,
        authNumber: auth?.authNumber ?? null,
        submissionRoute: auth?.submissionRoute ?? null,
        submittedAt: auth?.submittedAt ?? null,
        decisionDueAt: auth?.decisionDueAt ?? null,
        denialDate: auth?.denialDate ?? null,
        denialReason: auth?.denialReason ?? null,
        p2pScheduledAt: auth?.p2pScheduledAt ?? null,
        appealFiledDate: auth?.appealFiledDate ?? null,
        approvedSessions: auth?.approvedSessions ?? null,
        requestedSessions: auth?.requestedSessions ?? null,
        ready: readiness ? readiness.ready : null,
        missing,
        missingCount,
      },
      today,
      zone,
    );
    return {
      patientId: r.patientId,
      patientName: `${r.firstName} ${r.lastName}`,
      patientMrn: r.mrn,
      payerName: r.payerName,
      authorizationId: r.authorizationId,
      status: r.status,
      blocker: r.blocker,
      text,
      missing,
      missingCount,
      since: r.since,
      otherOpenRequests: r.others,
    };
  });
  return { items, total, offset: input.offset, counts };
}
