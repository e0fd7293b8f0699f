/**
 * The day of infusion: status steps against the clock (src-shared/domain/series/step-times.ts
 * judges), the driver at discharge, and undoing a mistaken step with a reason. Every change
 * leaves a history row; an undo never erases the step's own row, it adds one.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { FieldIssue } from '../../../src-shared/api/errors';
import { statusChangeProblem, type Checklist, type SessionStatus } from '../../../src-shared/domain/series/status-flow';
import { checkStepTime, recoveryMinimum, undoTarget } from '../../../src-shared/domain/series/step-times';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { updateRow } from '../db/mutate';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { localDateAt, startOfLocalDay } from '../scheduling/zoned-time';
import { infusionSeries, infusionSessions } from './schema';
import { writeHistory } from './service-history';
import { keptDateTimeFormat } from '../../../src-shared/domain/dates';

export type SessionRow = typeof infusionSessions.$inferSelect;

export function requireSession(ctx: HandlerContext, id: string): SessionRow {
  const s = ctx.db.select().from(infusionSessions).where(and(eq(infusionSessions.id, id), isNull(infusionSessions.deletedAt))).get();
  if (!s) throw new ApiError('NOT_FOUND', 'This session was not found. It may have been removed on another device.', { field: 'sessionId' });
  return s;
}

export function sessionOut(r: SessionRow) {
  return { ...r, status: r.status as SessionStatus, statusTimes: r.statusTimes ?? {}, checklist: r.checklist ?? {}, discharge: r.discharge ?? null };
}

/** The session's recovery minimum in minutes (its series' template figure, else its planned recovery). */
export function sessionRecoveryMinimum(ctx: HandlerContext, s: Pick<SessionRow, 'seriesId' | 'recoveryStartsAt' | 'endsAt'>): number {
  const series = ctx.db.select({ snap: infusionSeries.templateSnapshot }).from(infusionSeries).where(eq(infusionSeries.id, s.seriesId)).get();
  return recoveryMinimum(series?.snap ?? null, s);
}

/** "9:05 AM" in the clinic's zone, as the Today card shows times. */
function clockIn(timeZone: string): (ms: number) => string {
  const f = keptDateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  return (ms) => f.format(ms);
}

function refuse(issues: FieldIssue[]): ApiError {
  return new ApiError('VALIDATION', issues.map((i) => i.message).join(' '), { field: issues[0]!.field, issues });
}

export const dayOfHandlers: PartialHandlers = {
  'sessions.setStatus': ({ sessionId, status, reason, at, earlyReason, driverName, driverPhone, expectedVersion }, ctx) => {
    const row = ctx.sqlite
      .transaction(() => {
        const s = requireSession(ctx, sessionId);
        const problem = statusChangeProblem(s.status, status, (s.checklist ?? {}) as Checklist);
        if (problem) throw ApiError.validation('status', problem);
        if (status === 'cancelled' && !reason) {
          throw ApiError.validation('reason', 'Say why the session is cancelled.');
        }
        const now = ctx.now();
        const times = s.statusTimes ?? {};
        let when = now;
        const issues: FieldIssue[] = [];
        if (status === 'cancelled') {
          // A cancellation is made now (often days ahead), not a step of the day.
          if (at !== undefined) issues.push({ field: 'at', message: 'A cancellation is recorded when it is made: leave the time out.' });
        } else {
          const { timeZone } = readScheduleSettings(ctx.sqlite);
          const check = checkStepTime({
            from: s.status as SessionStatus,
            to: status,
            at: at ?? now,
            now,
            statusTimes: times,
            plannedStart: s.startsAt,
            dayStart: startOfLocalDay(timeZone, localDateAt(timeZone, s.startsAt)),
            recoveryMinMinutes: status === 'discharged' ? sessionRecoveryMinimum(ctx, s) : 0,
            earlyReason: earlyReason ?? null,
            clock: clockIn(timeZone),
          });
          if (check.ok) when = check.at;
          else issues.push({ field: check.field, message: check.message });
        }
        if (status === 'discharged') {
          if (!driverName) issues.push({ field: 'driverName', message: 'Enter the name of the adult driving the patient home: discharge needs a responsible adult driver.' });
          if (!driverPhone) issues.push({ field: 'driverPhone', message: "Enter the driver's phone number, so the clinic can reach them." });
        }
        if (issues.length) throw refuse(issues);

        const discharge = status === 'discharged' ? { driverName: driverName!, driverPhone: driverPhone!, earlyReason: earlyReason ?? null } : null;
        const updated = updateRow(
          ctx,
          infusionSessions,
          sessionId,
          { status, statusTimes: { ...times, [status]: when }, ...(discharge ? { discharge } : {}) },
          { expectedVersion, what: 'This session' },
        );
        writeHistory(ctx, sessionId, 'status', { status: s.status }, { status, at: when, ...(discharge ?? {}) }, reason ?? earlyReason ?? null);
        return updated;
      })
      .immediate();
    return sessionOut(row);
  },

  'sessions.undoStatus': ({ sessionId, reason, expectedVersion }, ctx) => {
    const row = ctx.sqlite
      .transaction(() => {
        const s = requireSession(ctx, sessionId);
        const target = undoTarget(s.status);
        if (!target.ok) throw ApiError.validation('status', target.message);
        const times = { ...(s.statusTimes ?? {}) };
        const undoneAt = times[s.status];
        delete times[s.status];
        const updated = updateRow(
          ctx,
          infusionSessions,
          sessionId,
          { status: target.to, statusTimes: times, ...(s.status === 'discharged' ? { discharge: null } : {}) },
          { expectedVersion, what: 'This session' },
        );
        writeHistory(
          ctx,
          sessionId,
          'status_undone',
          { status: s.status, ...(undoneAt !== undefined ? { at: undoneAt } : {}), ...(s.status === 'discharged' && s.discharge ? s.discharge : {}) },
          { status: target.to },
          reason,
        );
        return updated;
      })
      .immediate();
    return sessionOut(row);
  },
};
