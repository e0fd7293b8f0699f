/**
 * Proposing and booking a whole series. Booking re-checks every session with the same
 * placement rule the planner used, against the store as it is inside the write
 * transaction (another device or tab may have booked since the proposal), and writes the
 * series and all its sessions or nothing.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { ParsedInput } from '../../../src-shared/api/contract';
import type { HandlerContext } from '../api/context';
import { insertRow } from '../db/mutate';
import { patients } from '../patients/schema';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { loadPlannerInput } from './planner-data';
import { plannedSession } from '../../../src-shared/domain/series/occupancy';
import { checkPlacement } from '../../../src-shared/domain/series/placement';
import { timelineProblems } from '../../../src-shared/domain/series/timeline';
import { planSeries } from './rules/planner';
import type { SeriesTemplateSpec } from '../../../src-shared/domain/series/planner-types';
import { infusionSeries, infusionSessions, seriesTemplates } from './schema';
import { seriesView } from './series-read';
import { writeHistory } from './service-history';

const DAY = 86_400_000;

function templateSpec(ctx: HandlerContext, templateId: string): { spec: SeriesTemplateSpec; row: typeof seriesTemplates.$inferSelect } {
  const row = ctx.db
    .select()
    .from(seriesTemplates)
    .where(and(eq(seriesTemplates.id, templateId), isNull(seriesTemplates.deletedAt)))
    .get();
  if (!row) throw ApiError.validation('templateId', 'Choose a series template from the list.');
  const { sessionCount, windowDays, minGapDays, maxGapDays, prepMinutes, infusionMinutes, recoveryMinutes, supervisorRole } = row;
  return { row, spec: { sessionCount, windowDays, minGapDays, maxGapDays, prepMinutes, infusionMinutes, recoveryMinutes, supervisorRole } };
}

function requirePatient(ctx: HandlerContext, id: string): void {
  const p = ctx.db.select({ id: patients.id }).from(patients).where(and(eq(patients.id, id), isNull(patients.deletedAt))).get();
  if (!p) throw ApiError.notFound('This patient');
}

export function proposeSeries(ctx: HandlerContext, input: ParsedInput<'series.propose'>) {
  requirePatient(ctx, input.patientId);
  const { spec } = templateSpec(ctx, input.templateId);
  const plannerInput = loadPlannerInput(ctx, {
    patientId: input.patientId,
    template: spec,
    from: Math.max(input.from ?? ctx.now(), ctx.now()),
    authorizationId: input.selfPay ? null : input.authorizationId,
    alsoAuthorizationId: input.selfPay ? null : input.alsoAuthorizationId,
    selfPay: input.selfPay,
    ...(input.preferences ? { preferences: input.preferences } : {}),
  });
  return planSeries(plannerInput);
}

export function bookSeries(ctx: HandlerContext, input: ParsedInput<'series.book'>) {
  requirePatient(ctx, input.patientId);
  const { spec, row: template } = templateSpec(ctx, input.templateId);
  if (!input.selfPay && !input.authorizationId) {
    throw ApiError.validation('authorizationId', 'Choose the authorization this series uses, or mark it self-pay.');
  }
  const zone = readScheduleSettings(ctx.sqlite).timeZone;
  // Phases come from the template, not from the request.
  const sessions = [...input.sessions]
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((s, i) => plannedSession(i + 1, s.suiteId, s.supervisorId, s.startsAt, spec));
  if (sessions[0]!.startsAt < ctx.now()) throw ApiError.validation('sessions', 'The first session is in the past. Ask for a new proposal.');

  return ctx.sqlite
    .transaction(() => {
      const plannerInput = loadPlannerInput(ctx, {
        patientId: input.patientId,
        template: spec,
        from: sessions[0]!.startsAt - DAY,
        horizonDays: 2,
        authorizationId: input.selfPay ? null : input.authorizationId,
        alsoAuthorizationId: input.selfPay ? null : input.alsoAuthorizationId,
        selfPay: input.selfPay,
      });
      const problems = timelineProblems(zone, spec, sessions, { requireCount: true });
      if (plannerInput.authorization && plannerInput.authorization.sessionsRemaining < sessions.length) {
        const which = input.alsoAuthorizationId ? 'One of the two authorizations' : 'The authorization';
        problems.push(`${which} has ${plannerInput.authorization.sessionsRemaining} sessions left; the series needs ${sessions.length}.`);
      }
      for (const s of sessions) {
        for (const r of checkPlacement(plannerInput, s, sessions).reasons) problems.push(`Session ${s.seq}: ${r}.`);
      }
      if (problems.length) {
        throw new ApiError('CONFLICT', `The series cannot be booked as proposed. ${problems.join(' ')}`, {
          field: 'sessions',
          issues: problems.map((message) => ({ field: 'sessions', message })),
        });
      }
      const series = insertRow(ctx, infusionSeries, {
        patientId: input.patientId,
        templateId: template.id,
        templateSnapshot: { name: template.name, ...spec },
        authorizationId: input.selfPay ? null : input.authorizationId,
        alsoAuthorizationId: input.selfPay ? null : input.alsoAuthorizationId,
        selfPay: input.selfPay,
        status: 'planned',
        note: input.note,
      });
      for (const s of sessions) {
        const row = insertRow(ctx, infusionSessions, {
          seriesId: series.id,
          patientId: input.patientId,
          seq: s.seq,
          suiteId: s.suiteId,
          supervisorId: s.supervisorId,
          startsAt: s.startsAt,
          infusionStartsAt: s.infusionStartsAt,
          recoveryStartsAt: s.recoveryStartsAt,
          endsAt: s.endsAt,
          status: 'scheduled',
          statusTimes: {},
          checklist: {},
        });
        writeHistory(ctx, row.id, 'booked', null, { suiteId: s.suiteId, startsAt: s.startsAt, endsAt: s.endsAt }, null);
      }
      return seriesView(ctx, series);
    })
    .immediate();
}
