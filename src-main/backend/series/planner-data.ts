/**
 * Loads the planner's input (rules/planner-types.ts) from the store: suites, closures and
 * booked sessions in the window, the patient's consultations (placement keeps infusions off
 * them and after the one that clears the patient), supervising staff with their shifts, and the
 * authorization's remaining sessions (approved minus sessions of other series using it).
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { OpeningHours } from '../../../src-shared/api/schemas/common';
import type { AuthStatus } from '../../../src-shared/api/schemas/series';
import { AUTH_STATUS_WORDS } from '../../../src-shared/domain/authorizations/lifecycle';
import type { HandlerContext } from '../api/context';
import { sessionsUsed } from '../authorizations/service';
import { loadPatientAppointments } from '../scheduling/patient-appointments';
import { readScheduleSettings } from '../scheduling/schedule-data';
import type {
  AuthorizationLimit,
  BookedSession,
  Closure,
  PlannerInput,
  PlannerPreferences,
  SeriesTemplateSpec,
  ShiftSpec,
  StaffSpec,
  SuiteSpec,
} from '../../../src-shared/domain/series/planner-types';

const DAY = 86_400_000;

export interface PlannerRequest {
  patientId: string;
  template: SeriesTemplateSpec;
  from: number;
  horizonDays?: number;
  stepMinutes?: number;
  authorizationId?: string | null;
  /** A second authorization the same sessions draw on (the drug's beside the administration's). */
  alsoAuthorizationId?: string | null;
  selfPay?: boolean;
  preferences?: PlannerPreferences;
  ignoreSessionIds?: string[];
}

