/** Infusion series: templates and suite closures (series booking and sessions: to come). */
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { staff, suites } from '../clinic/schema';
import { insertRow, softDeleteRow, updateRow } from '../db/mutate';
import { requireSeries, seriesView } from './series-read';
import { writeHistory } from './service-history';
import { bookSeries, proposeSeries } from './booking';

export { writeHistory };
import { infusionSeries, infusionSessions, seriesTemplates, sessionHistory, staffShifts, suiteClosures } from './schema';
import { dayOfHandlers, requireSession, sessionOut, sessionRecoveryMinimum } from './day-of';
import { checkTemplate, ensureDefaultTemplates } from './templates';
import { loadSessionConflicts } from './conflicts-data';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { addDays, startOfLocalDay } from '../scheduling/zoned-time';
import { patients } from '../patients/schema';
import { users } from '../users/schema';

type TemplateRow = typeof seriesTemplates.$inferSelect;

function templateOut(r: TemplateRow) {
  return {
    id: r.id,
    version: r.version,
    active: r.active,
    name: r.name,
    sessionCount: r.sessionCount,
    windowDays: r.windowDays,
    minGapDays: r.minGapDays,
    maxGapDays: r.maxGapDays,
    prepMinutes: r.prepMinutes,
    infusionMinutes: r.infusionMinutes,
    recoveryMinutes: r.recoveryMinutes,
    supervisorRole: r.supervisorRole as 'anesthesiologist' | 'crna' | 'rn',
    note: r.note,
  };
}

function requireTemplate(ctx: HandlerContext, id: string): TemplateRow {
  const t = ctx.db.select().from(seriesTemplates).where(and(eq(seriesTemplates.id, id), isNull(seriesTemplates.deletedAt))).get();
  if (!t) throw ApiError.notFound('This series template');
  return t;
}

const closureColumns = {
  id: suiteClosures.id,
  version: suiteClosures.version,
  suiteId: suiteClosures.suiteId,
  suiteName: suites.name,
  startsAt: suiteClosures.startsAt,
  endsAt: suiteClosures.endsAt,
  reason: suiteClosures.reason,
};

function readClosure(ctx: HandlerContext, id: string) {
  const c = ctx.db.select(closureColumns).from(suiteClosures).leftJoin(suites, eq(suites.id, suiteClosures.suiteId)).where(eq(suiteClosures.id, id)).get();
  if (!c) throw ApiError.notFound('This closure');
  return c;
}

const SUPERVISING = ['anesthesiologist', 'crna', 'rn'] as const;
type StaffRow = typeof staff.$inferSelect;

function shiftsOf(ctx: HandlerContext, people: StaffRow[]) {
  return people.map((p) => ({
    staffId: p.id,
    name: p.name,
    role: p.role,
    shifts: ctx.db
      .select({
        id: staffShifts.id,
        weekday: staffShifts.weekday,
        startTime: staffShifts.startTime,
        endTime: staffShifts.endTime,
        validFrom: staffShifts.validFrom,
        validTo: staffShifts.validTo,
        maxConcurrent: staffShifts.maxConcurrent,
        version: staffShifts.version,
      })
      .from(staffShifts)
      .where(and(eq(staffShifts.staffId, p.id), isNull(staffShifts.deletedAt)))
      .orderBy(asc(staffShifts.weekday), asc(staffShifts.startTime), asc(staffShifts.validFrom))
      .all(),
  }));
}

function requireSupervisor(ctx: HandlerContext, staffId: string): StaffRow {
  const s = ctx.db.select().from(staff).where(and(eq(staff.id, staffId), isNull(staff.deletedAt))).get();
  if (!s) throw ApiError.validation('staffId', 'Choose a staff member from the list: this staff member was not found.');
  if (!(SUPERVISING as readonly string[]).includes(s.role)) {
    throw ApiError.validation('staffId', `${s.name} is not an anesthesiologist, CRNA or RN, so has no infusion-floor shifts.`);
  }
  return s;
}

