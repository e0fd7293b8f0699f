/**
 * The floor snapshot (src-shared/domain/series/move.ts) for a span of time: suites, hours,
 * closures, supervising staff and their shifts, live sessions, patients' consultations, and the timeline of every
 * series those sessions belong to. The calendar gets it to check drags; the save loads it
 * again inside its write transaction.
 */
import type { HandlerContext } from '../api/context';
import type { FloorSnapshot, SeriesTimelineInfo } from '../../../src-shared/domain/series/move';
import type { SeriesTemplateSpec } from '../../../src-shared/domain/series/planner-types';
import { preparedSql } from '../db/prepared';
import { loadPatientAppointments } from '../scheduling/patient-appointments';
import { loadPlannerInput } from './planner-data';

const DAY = 86_400_000;
const NO_TEMPLATE: SeriesTemplateSpec = {
  sessionCount: 1,
  windowDays: 0,
  minGapDays: 0,
  maxGapDays: 0,
  prepMinutes: 0,
  infusionMinutes: 0,
  recoveryMinutes: 0,
  supervisorRole: 'rn',
};

interface SeriesRowRaw {
  id: string;
  templateSnapshot: string;
  authorizationId: string | null;
  selfPay: number;
  startDate: string | null;
  endDate: string | null;
}

/** The timelines of the given series: template snapshot, authorization dates, sessions. */
export function loadSeriesTimelines(ctx: HandlerContext, seriesIds: Iterable<string>): Record<string, SeriesTimelineInfo> {
  const seriesStmt = preparedSql(
    ctx.sqlite,
    // With a second authorization (the drug's beside the administration's) a move must stay
    // inside both: the later start and the earlier end.
    `SELECT s.id, s.template_snapshot AS templateSnapshot, s.authorization_id AS authorizationId, s.self_pay AS selfPay,
            CASE WHEN b.start_date > a.start_date THEN b.start_date ELSE a.start_date END AS startDate,
            CASE WHEN b.end_date < a.end_date THEN b.end_date ELSE a.end_date END AS endDate
     FROM infusion_series s LEFT JOIN authorizations a ON a.id = s.authorization_id AND a.deleted_at IS NULL
       LEFT JOIN authorizations b ON b.id = s.also_authorization_id AND b.deleted_at IS NULL
     WHERE s.id = ? AND s.deleted_at IS NULL`,
  );
  const sessionsStmt = preparedSql(
    ctx.sqlite,
    `SELECT id, seq, starts_at AS startsAt, status FROM infusion_sessions WHERE series_id = ? AND deleted_at IS NULL ORDER BY seq, id`,
  );
  const out: Record<string, SeriesTimelineInfo> = {};
  for (const id of seriesIds) {
    if (out[id]) continue;
    const row = seriesStmt.get(id) as SeriesRowRaw | undefined;
    if (!row) continue;
    const snap = JSON.parse(row.templateSnapshot) as SeriesTemplateSpec & { name?: string };
    const template: SeriesTemplateSpec = {
      sessionCount: snap.sessionCount,
      windowDays: snap.windowDays,
      minGapDays: snap.minGapDays,
      maxGapDays: snap.maxGapDays,
      prepMinutes: snap.prepMinutes,
      infusionMinutes: snap.infusionMinutes,
      recoveryMinutes: snap.recoveryMinutes,
      supervisorRole: snap.supervisorRole,
    };
    out[id] = {
      seriesId: id,
      template,
      // An authorization without dates cannot limit a move (the confirm gate reports it).
      authorization: !row.selfPay && row.authorizationId && row.startDate && row.endDate ? { startDate: row.startDate, endDate: row.endDate } : null,
      sessions: sessionsStmt.all(id) as SeriesTimelineInfo['sessions'],
    };
  }
  return out;
}

/** The floor over [from, to), plus the timelines of `extraSeriesIds` (e.g. a session being moved). */
export function loadFloor(ctx: HandlerContext, from: number, to: number, extraSeriesIds: string[] = []): FloorSnapshot {
  const days = Math.max(1, Math.ceil((to - from) / DAY));
  const input = loadPlannerInput(ctx, { patientId: '', template: NO_TEMPLATE, from, horizonDays: days - 1, selfPay: true });
  const inSpan = preparedSql(
    ctx.sqlite,
    `SELECT DISTINCT series_id AS id FROM infusion_sessions
     WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'no_show') AND starts_at < ? AND ends_at > ?`,
  ).all(from + days * DAY, from) as { id: string }[];
  return {
    timeZone: input.timeZone,
    ...(input.timeFormat ? { timeFormat: input.timeFormat } : {}),
    clinicHours: input.clinicHours,
    suites: input.suites,
    closures: input.closures,
    staff: input.staff,
    booked: input.booked,
    appointments: loadPatientAppointments(ctx.sqlite, from, from + days * DAY),
    series: loadSeriesTimelines(ctx, [...inSpan.map((r) => r.id), ...extraSeriesIds]),
  };
}
