/** Prior authorizations (minimal, for the series gate). Sessions used are derived, never stored. */
import { and, asc, count, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import { formatCalendarDate } from '../../../src-shared/domain/dates';
import type { Authorization, AuthorizationPage, AuthStatus } from '../../../src-shared/api/schemas/series';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { payers } from '../clinic/schema';
import { appendRow, insertRow, updateRow } from '../db/mutate';
import { keptWhileUnchanged } from '../db/kept-answers';
import { preparedSql } from '../db/prepared';
import { patients } from '../patients/schema';
import { changeAuthorizationStatus, type LifecyclePatch } from './lifecycle';
import { authorizationEvents, authorizations } from './schema';

type AuthRow = typeof authorizations.$inferSelect;

/**
 * The sessions an authorization is committed to: given or still booked (not cancelled, not a
 * no-show) in live series, whether it is the series' authorization or the second one its sessions
 * also draw on (the drug's beside the administration's: each is consumed on its own). The gate counts these against the approved number, so a second
 * series cannot book what the first already holds.
 */
export function sessionsUsed(ctx: Pick<HandlerContext, 'sqlite'>, authorizationId: string, exceptSeriesId?: string): number {
  // From the series to their sessions (CROSS JOIN keeps that order): a clinic has a few
  // thousand series and each has a handful of sessions, while the other way round reads every
  // session of the clinic (about 7 ms against 0.3 ms on the 50,000-patient seed).
  const row = preparedSql(
    ctx.sqlite,
    `SELECT count(*) AS n FROM infusion_series r CROSS JOIN infusion_sessions s ON s.series_id = r.id
       WHERE (r.authorization_id = ? OR r.also_authorization_id = ?) AND r.deleted_at IS NULL AND r.status <> 'cancelled'
         AND s.deleted_at IS NULL AND s.status NOT IN ('cancelled', 'no_show') AND r.id IS NOT ?`,
  ).get(authorizationId, authorizationId, exceptSeriesId ?? null) as { n: number };
  return row.n;
}

/**
 * What the desk reads: sessions given (the patient was discharged from them: only these use up
 * the payer's approval) and sessions booked but not given yet. Cancelled and no-show ones are
 * neither.
 */
export function sessionTally(ctx: Pick<HandlerContext, 'sqlite'>, authorizationId: string): { given: number; booked: number } {
  return sessionTallies(ctx, [authorizationId]).get(authorizationId)!;
}

/**
 * The tally of many authorizations in one read (a work list's page, an export's 500 rows): each
 * session counts for its series' authorization and for the second one it also draws on.
 */
export function sessionTallies(ctx: Pick<HandlerContext, 'sqlite'>, authorizationIds: readonly string[]): Map<string, { given: number; booked: number }> {
  const out = new Map(authorizationIds.map((id) => [id, { given: 0, booked: 0 }]));
  if (authorizationIds.length === 0) return out;
  const ids = JSON.stringify([...out.keys()]);
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT r.authorization_id, r.also_authorization_id, s.status
       FROM infusion_series r CROSS JOIN infusion_sessions s ON s.series_id = r.id
      WHERE (r.authorization_id IN (SELECT value FROM json_each(@ids)) OR r.also_authorization_id IN (SELECT value FROM json_each(@ids)))
        AND r.deleted_at IS NULL AND r.status <> 'cancelled' AND s.deleted_at IS NULL`,
  )
    .raw()
    .all({ ids }) as [string | null, string | null, string][];
  for (const [main, also, status] of rows) {
    const given = status === 'discharged';
    const booked = !given && status !== 'cancelled' && status !== 'no_show';
    for (const id of main === also ? [main] : [main, also]) {
      const t = id !== null ? out.get(id) : undefined;
      if (!t) continue;
      if (given) t.given++;
      if (booked) t.booked++;
    }
  }
  return out;
}

/** The authorization as the API returns it (with sessions given and booked), for every handler that writes one. */
export function authorizationOut(ctx: HandlerContext, r: AuthRow, tally: { given: number; booked: number } = sessionTally(ctx, r.id)): Authorization {
  return {
    id: r.id,
    version: r.version,
    patientId: r.patientId,
    payerId: r.payerId,
    authNumber: r.authNumber,
    status: r.status as Authorization['status'],
    approvedSessions: r.approvedSessions,
    startDate: r.startDate,
    endDate: r.endDate,
    cptCodes: r.cptCodes ?? null,
    icd10Codes: r.icd10Codes ?? null,
    decisionDate: r.decisionDate,
    denialReason: r.denialReason,
    note: r.note,
    sessionsUsed: tally.given,
    sessionsBooked: tally.booked,
    memberId: r.memberId,
    groupNumber: r.groupNumber,
    coverageId: r.coverageId,
    ruleSetKey: r.ruleSetKey,
    diagnosisGroup: r.diagnosisGroup as Authorization['diagnosisGroup'],
    templateId: r.templateId,
    requestedSessions: r.requestedSessions,
    requestedStartDate: r.requestedStartDate,
    requestedEndDate: r.requestedEndDate,
    serviceLines: r.serviceLines ?? null,
    orderingProviderId: r.orderingProviderId,
    submissionRoute: r.submissionRoute as Authorization['submissionRoute'],
    referenceNumber: r.referenceNumber,
    expedited: r.expedited,
    renewalOfId: r.renewalOfId,
    submittedAt: r.submittedAt,
    decisionDueAt: r.decisionDueAt,
    denialDate: r.denialDate,
    denialCode: r.denialCode,
    denialPolicy: r.denialPolicy,
    p2pDueDate: r.p2pDueDate,
    p2pScheduledAt: r.p2pScheduledAt,
    appealDueDate: r.appealDueDate,
    appealFiledDate: r.appealFiledDate,
    finalDenialDate: r.finalDenialDate,
    externalReviewDueDate: r.externalReviewDueDate,
    closedReason: r.closedReason,
  };
}

/**
 * The first history row of an authorization created by the plain form or as a request (from =
 * null, 'Recorded', who and in which status). Every later status change is a step through
 * lifecycle.ts (the plain form's too, formStatusStep below).
 */
export function recordFormStatus(ctx: HandlerContext, authorizationId: string, from: string | null, to: string, recorded: Record<string, unknown>, at: number): void {
  const details = Object.fromEntries(Object.entries(recorded).filter(([k, v]) => v !== null && k !== 'note'));
  appendRow(ctx, authorizationEvents, {
    authorizationId,
    at,
    byUserId: ctx.userId,
    byName: ctx.userId ? ctx.user.displayName : null,
    fromStatus: from,
    toStatus: to,
    referenceNumber: null,
    note: from === null ? 'Recorded' : 'Status set on the authorization form',
    details: { ...details, via: 'form' },
  });
}

interface AuthCheck {
  status: string;
  approvedSessions: number | null;
  startDate: string | null;
  endDate: string | null;
}

/** Cross-field rules: throws VALIDATION naming the field. */
export function checkAuthorization(a: AuthCheck): void {
  if (a.startDate && a.endDate && a.endDate < a.startDate) {
    // Dates in the words the desk reads them (MM/DD/YYYY), as the form shows them.
    throw ApiError.validation('endDate', `The last day covered (${formatCalendarDate(a.endDate)}) is before the first day covered (${formatCalendarDate(a.startDate)}).`);
  }
  if (a.status === 'approved') {
    if (!a.approvedSessions) throw ApiError.validation('approvedSessions', 'An approved authorization needs the number of approved sessions.');
    if (!a.startDate) throw ApiError.validation('startDate', 'An approved authorization needs the start date it covers.');
    if (!a.endDate) throw ApiError.validation('endDate', 'An approved authorization needs the end date it covers.');
  }
}

export const authorizationHandlers: PartialHandlers = {
  'authorizations.listForPatient': ({ patientId }, ctx) =>
    ctx.db
      .select()
      .from(authorizations)
      .where(and(eq(authorizations.patientId, patientId), isNull(authorizations.deletedAt)))
      .orderBy(asc(authorizations.createdAt), asc(authorizations.id))
      .all()
      .map((r) => authorizationOut(ctx, r)),

  // The work list across patients: soonest end first (no end date last), then oldest first, a page at a time.
  // Pages kept while nothing but the read trail is written: the screen asks two or three on
  // every opening, the CSV download every page in turn.
  'authorizations.list': (input, ctx): AuthorizationPage =>
    keptWhileUnchanged(ctx.sqlite, 'authorization_list', JSON.stringify([input.status ?? null, input.expiringBefore ?? null, input.endingFrom ?? null, input.limit, input.offset]), () =>
      authorizationPage(ctx, input),
    ),

  'authorizations.create': (input, ctx) => {
    const p = ctx.db.select({ id: patients.id }).from(patients).where(and(eq(patients.id, input.patientId), isNull(patients.deletedAt))).get();
    if (!p) throw new ApiError('NOT_FOUND', 'This patient was not found. They may have been removed on another device.', { field: 'patientId' });
    checkAuthorization(input);
    // The history starts with the authorization: who recorded it, in which status.
    return ctx.sqlite.transaction(() => {
      const row = insertRow(ctx, authorizations, input);
      recordFormStatus(ctx, row.id, null, row.status, { ...(row.decisionDate ? { decisionDate: row.decisionDate } : {}) }, row.createdAt);
      return authorizationOut(ctx, row);
    })();
  },

  'authorizations.update': ({ id, expectedVersion, ...patch }, ctx) => {
    const current = ctx.db.select().from(authorizations).where(and(eq(authorizations.id, id), isNull(authorizations.deletedAt))).get();
    if (!current) throw ApiError.notFound('This authorization');
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<AuthRow>;
    checkAuthorization({ ...current, ...defined });
    const { status, ...fields } = defined;
    if (status === undefined || status === current.status) {
      return authorizationOut(ctx, updateRow(ctx, authorizations, id, fields, { expectedVersion, what: 'This authorization' }));
    }
    return formStatusStep(ctx, current, status as AuthStatus, fields, expectedVersion);
  },
};

/** The plain form's fields a status step records (the rest are the authorization's own, saved first). */
const STEP_FIELDS = ['authNumber', 'approvedSessions', 'startDate', 'endDate', 'decisionDate', 'denialReason'] as const;
/** Step fields the plain form shows under another name: a refusal is put beside the form's field. */
const FORM_FIELD: Readonly<Record<string, string>> = { to: 'status', denialDate: 'decisionDate' };

/**
 * A status changed on the plain form is a lifecycle step like any other (changeAuthorizationStatus):
 * only a step the lifecycle allows from the current status, with the facts it needs, its deadlines
 * worked out and its history row ('Status set on the authorization form'). A refusal names the
 * form's field and nothing is saved, not even the other fields sent with it.
 */
function formStatusStep(ctx: HandlerContext, current: AuthRow, to: AuthStatus, fields: Partial<AuthRow>, expectedVersion: number | undefined): Authorization {
  const step: LifecyclePatch = {};
  const own: Partial<AuthRow> = {};
  for (const [k, v] of Object.entries(fields)) {
    if ((STEP_FIELDS as readonly string[]).includes(k)) (step as Record<string, unknown>)[k] = v;
    else (own as Record<string, unknown>)[k] = v;
  }
  // A blank decision date is the step's own date (today), as for any step.
  if (step.decisionDate === null) delete step.decisionDate;
  // The form has one date for the payer's decision: for a denial it is the denial date.
  if (to === 'denied' && step.decisionDate) step.denialDate = step.decisionDate;
  try {
    return ctx.sqlite.transaction(() => {
      const saved = Object.keys(own).length > 0;
      if (saved) updateRow(ctx, authorizations, current.id, own, { expectedVersion, what: 'This authorization' });
      return changeAuthorizationStatus(ctx, current.id, {
        to,
        expectedVersion: saved ? undefined : expectedVersion,
        patch: step,
        note: 'Status set on the authorization form',
        details: { via: 'form' },
      });
    })();
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'VALIDATION') throw err;
    const rename = (f: string | undefined) => (f !== undefined ? (FORM_FIELD[f] ?? f) : undefined);
    const field = rename(err.field);
    throw new ApiError('VALIDATION', err.message, {
      ...(field !== undefined ? { field } : {}),
      ...(err.issues ? { issues: err.issues.map((i) => ({ ...i, field: rename(i.field)! })) } : {}),
    });
  }
}

/** One page of authorizations under a filter, with each one's sessions given and booked. */
function authorizationPage(
  ctx: HandlerContext,
  { status, expiringBefore, endingFrom, limit, offset }: { status?: readonly string[] | undefined; expiringBefore?: string | undefined; endingFrom?: string | undefined; limit: number; offset: number },
): AuthorizationPage {
  const where = and(
    isNull(authorizations.deletedAt),
    isNull(patients.deletedAt),
    status ? inArray(authorizations.status, status) : undefined,
    expiringBefore !== undefined ? lt(authorizations.endDate, expiringBefore) : undefined,
    endingFrom !== undefined ? gte(authorizations.endDate, endingFrom) : undefined,
  );
  const total =
    ctx.db.select({ n: count() }).from(authorizations).innerJoin(patients, eq(patients.id, authorizations.patientId)).where(where).get()?.n ?? 0;
  const rows = ctx.db
    .select({ a: authorizations, firstName: patients.firstName, lastName: patients.lastName, mrn: patients.mrn, payerName: payers.name })
    .from(authorizations)
    .innerJoin(patients, eq(patients.id, authorizations.patientId))
    .leftJoin(payers, eq(payers.id, authorizations.payerId))
    .where(where)
    .orderBy(sql`${authorizations.endDate} IS NULL`, asc(authorizations.endDate), asc(authorizations.createdAt), asc(authorizations.id))
    .limit(limit)
    .offset(offset)
    .all();
  const tallies = sessionTallies(ctx, rows.map(({ a }) => a.id));
  return {
    rows: rows.map(({ a, firstName, lastName, mrn, payerName }) => ({ ...authorizationOut(ctx, a, tallies.get(a.id)), patientName: `${firstName} ${lastName}`, patientMrn: mrn, payerName })),
    total,
    offset,
  };
  }
