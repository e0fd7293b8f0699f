/**
 * changeAuthorizationStatus: the one way an authorization's status moves. It checks the step
 * against the lifecycle table (src-shared/domain/authorizations/lifecycle.ts) and the facts the
 * step needs, applies the step's patch, works the deadlines out again from the payer's clocks,
 * and appends the history row (who, when, from/to, reference, note, what was recorded), all in
 * one transaction through the mutation helpers, so it syncs and is audited. A refusal is a
 * VALIDATION error in plain words naming the missing fields, and changes nothing.
 *
 * Other parts (package finalize, letters, the PAS import) call this rather than writing status.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { ApiError, type FieldIssue } from '../../../src-shared/api/errors';
import type { Authorization, AuthStatus } from '../../../src-shared/api/schemas/series';
import { computeDeadlines } from '../../../src-shared/domain/authorizations/deadlines';
import { stepIssues, transitionRefusal, type StepFacts, type StepSource } from '../../../src-shared/domain/authorizations/lifecycle';
import { localDateAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { appendRow, updateRow } from '../db/mutate';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { clocksFor } from './deadline-clocks';
import { requestReadiness } from './readiness';
import { authorizationEvents, authorizations } from './schema';
import { authorizationOut } from './service';

type AuthRow = typeof authorizations.$inferSelect;

/** The fields a status step may record on the authorization (deadlines are worked out, never patched). */
export interface LifecyclePatch {
  authNumber?: string | null;
  approvedSessions?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  requestedSessions?: number | null;
  requestedStartDate?: string | null;
  requestedEndDate?: string | null;
  decisionDate?: string | null;
  submissionRoute?: 'portal' | 'fax' | 'electronic' | 'phone' | 'mail' | null;
  submittedAt?: number | null;
  referenceNumber?: string | null;
  expedited?: boolean;
  denialDate?: string | null;
  denialReason?: string | null;
  denialCode?: string | null;
  denialPolicy?: string | null;
  p2pScheduledAt?: number | null;
  appealFiledDate?: string | null;
  finalDenialDate?: string | null;
  closedReason?: string | null;
}

export interface StatusChange {
  to: AuthStatus;
  /** The version the user saw; a newer stored one is a CONFLICT. */
  expectedVersion?: number | undefined;
  /** When the step happened (now when absent): the history's time, and the submitted/decision date it implies. */
  at?: number | undefined;
  /** A reference the payer gave with this step (case number, call reference). */
  referenceNumber?: string | null | undefined;
  note?: string | null | undefined;
  /** More to keep with the history row (e.g. the imported response's codes). */
  details?: Record<string, unknown> | undefined;
  patch?: LifecyclePatch | undefined;
  /** 'import' for a payer response read by the PAS import: it may never move an authorization out of needs_review. */
  source?: StepSource | undefined;
  /** Why a request the readiness check finds incomplete is marked ready anyway (kept in the history with what was missing). */
  overrideReason?: string | null | undefined;
}

/** Statuses that are the payer's decision: the decision date is the step's date unless given. */
const DECISION_STATUSES: readonly AuthStatus[] = ['approved', 'partially_approved', 'denied'];
/** A denial recorded from these is the final internal denial (the appeal upheld it): external review runs from it. */
const FINAL_DENIAL_FROM: readonly AuthStatus[] = ['appealed', 'external_review'];

const MINUTE = 60_000;

function facts(r: AuthRow): StepFacts {
  return {
    submissionRoute: r.submissionRoute,
    submittedAt: r.submittedAt,
    authNumber: r.authNumber,
    approvedSessions: r.approvedSessions,
    startDate: r.startDate,
    endDate: r.endDate,
    requestedSessions: r.requestedSessions,
    requestedStartDate: r.requestedStartDate,
    requestedEndDate: r.requestedEndDate,
    denialDate: r.denialDate,
    denialReason: r.denialReason,
    p2pScheduledAt: r.p2pScheduledAt,
    appealFiledDate: r.appealFiledDate,
    finalDenialDate: r.finalDenialDate,
  };
}

const refuse = (issues: FieldIssue[]) => new ApiError('VALIDATION', issues[0]!.message, { field: issues[0]!.field, issues });

export function readAuthorization(ctx: Pick<HandlerContext, 'db'>, id: string): AuthRow {
  const row = ctx.db.select().from(authorizations).where(and(eq(authorizations.id, id), isNull(authorizations.deletedAt))).get();
  if (!row) throw ApiError.notFound('This authorization');
  return row;
}

/**
 * Move an authorization to `change.to`, recording the step. Throws VALIDATION (nothing
 * changed) when the step is not allowed from the current status or lacks what it needs,
 * CONFLICT when `expectedVersion` is stale, NOT_FOUND when the authorization is gone.
 */