export const seriesHandlers: PartialHandlers = {
  ...dayOfHandlers,
  'series.propose': (input, ctx) => proposeSeries(ctx, input),
  'series.book': (input, ctx) => bookSeries(ctx, input),

  'sessions.listByDay': ({ date }, ctx) => {
    const { timeZone } = readScheduleSettings(ctx.sqlite);
    const from = startOfLocalDay(timeZone, date);
    const to = startOfLocalDay(timeZone, addDays(date, 1));
    const rows = ctx.db
      .select({ s: infusionSessions, supervisorName: staff.name, firstName: patients.firstName, lastName: patients.lastName })
      .from(infusionSessions)
      .innerJoin(patients, eq(patients.id, infusionSessions.patientId))
      .leftJoin(staff, eq(staff.id, infusionSessions.supervisorId))
      .where(and(isNull(infusionSessions.deletedAt), lt(infusionSessions.startsAt, to), gt(infusionSessions.endsAt, from)))
      .orderBy(asc(infusionSessions.startsAt), asc(infusionSessions.id))
      .all();
    const totals = new Map<string, number>();
    const totalStmt = ctx.sqlite.prepare('SELECT count(*) AS n FROM infusion_sessions WHERE series_id = ? AND deleted_at IS NULL');
    const total = (seriesId: string) => {
      if (!totals.has(seriesId)) totals.set(seriesId, (totalStmt.get(seriesId) as { n: number }).n);
      return totals.get(seriesId)!;
    };
    const live = ctx.db.select().from(suites).where(isNull(suites.deletedAt)).orderBy(sql`lower(${suites.name})`, asc(suites.id)).all();
    const used = new Set(rows.map((r) => r.s.suiteId));
    return live
      .filter((su) => su.active || used.has(su.id))
      .map((su) => ({
        suiteId: su.id,
        suiteName: su.name,
        sessions: rows
          .filter((r) => r.s.suiteId === su.id)
          .map(({ s, supervisorName, firstName, lastName }) => ({
            ...sessionOut(s),
            suiteName: su.name,
            supervisorName,
            position: `${s.seq} of ${total(s.seriesId)}`,
            patientName: `${firstName} ${lastName}`,
            patientLastName: lastName,
            patientInitials: `${firstName.charAt(0)}${lastName.charAt(0)}`.toUpperCase(),
            recoveryMinMinutes: sessionRecoveryMinimum(ctx, s),
          })),
      }));
  },

  'series.get': ({ seriesId }, ctx) => seriesView(ctx, requireSeries(ctx, seriesId)),

  'series.listForPatient': ({ patientId }, ctx) =>
    ctx.db
      .select()
      .from(infusionSeries)
      .where(and(eq(infusionSeries.patientId, patientId), isNull(infusionSeries.deletedAt)))
      .orderBy(asc(infusionSeries.createdAt), asc(infusionSeries.id))
      .all()
      .map((r) => seriesView(ctx, r)),

  'series.confirm': ({ seriesId, expectedVersion }, ctx) => {
    ctx.sqlite
      .transaction(() => {
        const r = requireSeries(ctx, seriesId);
        if (r.status !== 'planned') throw ApiError.validation('seriesId', `This series is ${r.status}; only a planned series can be confirmed.`);
        const { coverage } = seriesView(ctx, r);
        if (!coverage.covered) {
          const reasons = coverage.outside.map((o) => `Session ${o.seq}: ${o.why}`);
          throw new ApiError('VALIDATION', `The first infusion cannot be confirmed: ${coverage.label}. ${reasons.join(' ')}`, {
            field: 'authorizationId',
            issues: reasons.map((message) => ({ field: 'authorizationId', message })),
          });
        }
        updateRow(ctx, infusionSeries, seriesId, { status: 'active' }, { expectedVersion, what: 'This series' });
      })
      .immediate();
    return seriesView(ctx, requireSeries(ctx, seriesId));
  },

  'series.cancel': ({ seriesId, reason, expectedVersion }, ctx) => {
    ctx.sqlite
      .transaction(() => {
        const r = requireSeries(ctx, seriesId);
        if (r.status === 'cancelled') throw ApiError.validation('seriesId', 'This series is already cancelled.');
        const now = ctx.now();
        const future = ctx.db
          .select()
          .from(infusionSessions)
          .where(and(eq(infusionSessions.seriesId, seriesId), isNull(infusionSessions.deletedAt), eq(infusionSessions.status, 'scheduled'), gt(infusionSessions.startsAt, now)))
          .all();
        for (const s of future) {
          updateRow(ctx, infusionSessions, s.id, { status: 'cancelled', statusTimes: { ...(s.statusTimes ?? {}), cancelled: now } }, { what: 'A session of this series' });
          writeHistory(ctx, s.id, 'cancelled', { status: s.status }, { status: 'cancelled' }, reason);
        }
        updateRow(ctx, infusionSeries, seriesId, { status: 'cancelled' }, { expectedVersion, what: 'This series' });
      })
      .immediate();
    return seriesView(ctx, requireSeries(ctx, seriesId));
  },

  'sessions.updateChecklist': ({ sessionId, item, done, override, expectedVersion }, ctx) => {
    const row = ctx.sqlite
      .transaction(() => {
        const s = requireSession(ctx, sessionId);
        if (['iv_placed', 'infusing', 'recovery', 'discharged', 'no_show', 'cancelled'].includes(s.status)) {
          throw ApiError.validation('item', `This session is already past the checklist (${s.status.replace('_', ' ')}).`);
        }
        const before = (s.checklist ?? {})[item] ?? null;
        const entry = { done, by: ctx.user.id, at: ctx.now(), override: override ?? null };
        const updated = updateRow(ctx, infusionSessions, sessionId, { checklist: { ...(s.checklist ?? {}), [item]: entry } }, { what: 'This session', expectedVersion });
        writeHistory(ctx, sessionId, 'checklist', before ? { [item]: before } : null, { [item]: entry }, override ?? null);
        return updated;
      })
      .immediate();
    return sessionOut(row);
  },

  'sessions.history': ({ sessionId }, ctx) => {
    requireSession(ctx, sessionId);
    return ctx.db
      .select({ h: sessionHistory, byName: users.displayName })
      .from(sessionHistory)
      .leftJoin(users, eq(users.id, sessionHistory.byUser))
      .where(and(eq(sessionHistory.sessionId, sessionId), isNull(sessionHistory.deletedAt)))
      .orderBy(asc(sessionHistory.createdAt), asc(sessionHistory.id))
      .all()
      .map(({ h, byName }) => ({
        id: h.id,
        action: h.action,
        fromValue: h.fromValue ?? null,
        toValue: h.toValue ?? null,
        reason: h.reason,
        byUser: h.byUser,
        // A user from another device not synced here yet still shows as someone.
        byName: byName ?? 'Another user',
        at: h.createdAt,
      }));
  },

  'shifts.list': ({ staffId }, ctx) => {
    const people =
      staffId !== undefined
        ? [requireSupervisor(ctx, staffId)]
        : ctx.db
            .select()
            .from(staff)
            .where(and(isNull(staff.deletedAt), inArray(staff.role, SUPERVISING)))
            .orderBy(sql`lower(${staff.name})`, asc(staff.id))
            .all();
    return shiftsOf(ctx, people);
  },

  'shifts.setWeekly': ({ staffId, shifts }, ctx) => {
    const person = requireSupervisor(ctx, staffId);
    type S = { weekday: number; startTime: string; endTime: string; validFrom: string | null; validTo: string | null; maxConcurrent: number };
    const key = (h: S) => `${h.weekday}|${h.startTime}|${h.endTime}|${h.validFrom ?? ''}|${h.validTo ?? ''}|${h.maxConcurrent}`;
    ctx.sqlite.transaction(() => {
      const current = ctx.db
        .select()
        .from(staffShifts)
        .where(and(eq(staffShifts.staffId, staffId), isNull(staffShifts.deletedAt)))
        .all();
      // Unchanged shifts are kept: saving the same rota writes nothing.
      const wanted = new Map(shifts.map((h) => [key(h), h]));
      for (const row of current) {
        if (wanted.has(key(row))) wanted.delete(key(row));
        else softDeleteRow(ctx, staffShifts, row.id, { what: 'This shift' });
      }
      for (const h of wanted.values()) insertRow(ctx, staffShifts, { staffId, ...h });
    })();
    return shiftsOf(ctx, [person])[0]!;
  },

  'series.templates.list': (_input, ctx) => {
    ensureDefaultTemplates(ctx);
    return ctx.db
      .select()
      .from(seriesTemplates)
      .where(isNull(seriesTemplates.deletedAt))
      .orderBy(desc(seriesTemplates.active), sql`lower(${seriesTemplates.name})`, asc(seriesTemplates.id))
      .all()
      .map(templateOut);
  },

  'series.templates.create': (input, ctx) => {
    ensureDefaultTemplates(ctx);
    checkTemplate(input);
    return templateOut(insertRow(ctx, seriesTemplates, { ...input, active: true }));
  },

  'series.templates.update': ({ id, expectedVersion, ...patch }, ctx) => {
    const current = requireTemplate(ctx, id);
    const merged = { ...templateOut(current), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    checkTemplate(merged);
    return templateOut(updateRow(ctx, seriesTemplates, id, patch, { expectedVersion, what: 'This series template' }));
  },

  'sessions.conflicts': ({ from, to }, ctx) => {
    if (to <= from) throw ApiError.validation('to', 'The end of the range must be after its start.');
    return loadSessionConflicts(ctx.sqlite, from, to);
  },

  'closures.list': ({ from, to }, ctx) =>
    ctx.db
      .select(closureColumns)
      .from(suiteClosures)
      .leftJoin(suites, eq(suites.id, suiteClosures.suiteId))
      .where(
        and(
          isNull(suiteClosures.deletedAt),
          gt(suiteClosures.endsAt, from ?? ctx.now()),
          to !== undefined ? lt(suiteClosures.startsAt, to) : undefined,
        ),
      )
      .orderBy(asc(suiteClosures.startsAt), asc(suiteClosures.id))
      .all(),

  'closures.add': ({ suiteId, startsAt, endsAt, reason }, ctx) => {
    if (endsAt <= startsAt) throw ApiError.validation('endsAt', 'The closure must end after it starts.');
    if (suiteId !== null) {
      const s = ctx.db.select({ id: suites.id }).from(suites).where(and(eq(suites.id, suiteId), isNull(suites.deletedAt))).get();
      if (!s) throw ApiError.validation('suiteId', 'Choose a suite from the list: this suite was not found.');
    }
    const row = insertRow(ctx, suiteClosures, { suiteId, startsAt, endsAt, reason });
    // The closure is a fact (a pump is broken); sessions already booked in it become conflicts.
    const inside = ctx.sqlite
      .prepare(
        `SELECT count(*) AS n FROM infusion_sessions WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'no_show', 'discharged')
           AND starts_at < ? AND ends_at > ? AND (? IS NULL OR suite_id = ?)`,
      )
      .get(endsAt, startsAt, suiteId, suiteId) as { n: number };
    return { ...readClosure(ctx, row.id), sessionsInside: inside.n };
  },

  'closures.remove': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, suiteClosures, id, { expectedVersion, what: 'This closure' });
    return { id };
  },
};