/** The authorization as a planner limit; refuses one that cannot cover anything, naming why. */
export function authorizationLimit(
  ctx: Pick<HandlerContext, 'sqlite'>,
  authorizationId: string,
  patientId: string,
  exceptSeriesId?: string,
  field: 'authorizationId' | 'alsoAuthorizationId' = 'authorizationId',
): AuthorizationLimit {
  const a = ctx.sqlite
    .prepare(
      `SELECT patient_id AS patientId, status, approved_sessions AS approved, start_date AS startDate, end_date AS endDate, auth_number AS authNumber
       FROM authorizations WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(authorizationId) as
    | { patientId: string; status: string; approved: number | null; startDate: string | null; endDate: string | null; authNumber: string | null }
    | undefined;
  if (!a || a.patientId !== patientId) throw ApiError.validation(field, "Choose one of this patient's authorizations: this one was not found.");
  const name = a.authNumber ? `Authorization ${a.authNumber}` : 'This authorization';
  // Partly approved opens the gate too, for the sessions and dates it gives.
  if ((a.status !== 'approved' && a.status !== 'partially_approved') || !a.startDate || !a.endDate || !a.approved) {
    throw ApiError.validation(field, `${name} is ${(AUTH_STATUS_WORDS[a.status as AuthStatus] ?? a.status).toLowerCase()}, not approved with sessions and dates; book as self-pay or wait for approval.`);
  }
  return { startDate: a.startDate, endDate: a.endDate, sessionsRemaining: Math.max(0, a.approved - sessionsUsed(ctx, authorizationId, exceptSeriesId)) };
}

/**
 * The limit a series' authorizations put on its sessions. With a second one (the drug's beside the
 * administration's) each is consumed on its own, so a session must fall inside both windows and the
 * series can have no more sessions than either has left.
 */
export function seriesAuthorizationLimit(
  ctx: Pick<HandlerContext, 'sqlite'>,
  patientId: string,
  authorizationId: string,
  alsoAuthorizationId: string | null,
  exceptSeriesId?: string,
): AuthorizationLimit {
  const first = authorizationLimit(ctx, authorizationId, patientId, exceptSeriesId);
  if (!alsoAuthorizationId) return first;
  if (alsoAuthorizationId === authorizationId) {
    throw ApiError.validation('alsoAuthorizationId', 'The second authorization is the same as the first: choose a different one, or none.');
  }
  const second = authorizationLimit(ctx, alsoAuthorizationId, patientId, exceptSeriesId, 'alsoAuthorizationId');
  return {
    startDate: first.startDate > second.startDate ? first.startDate : second.startDate,
    endDate: first.endDate < second.endDate ? first.endDate : second.endDate,
    sessionsRemaining: Math.min(first.sessionsRemaining, second.sessionsRemaining),
  };
}

export function loadPlannerInput(ctx: Pick<HandlerContext, 'sqlite'>, req: PlannerRequest): PlannerInput {
  const settings = readScheduleSettings(ctx.sqlite);
  const horizonDays = req.horizonDays ?? 60;
  const windowEnd = req.from + (horizonDays + req.template.windowDays + 1) * DAY;

  const suites = (
    ctx.sqlite.prepare('SELECT id, name, opening_hours AS openingHours FROM suites WHERE deleted_at IS NULL AND active = 1 ORDER BY lower(name), id').all() as {
      id: string;
      name: string;
      openingHours: string | null;
    }[]
  ).map((s): SuiteSpec => ({ id: s.id, name: s.name, openingHours: s.openingHours ? (JSON.parse(s.openingHours) as OpeningHours) : null }));

  const closures = ctx.sqlite
    .prepare(
      `SELECT suite_id AS suiteId, starts_at AS startsAt, ends_at AS endsAt, reason FROM suite_closures
       WHERE deleted_at IS NULL AND starts_at < ? AND ends_at > ? ORDER BY starts_at`,
    )
    .all(windowEnd, req.from) as Closure[];

  const booked = ctx.sqlite
    .prepare(
      `SELECT id AS sessionId, patient_id AS patientId, suite_id AS suiteId, supervisor_id AS supervisorId, starts_at AS startsAt,
              infusion_starts_at AS infusionStartsAt, recovery_starts_at AS recoveryStartsAt, ends_at AS endsAt
       FROM infusion_sessions WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'no_show')
         AND starts_at < ? AND ends_at > ? ORDER BY starts_at`,
    )
    .all(windowEnd, req.from) as BookedSession[];

  const people = ctx.sqlite
    .prepare(`SELECT id, name, role FROM staff WHERE deleted_at IS NULL AND active = 1 AND role IN ('anesthesiologist', 'crna', 'rn') ORDER BY lower(name), id`)
    .all() as { id: string; name: string; role: string }[];
  const shiftStmt = ctx.sqlite.prepare(
    `SELECT weekday, start_time AS startTime, end_time AS endTime, valid_from AS validFrom, valid_to AS validTo, max_concurrent AS maxConcurrent
     FROM staff_shifts WHERE staff_id = ? AND deleted_at IS NULL ORDER BY weekday, start_time`,
  );
  const staff = people.map((p): StaffSpec => ({ ...p, shifts: shiftStmt.all(p.id) as ShiftSpec[] }));

  const authorization = req.selfPay || !req.authorizationId ? null : seriesAuthorizationLimit(ctx, req.patientId, req.authorizationId, req.alsoAuthorizationId ?? null);

  return {
    timeZone: settings.timeZone,
    timeFormat: settings.timeFormat,
    patientId: req.patientId,
    template: req.template,
    from: req.from,
    horizonDays,
    stepMinutes: req.stepMinutes ?? 15,
    clinicHours: settings.openingHours,
    suites,
    closures,
    booked,
    // A floor (no patient) loads everyone's consultations itself.
    appointments: req.patientId ? loadPatientAppointments(ctx.sqlite, req.from, windowEnd, req.patientId) : [],
    staff,
    authorization,
    ...(req.preferences ? { preferences: req.preferences } : {}),
    ...(req.ignoreSessionIds ? { ignoreSessionIds: req.ignoreSessionIds } : {}),
  };
}
