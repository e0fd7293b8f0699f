/** Reading a series with its sessions and coverage. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { HandlerContext } from '../api/context';
import { authorizations } from '../authorizations/schema';
import { bothCoverages, seriesCoverage } from '../authorizations/rules/coverage';
import { sessionsUsed } from '../authorizations/service';
import { staff, suites } from '../clinic/schema';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { localDateAt } from '../scheduling/zoned-time';
import { infusionSeries, infusionSessions } from './schema';
import type { SessionStatus } from '../../../src-shared/domain/series/status-flow';

type SeriesRow = typeof infusionSeries.$inferSelect;

export function requireSeries(ctx: HandlerContext, id: string): SeriesRow {
  const s = ctx.db.select().from(infusionSeries).where(and(eq(infusionSeries.id, id), isNull(infusionSeries.deletedAt))).get();
  if (!s) throw new ApiError('NOT_FOUND', 'This series was not found. It may have been removed on another device.', { field: 'seriesId' });
  return s;
}

export function seriesView(ctx: HandlerContext, r: SeriesRow) {
  const { timeZone } = readScheduleSettings(ctx.sqlite);
  const rows = ctx.db
    .select({ s: infusionSessions, suiteName: suites.name, supervisorName: staff.name })
    .from(infusionSessions)
    .innerJoin(suites, eq(suites.id, infusionSessions.suiteId))
    .leftJoin(staff, eq(staff.id, infusionSessions.supervisorId))
    .where(and(eq(infusionSessions.seriesId, r.id), isNull(infusionSessions.deletedAt)))
    .orderBy(asc(infusionSessions.seq), asc(infusionSessions.startsAt))
    .all();
  const total = rows.length;
  const sessions = rows.map(({ s, suiteName, supervisorName }) => ({
    ...s,
    status: s.status as SessionStatus,
    statusTimes: s.statusTimes ?? {},
    checklist: s.checklist ?? {},
    suiteName,
    supervisorName,
    position: `${s.seq} of ${total}`,
  }));
  const readAuth = (id: string | null) =>
    id ? (ctx.db.select().from(authorizations).where(and(eq(authorizations.id, id), isNull(authorizations.deletedAt))).get() ?? null) : null;
  const auth = readAuth(r.authorizationId);
  const live = sessions.filter((s) => s.status !== 'cancelled' && s.status !== 'no_show');
  const dated = live.map((s) => ({ seq: s.seq, date: localDateAt(timeZone, s.startsAt) }));
  const first = seriesCoverage(dated, auth, r.selfPay, auth ? sessionsUsed(ctx, auth.id, r.id) : 0);
  // A second authorization (e.g. the drug's) is consumed on its own: both must cover a session.
  const also = r.selfPay || !r.alsoAuthorizationId ? null : readAuth(r.alsoAuthorizationId);
  const coverage = also ? bothCoverages(first, seriesCoverage(dated, also, false, sessionsUsed(ctx, also.id, r.id))) : first;
  const snapshotName = r.templateSnapshot?.['name'];
  return {
    id: r.id,
    version: r.version,
    patientId: r.patientId,
    templateId: r.templateId,
    templateName: typeof snapshotName === 'string' ? snapshotName : null,
    authorizationId: r.authorizationId,
    alsoAuthorizationId: r.alsoAuthorizationId,
    selfPay: r.selfPay,
    status: r.status as 'planned' | 'active' | 'completed' | 'cancelled',
    note: r.note,
    sessions,
    coverage,
  };
}