export function changeAuthorizationStatus(ctx: HandlerContext, id: string, change: StatusChange): Authorization {
  return ctx.sqlite.transaction(() => {
    const current = readAuthorization(ctx, id);
    if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
      throw new ApiError('CONFLICT', 'This authorization was changed by someone else after you opened it. Reload to see the latest details, then make your change again.');
    }
    const from = current.status as AuthStatus;
    const to = change.to;
    const refusal = transitionRefusal(from, to, change.source ?? 'person');
    if (refusal) throw refuse([{ field: 'to', message: refusal }]);

    const now = ctx.now();
    const at = change.at ?? now;
    if (at > now + MINUTE) throw refuse([{ field: 'at', message: 'The time of this step is in the future. Enter when it happened.' }]);
    const { timeZone } = readScheduleSettings(ctx.sqlite);
    const atDate = localDateAt(timeZone, at);

    // The step's own facts: the patch, then what the step implies when not given.
    const patch: LifecyclePatch = Object.fromEntries(Object.entries(change.patch ?? {}).filter(([, v]) => v !== undefined));
    if (to === 'submitted' && patch.submittedAt === undefined) patch.submittedAt = at;
    if (DECISION_STATUSES.includes(to) && patch.decisionDate === undefined) patch.decisionDate = atDate;
    if (to === 'denied' && FINAL_DENIAL_FROM.includes(from) && patch.finalDenialDate === undefined) {
      patch.finalDenialDate = patch.denialDate ?? null;
    }
    // A denial is a new fact each time (an upheld appeal is a second denial): its date is never taken from an earlier one.
    const merged: AuthRow = { ...current, ...(patch as Partial<AuthRow>) };
    const issues: FieldIssue[] = stepIssues(to, facts(merged));
    if (to === 'denied' && patch.denialDate === undefined && current.denialDate !== null && !issues.length) {
      issues.push({ field: 'denialDate', message: 'A denial needs the denial date: the date on this denial, not the earlier one.' });
    }
    for (const [field, date] of [['denialDate', patch.denialDate], ['appealFiledDate', patch.appealFiledDate], ['decisionDate', patch.decisionDate]] as const) {
      if (date && date > localDateAt(timeZone, now)) issues.push({ field, message: 'This date is in the future. Enter the date it happened.' });
    }
    if (issues.length) throw refuse(issues);

    // Ready to send means the payer's rule set is met by the chart and the request; a person may
    // still mark it ready with a reason (the payer waived an item, the record is on its way).
    const details: Record<string, unknown> = { ...(change.details ?? {}) };
    let overrideNote: string | null = null;
    if (to === 'ready') {
      const { readiness } = requestReadiness(ctx, merged);
      const reason = change.overrideReason?.trim();
      if (!readiness.ready && !reason) {
        const missing = readiness.items.filter((i) => !i.met).map((i) => i.missing ?? i.label);
        throw refuse([
          {
            field: 'to',
            message: `Not ready to send: ${missing.join('; ')}. Fix ${missing.length === 1 ? 'it' : 'them'} on the chart or the request, or mark it ready anyway with a reason.`,
          },
        ]);
      }
      details.readiness = readiness.summary;
      if (!readiness.ready) {
        details.readinessOverride = reason;
        overrideNote = `Marked ready with items missing (${readiness.summary.replace(/^not ready: /, '')}). Reason: ${reason}`;
      }
    }
    // Sent straight from a draft: sending is a fact that has happened (by fax, on the portal), so
    // it is never refused, but the history says what the payer did not get, as a ready step would.
    if (to === 'submitted' && current.status === 'draft') {
      const { readiness } = requestReadiness(ctx, merged);
      details.readiness = readiness.summary;
      if (!readiness.ready) overrideNote = `Sent without the ready step, with items missing (${readiness.summary.replace(/^not ready: /, '')}).`;
    }

    const reference = change.referenceNumber ?? null;
    if (reference && !merged.referenceNumber) patch.referenceNumber = reference;
    // A partial approval is a partial denial: the peer-to-peer and appeal clocks run from its decision date.
    const adverse = merged.denialDate ?? (to === 'partially_approved' ? merged.decisionDate : null);
    const deadlines = computeDeadlines(
      { submittedAt: merged.submittedAt, expedited: merged.expedited, denialDate: adverse, finalDenialDate: merged.finalDenialDate },
      clocksFor(ctx, merged),
      timeZone,
    );
    if (!adverse) {
      // Steps after a partial approval keep the clocks it started.
      deadlines.p2pDueDate = current.p2pDueDate;
      deadlines.appealDueDate = current.appealDueDate;
    }
    const row = updateRow(ctx, authorizations, id, { ...(patch as Partial<AuthRow>), ...deadlines, status: to }, { what: 'This authorization' });

    // What the step recorded, for the history's words (the patch as given and implied).
    Object.assign(details, patch);
    appendRow(ctx, authorizationEvents, {
      authorizationId: id,
      at,
      byUserId: ctx.userId,
      byName: ctx.userId ? ctx.user.displayName : null,
      fromStatus: from,
      toStatus: to,
      referenceNumber: reference,
      note: [overrideNote, change.note].filter(Boolean).join('\n') || null,
      details: Object.keys(details).length ? details : null,
    });
    return authorizationOut(ctx, row);
  })();
}

/**
 * A recorded step that is not a status change (a package or letter filed as a document): a
 * history row whose from and to are the status as it stands, with `details.filed` naming what
 * was filed. Queries that read the history as status steps (the report's first decision, the
 * waiting list's "since") skip rows whose status did not move.
 */
export function recordFiledStep(ctx: HandlerContext, id: string, filed: { what: string; documentId: string }): void {
  const current = readAuthorization(ctx, id);
  appendRow(ctx, authorizationEvents, {
    authorizationId: id,
    at: ctx.now(),
    byUserId: ctx.userId,
    byName: ctx.userId ? ctx.user.displayName : null,
    fromStatus: current.status,
    toStatus: current.status,
    referenceNumber: null,
    note: null,
    details: { filed: filed.what, documentId: filed.documentId },
  });
}

export type AuthorizationEventRow = typeof authorizationEvents.$inferSelect;

/**
 * The history, the latest recorded first: in the order the steps were recorded, so each row's
 * 'from' is the row below it even when a step was entered afterwards with an earlier `at`.
 */
export function authorizationHistory(ctx: Pick<HandlerContext, 'db'>, id: string): AuthorizationEventRow[] {
  return ctx.db
    .select()
    .from(authorizationEvents)
    .where(and(eq(authorizationEvents.authorizationId, id), isNull(authorizationEvents.deletedAt)))
    .orderBy(desc(authorizationEvents.createdAt), desc(authorizationEvents.id))
    .all();
}
