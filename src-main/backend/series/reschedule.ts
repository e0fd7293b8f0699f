/**
 * The suite calendar's data and every way a booked session moves: a drag (one session), a
 * chosen reschedule slot, a resize of the recovery, or a repaired series (several sessions
 * of one series at once). All moves go through series.reschedule, which re-checks them over
 * the store inside one immediate transaction and keeps a history row per session.
 */
import type { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import type { calendarSessionSchema } from '../../../src-shared/api/schemas/series-moves';
import type { ParsedInput } from '../../../src-shared/api/contract';
import { checkMoves, type FloorSnapshot, type MovingSession } from '../../../src-shared/domain/series/move';
import { timelineProblems } from '../../../src-shared/domain/series/timeline';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { preparedSql } from '../db/prepared';
import { updateRow } from '../db/mutate';
import { describeDay } from '../scheduling/messages';
import { readScheduleSettings } from '../scheduling/schedule-data';
import { addDays, localDateAt, localTimeAt, startOfLocalDay, zonedToInstant } from '../scheduling/zoned-time';
import { loadFloor } from './floor-data';
import { candidateStarts } from './rules/candidate-starts';
import { repairSeries } from './rules/repair';
import { infusionSessions } from './schema';
import { requireSeries, seriesView } from './series-read';
import { writeHistory } from './service-history';

const DAY = 86_400_000;

interface SessionRaw extends MovingSession {
  version: number;
  suiteId: string;
  startsAt: number;
  infusionStartsAt: number;
}

function loadSession(ctx: HandlerContext, id: string): SessionRaw {
  const row = preparedSql(
    ctx.sqlite,
    `SELECT id, version, series_id AS seriesId, patient_id AS patientId, seq, status, suite_id AS suiteId, supervisor_id AS supervisorId,
            starts_at AS startsAt, infusion_starts_at AS infusionStartsAt, recovery_starts_at AS recoveryStartsAt, ends_at AS endsAt
     FROM infusion_sessions WHERE id = ? AND deleted_at IS NULL`,
  ).get(id) as SessionRaw | undefined;
  if (!row) throw ApiError.notFound('This session');
  return row;
}

/** The floor around a set of instants: their clinic days, a day either side for overnight spans. */
function floorAround(ctx: HandlerContext, instants: number[], seriesIds: string[]): FloorSnapshot {
  const zone = readScheduleSettings(ctx.sqlite).timeZone;
  const dates = instants.map((t) => localDateAt(zone, t)).sort();
  const from = startOfLocalDay(zone, addDays(dates[0]!, -1));
  const to = startOfLocalDay(zone, addDays(dates[dates.length - 1]!, 2));
  return loadFloor(ctx, from, to, seriesIds);
}

function names(ctx: HandlerContext, table: 'suites' | 'staff'): Map<string, string> {
  const rows = preparedSql(ctx.sqlite, `SELECT id, name FROM ${table}`).all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

function slotLabel(zone: string, startsAt: number, suiteName: string, supervisorName: string): string {
  return `${describeDay(zone, startsAt)} ${localTimeAt(zone, startsAt)} · ${suiteName} · ${supervisorName}`;
}

type CalendarRow = Omit<z.infer<typeof calendarSessionSchema>, 'patientLabel' | 'patientInitials' | 'position'>;

export function calendar(ctx: HandlerContext, input: ParsedInput<'sessions.calendar'>) {
  const zone = readScheduleSettings(ctx.sqlite).timeZone;
  const from = startOfLocalDay(zone, input.from);
  const to = startOfLocalDay(zone, addDays(input.from, input.days));
  const floor = loadFloor(ctx, from, to);
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT s.id, s.version, s.series_id AS seriesId, s.patient_id AS patientId, s.seq, s.suite_id AS suiteId, s.supervisor_id AS supervisorId,
            st.name AS supervisorName, s.starts_at AS startsAt, s.infusion_starts_at AS infusionStartsAt,
            s.recovery_starts_at AS recoveryStartsAt, s.ends_at AS endsAt, s.status,
            p.first_name AS firstName, p.last_name AS lastName,
            (SELECT count(*) FROM infusion_sessions t WHERE t.series_id = s.series_id AND t.deleted_at IS NULL) AS total
     FROM infusion_sessions s
     JOIN patients p ON p.id = s.patient_id
     LEFT JOIN staff st ON st.id = s.supervisor_id
     WHERE s.deleted_at IS NULL AND s.status <> 'cancelled' AND s.starts_at < ? AND s.ends_at > ?
     ORDER BY s.starts_at, s.id`,
  ).all(to, from) as (CalendarRow & { firstName: string; lastName: string; total: number })[];
  const sessions = rows.map(({ firstName, lastName, total, ...rest }) => ({
    ...rest,
    patientLabel: `${firstName.charAt(0).toUpperCase()}. ${lastName}`,
    patientInitials: `${firstName.charAt(0)}${lastName.charAt(0)}`.toUpperCase(),
    position: `${rest.seq} of ${total}`,
  }));
  return { floor, sessions };
}

function rescheduleOptions(ctx: HandlerContext, input: ParsedInput<'sessions.rescheduleOptions'>) {
  const s = loadSession(ctx, input.sessionId);
  if (s.status !== 'scheduled') throw ApiError.validation('sessionId', `Session ${s.seq} is ${s.status.replace('_', ' ')}; only a scheduled session can be moved.`);
  const zone = readScheduleSettings(ctx.sqlite).timeZone;
  const now = ctx.now();
  const today = localDateAt(zone, now);
  const own = localDateAt(zone, s.startsAt);
  const probe = loadFloor(ctx, startOfLocalDay(zone, own), startOfLocalDay(zone, addDays(own, 1)), [s.seriesId]);
  const info = probe.series[s.seriesId]!;
  const span = info.template.windowDays;
  const firstDay = addDays(own, -span) > today ? addDays(own, -span) : today;
  const lastDay = addDays(own, span);
  const floor = loadFloor(ctx, startOfLocalDay(zone, firstDay), startOfLocalDay(zone, addDays(lastDay, 1)), [s.seriesId]);
  const suiteNames = names(ctx, 'suites');
  const staffNames = names(ctx, 'staff');
  const timeOfDay = localTimeAt(zone, s.startsAt);
  const live = info.sessions.filter((x) => x.status !== 'cancelled' && x.status !== 'no_show');
  const slots = [];
  // Days the timeline rules out are skipped before any placement check.
  const days: string[] = [];
  for (let date = firstDay; date <= lastDay; date = addDays(date, 1)) {
    const noon = zonedToInstant(zone, date, '12:00');
    const timeline = live.map((x) => ({ seq: x.seq, startsAt: x.id === s.id ? noon : x.startsAt }));
    // A day with no opening hours (a weekend) is not worth looking at.
    if (!timelineProblems(zone, info.template, timeline).length && candidateStarts(floor, date, timeOfDay, 15).length) days.push(date);
  }
  // One day asked for: every free start that day, each in the first suite that takes it.
  const oneDay = input.date !== undefined;
  for (const date of oneDay ? days.filter((d) => d === input.date) : days) {
    if (slots.length >= input.limit) break;
    const starts = candidateStarts(floor, date, timeOfDay, 15);
    // Over several days: at most two choices a day, in different suites, the patient's usual time first.
    const perDay: string[] = [];
    for (const startsAt of starts) {
      if (slots.length >= input.limit) break;
      if (!oneDay && perDay.length >= 2) break;
      for (const suite of floor.suites) {
        if (!oneDay && perDay.includes(suite.id)) continue;
        if (startsAt === s.startsAt && suite.id === s.suiteId) continue;
        const check = checkMoves(floor, [{ session: s, target: { suiteId: suite.id, startsAt } }], now);
        if (!check.ok || !check.placed) continue;
        perDay.push(suite.id);
        const p = check.placed;
        const suiteName = suiteNames.get(p.suiteId) ?? 'Suite';
        const supervisorName = staffNames.get(p.supervisorId) ?? 'Supervisor';
        slots.push({ suiteId: p.suiteId, suiteName, supervisorId: p.supervisorId, supervisorName, startsAt: p.startsAt, endsAt: p.endsAt, label: slotLabel(zone, p.startsAt, suiteName, supervisorName) });
        break;
      }
    }
  }
  const note = slots.length
    ? null
    : oneDay
      ? days.includes(input.date!)
        ? `No free place on ${describeDay(zone, zonedToInstant(zone, input.date!, '12:00'))} keeps this series; look at another day.`
        : `${describeDay(zone, zonedToInstant(zone, input.date!, '12:00'))} does not keep this series inside its ${span}-day window; look at another day.`
      : `No free place keeps this series inside its ${span}-day window; choose a time on the calendar to see a repaired series.`;
  return { slots: slots.slice(0, input.limit), days, date: input.date ?? null, note };
}

function repairProposal(ctx: HandlerContext, input: ParsedInput<'series.repairProposal'>) {
  const s = loadSession(ctx, input.sessionId);
  const zone = readScheduleSettings(ctx.sqlite).timeZone;
  const probe = loadFloor(ctx, startOfLocalDay(zone, localDateAt(zone, s.startsAt)), startOfLocalDay(zone, localDateAt(zone, s.startsAt)) + DAY, [s.seriesId]);
  const info = probe.series[s.seriesId]!;
  const fromDay = localDateAt(zone, Math.min(input.startsAt, s.startsAt));
  const toDay = addDays(localDateAt(zone, Math.max(input.startsAt, ...info.sessions.map((x) => x.startsAt))), info.template.windowDays);
  const floor = loadFloor(ctx, startOfLocalDay(zone, addDays(fromDay, -1)), startOfLocalDay(zone, toDay), [s.seriesId]);
  const { endsAt, supervisorId } = input;
  const result = repairSeries(floor, s, { suiteId: input.suiteId, startsAt: input.startsAt, ...(endsAt !== undefined ? { endsAt } : {}), ...(supervisorId ? { supervisorId } : {}) }, ctx.now());
  const suiteNames = names(ctx, 'suites');
  const versions = new Map(
    (preparedSql(ctx.sqlite, 'SELECT id, version, suite_id AS suiteId, starts_at AS startsAt FROM infusion_sessions WHERE series_id = ? AND deleted_at IS NULL').all(s.seriesId) as {
      id: string;
      version: number;
      suiteId: string;
      startsAt: number;
    }[]).map((r) => [r.id, r]),
  );
  const at = (t: number, suiteId: string) => `${describeDay(zone, t)} ${localTimeAt(zone, t)} ${suiteNames.get(suiteId) ?? ''}`.trim();
  return {
    ok: result.ok,
    reasons: result.reasons,
    moves: result.moves.map((m) => {
      const was = versions.get(m.session.id)!;
      return {
        ...m.placed,
        sessionId: m.session.id,
        expectedVersion: was.version,
        fromStartsAt: was.startsAt,
        fromSuiteId: was.suiteId,
        label: `Session ${m.session.seq}: ${at(was.startsAt, was.suiteId)} → ${at(m.placed.startsAt, m.placed.suiteId)}`,
      };
    }),
  };
}

function reschedule(ctx: HandlerContext, input: ParsedInput<'series.reschedule'>) {
  return ctx.sqlite
    .transaction(() => {
      const sessions = input.moves.map((m) => loadSession(ctx, m.sessionId));
      const seriesIds = new Set(sessions.map((s) => s.seriesId));
      if (seriesIds.size > 1) throw ApiError.validation('moves', 'Move sessions of one series at a time.');
      if (new Set(input.moves.map((m) => m.sessionId)).size !== input.moves.length) throw ApiError.validation('moves', 'A session appears twice in this change.');
      input.moves.forEach((m, i) => {
        if (m.expectedVersion !== undefined && m.expectedVersion !== sessions[i]!.version) {
          throw new ApiError('CONFLICT', `Session ${sessions[i]!.seq} was changed by someone else since you opened it. Look again and retry.`, { field: 'moves' });
        }
      });
      const seriesId = sessions[0]!.seriesId;
      const floor = floorAround(ctx, [...input.moves.map((m) => m.startsAt), ...sessions.map((s) => s.startsAt)], [seriesId]);
      const check = checkMoves(
        floor,
        input.moves.map((m, i) => ({
          session: sessions[i]!,
          target: { suiteId: m.suiteId, startsAt: m.startsAt, ...(m.endsAt !== undefined ? { endsAt: m.endsAt } : {}), ...(m.supervisorId ? { supervisorId: m.supervisorId } : {}) },
        })),
        ctx.now(),
      );
      if (!check.ok) {
        throw new ApiError('CONFLICT', `The change cannot be saved. ${check.reasons.join(' ')}`, {
          field: 'moves',
          issues: check.reasons.map((message) => ({ field: 'moves', message })),
        });
      }
      check.placedAll.forEach((p, i) => {
        const was = sessions[i]!;
        updateRow(
          ctx,
          infusionSessions,
          was.id,
          { suiteId: p.suiteId, supervisorId: p.supervisorId, startsAt: p.startsAt, infusionStartsAt: p.infusionStartsAt, recoveryStartsAt: p.recoveryStartsAt, endsAt: p.endsAt },
          { what: 'This session' },
        );
        const action = p.startsAt === was.startsAt && p.suiteId === was.suiteId ? 'resized' : 'moved';
        writeHistory(
          ctx,
          was.id,
          action,
          { suiteId: was.suiteId, supervisorId: was.supervisorId, startsAt: was.startsAt, endsAt: was.endsAt },
          { suiteId: p.suiteId, supervisorId: p.supervisorId, startsAt: p.startsAt, endsAt: p.endsAt },
          input.reason,
        );
      });
      return seriesView(ctx, requireSeries(ctx, seriesId));
    })
    .immediate();
}

export const seriesMoveHandlers: PartialHandlers = {
  'sessions.calendar': (input, ctx) => calendar(ctx, input),
  'sessions.rescheduleOptions': (input, ctx) => rescheduleOptions(ctx, input),
  'series.repairProposal': (input, ctx) => repairProposal(ctx, input),
  'series.reschedule': (input, ctx) => reschedule(ctx, input),
};
