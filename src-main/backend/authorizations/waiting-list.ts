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
import { OPEN_REQUEST_STATUSES, waitingText } from '../../../src-shared/domain/authorizations/waiting';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { clinicToday, firstMissing, patientReadiness, requestReadiness } from './readiness';
import { readAuthorization } from './lifecycle';

type Ctx = Pick<HandlerContext, 'db' | 'sqlite' | 'now'>;

const STATUS_LIST = OPEN_REQUEST_STATUSES.map((s) => `'${s}'`).join(', ');
const BLOCKER_ORDER = `CASE blocker ${WAITING_BLOCKERS.map((b, i) => `WHEN '${b}' THEN ${i}`).join(' ')} END`;

/** One row per waiting patient: the latest open request, or none. */
const WAITING_ROWS = `
  WITH open_requests AS (
    SELECT a.id, a.patient_id, a.status, a.payer_id, a.created_at,
           ROW_NUMBER() OVER (PARTITION BY a.patient_id ORDER BY a.created_at DESC, a.id DESC) AS rn,
           COUNT(*) OVER (PARTITION BY a.patient_id) AS n
      FROM authorizations a
     WHERE a.deleted_at IS NULL AND a.status IN (${STATUS_LIST})
  ),
  waiting AS (
    SELECT o.patient_id AS patientId, o.id AS authorizationId, o.status AS status, o.n - 1 AS others, o.payer_id AS payerId,
           CASE o.status WHEN 'draft' THEN 'not_ready' WHEN 'ready' THEN 'to_send' WHEN 'submitted' THEN 'waiting_payer'
             WHEN 'pending' THEN 'waiting_payer' WHEN 'needs_review' THEN 'needs_review' WHEN 'partially_approved' THEN 'partly_approved'
             ELSE 'denied' END AS blocker,
           COALESCE((SELECT MAX(e.at) FROM authorization_events e WHERE e.authorization_id = o.id AND e.deleted_at IS NULL AND e.from_status IS NOT e.to_status), o.created_at) AS since
      FROM open_requests o
     WHERE o.rn = 1
    UNION ALL
    SELECT p.id, NULL, NULL, 0,
           (SELECT c.payer_id FROM coverages c WHERE c.patient_id = p.id AND c.deleted_at IS NULL
             ORDER BY CASE c.priority WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END, c.created_at LIMIT 1),
           'no_request',
           (SELECT MIN(d.created_at) FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL)
      FROM patients p
     WHERE p.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM coverages c WHERE c.patient_id = p.id AND c.deleted_at IS NULL)
       AND EXISTS (SELECT 1 FROM diagnoses d WHERE d.patient_id = p.id AND d.deleted_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM authorizations a WHERE a.patient_id = p.id AND a.deleted_at IS NULL AND a.status <> 'cancelled')
       AND NOT EXISTS (SELECT 1 FROM infusion_series s WHERE s.patient_id = p.id AND s.deleted_at IS NULL AND s.status <> 'cancelled')
  )`;

interface Row {
  patientId: string;
  authorizationId: string | null;
  status: AuthStatus | null;
  others: number;
  payerId: string | null;
  blocker: WaitingBlocker;
  since: number;
  firstName: string;
  lastName: string;
  mrn: string;
  payerName: string | null;
}

export function waitingList(ctx: Ctx, input: { blocker?: WaitingBlocker | undefined; limit: number; offset: number }): WaitingPage {
  const filter = input.blocker ? `AND w.blocker = ?` : '';
  const args: unknown[] = input.blocker ? [input.blocker] : [];
  const countRows = preparedSql(
    ctx.sqlite,
    `${WAITING_ROWS} SELECT w.blocker AS blocker, COUNT(*) AS n FROM waiting w JOIN patients p ON p.id = w.patientId WHERE p.deleted_at IS NULL GROUP BY w.blocker`,
  ).all() as { blocker: WaitingBlocker; n: number }[];
  const counts = Object.fromEntries(WAITING_BLOCKERS.map((b) => [b, countRows.find((r) => r.blocker === b)?.n ?? 0])) as Record<WaitingBlocker, number>;
  const total = input.blocker ? counts[input.blocker] : Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = preparedSql(
    ctx.sqlite,
    `${WAITING_ROWS}
     SELECT w.*, p.first_name AS firstName, p.last_name AS lastName, p.mrn AS mrn, py.name AS payerName
       FROM waiting w JOIN patients p ON p.id = w.patientId LEFT JOIN payers py ON py.id = w.payerId
      WHERE p.deleted_at IS NULL ${filter}
      ORDER BY ${BLOCKER_ORDER.replace('blocker', 'w.blocker')}, w.since, w.patientId
      LIMIT ? OFFSET ?`,
  ).all(...args, input.limit, input.offset) as Row[];

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
