/**
 * The wall board's read and its one setting. The board role can call nothing else, so
 * everything the board draws comes from board.today: the clinic's own "today", its zone, the
 * suites, and per suite the recorded phase of who is in it and who is next, worked out by the
 * shared pure rules (src-shared/domain/board) at the backend's clock. Patients leave this
 * module only as initials or the day's code: names and ids stay here.
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { OpeningHours } from '../../../src-shared/api/schemas/common';
import { buildBoard, type BoardFloor, type BoardIdentification, type BoardSessionRow } from '../../../src-shared/domain/board/board-view';
import { TIME_FORMATS, type TimeFormat } from '../../../src-shared/domain/clock-display';
import { todayInZone } from '../../../src-shared/domain/dates';
import { addDays, startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { clinicSettings } from '../clinic/schema';
import { updateRow } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import type { Sqlite } from '../db/open';

interface ClinicRow {
  id: string;
  name: string;
  timeZone: string;
  openingHours: string;
  identification: BoardIdentification;
  timeFormat: TimeFormat;
}

function clinicRow(sqlite: Sqlite): ClinicRow | undefined {
  return preparedSql(
    sqlite,
    `SELECT id, name, time_zone AS timeZone, opening_hours AS openingHours, board_identification AS identification, time_format AS timeFormat
     FROM clinic_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`,
  ).get() as ClinicRow | undefined;
}

const identificationOf = (row: ClinicRow | undefined): BoardIdentification => (row?.identification === 'code' ? 'code' : 'initials');

/** The floor and every session of the clinic's day [from, to) as the board rules take them. */
function loadDay(ctx: HandlerContext, clinic: ClinicRow, from: number, to: number): { floor: BoardFloor; sessions: BoardSessionRow[] } {
  const suites = (
    preparedSql(ctx.sqlite, `SELECT id, name, opening_hours AS openingHours FROM suites WHERE deleted_at IS NULL AND active = 1 ORDER BY sort_order, lower(name), id`).all() as {
      id: string;
      name: string;
      openingHours: string | null;
    }[]
  ).map((s) => ({ id: s.id, name: s.name, openingHours: s.openingHours ? (JSON.parse(s.openingHours) as OpeningHours) : null }));
  const closures = preparedSql(
    ctx.sqlite,
    `SELECT suite_id AS suiteId, starts_at AS startsAt, ends_at AS endsAt, reason FROM suite_closures
     WHERE deleted_at IS NULL AND starts_at < ? AND ends_at > ? ORDER BY starts_at`,
  ).all(to, from) as BoardFloor['closures'];
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT s.suite_id AS suiteId, s.patient_id AS patientId, s.seq, s.starts_at AS startsAt, s.infusion_starts_at AS infusionStartsAt,
            s.recovery_starts_at AS recoveryStartsAt, s.ends_at AS endsAt, s.status, s.status_times AS statusTimes,
            p.first_name AS firstName, p.last_name AS lastName,
            (SELECT count(*) FROM infusion_sessions t WHERE t.series_id = s.series_id AND t.deleted_at IS NULL AND t.status <> 'cancelled') AS total
     FROM infusion_sessions s JOIN patients p ON p.id = s.patient_id
     WHERE s.deleted_at IS NULL AND s.status <> 'cancelled' AND s.starts_at < ? AND s.ends_at > ?
     ORDER BY s.starts_at, s.id`,
  ).all(to, from) as (Omit<BoardSessionRow, 'patientInitials' | 'position' | 'statusTimes'> & { seq: number; statusTimes: string | null; firstName: string; lastName: string; total: number })[];
  const sessions = rows.map(({ seq, total, firstName, lastName, statusTimes, ...rest }): BoardSessionRow => ({
    ...rest,
    statusTimes: statusTimes ? (JSON.parse(statusTimes) as Record<string, number>) : {},
    patientInitials: `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toUpperCase(),
    position: `${seq} of ${Math.max(total, seq)}`,
  }));
  return {
    floor: { timeZone: clinic.timeZone, clinicHours: JSON.parse(clinic.openingHours) as OpeningHours, suites, closures },
    sessions,
  };
}

function boardToday(ctx: HandlerContext) {
  const clinic = clinicRow(ctx.sqlite);
  if (!clinic) throw new ApiError('NOT_FOUND', 'The clinic has no settings yet. Restart the app to create them.');
  const now = ctx.now();
  const date = todayInZone(clinic.timeZone, now);
  const from = startOfLocalDay(clinic.timeZone, date);
  const to = startOfLocalDay(clinic.timeZone, addDays(date, 1));
  const { floor, sessions } = loadDay(ctx, clinic, from, to);
  const identification = identificationOf(clinic);
  const timeFormat: TimeFormat = (TIME_FORMATS as readonly string[]).includes(clinic.timeFormat) ? clinic.timeFormat : '12h';
  const view = buildBoard(floor, sessions, date, now, identification, timeFormat);
  return { date, clinicName: clinic.name, timeZone: clinic.timeZone, asOf: now, identification, timeFormat, ...view };
}

export const boardHandlers: PartialHandlers = {
  'board.today': (_input, ctx) => boardToday(ctx),
  'board.settings.get': (_input, ctx) => ({ identification: identificationOf(clinicRow(ctx.sqlite)) }),
  'board.settings.update': ({ identification }, ctx) => {
    const clinic = clinicRow(ctx.sqlite);
    if (!clinic) throw new ApiError('NOT_FOUND', 'The clinic has no settings yet. Restart the app to create them.');
    updateRow(ctx, clinicSettings, clinic.id, { boardIdentification: identification }, { what: 'The clinic settings' });
    return { identification };
  },
};
