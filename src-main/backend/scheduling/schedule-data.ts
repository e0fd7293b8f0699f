/**
 * Reading what the slot rules need from the store: the clinic's zone and hours, the
 * consulting providers, their weekly hours, and the exceptions and appointments inside a
 * time window. Plain prepared statements (cached per connection): the free-slot search runs
 * on every keystroke of a booking screen. Read-only; writes go through db/mutate.ts.
 */
import { preparedSql } from '../db/prepared';
import type { Statement } from 'better-sqlite3';
import type { OpeningHours } from '../../../src-shared/api/schemas/common';
import { CONSULTING_ROLES } from '../../../src-shared/api/schemas/scheduling';
import type { Sqlite } from '../db/open';
import type { AppointmentBlock, ExceptionBlock, ScheduleData, WeeklyBlock } from './rules/free-slots';
import { DEFAULT_TIME_FORMAT, type TimeFormat } from '../../../src-shared/domain/clock-display';

/**
 * No appointment lasts longer than this: lets the overlap query use the (staff, start)
 * index with a lower bound instead of scanning a provider's whole history.
 */
export const MAX_APPOINTMENT_MS = 24 * 3_600_000;

export interface ScheduleSettings {
  timeZone: string;
  openingHours: OpeningHours;
  consultationMinutes: number;
  /** The clinic's 12- or 24-hour clock, for the words of reasons. */
  timeFormat: TimeFormat;
}

export interface ProviderRow {
  staffId: string;
  name: string;
  role: string;
  active: boolean;
}

export interface ExceptionRow extends ExceptionBlock {
  id: string;
  reason: string;
}

export interface AppointmentRow extends AppointmentBlock {
  id: string;
  patientId: string;
  kind: string;
  status: string;
}

export interface LoadedSchedule extends ScheduleData {
  providers: ProviderRow[];
  exceptions: ExceptionRow[];
  appointments: AppointmentRow[];
  patientAppointments: AppointmentRow[];
}

const roleList = CONSULTING_ROLES.map((r) => `'${r}'`).join(', ');
const APPOINTMENT_COLUMNS = `id, patient_id AS patientId, staff_id AS staffId, kind, starts_at AS startsAt, ends_at AS endsAt, status`;

export const SCHEDULE_SQL = {
  settings: `SELECT time_zone AS timeZone, opening_hours AS openingHours, consultation_minutes AS consultationMinutes, time_format AS timeFormat
             FROM clinic_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`,
  providers: `SELECT id AS staffId, name, role, active FROM staff
              WHERE deleted_at IS NULL AND active = 1 AND role IN (${roleList}) ORDER BY lower(name), id`,
  provider: `SELECT id AS staffId, name, role, active FROM staff
             WHERE deleted_at IS NULL AND active = 1 AND role IN (${roleList}) AND id = ?`,
  availability: `SELECT staff_id AS staffId, weekday, start_time AS startTime, end_time AS endTime,
                        valid_from AS validFrom, valid_to AS validTo
                 FROM provider_availability WHERE deleted_at IS NULL`,
  exceptions: `SELECT id, staff_id AS staffId, starts_at AS startsAt, ends_at AS endsAt, reason
               FROM availability_exceptions WHERE deleted_at IS NULL AND starts_at < ? AND ends_at > ?`,
  // (staff_id, starts_at) index: starts_at is bounded on both sides.
  staffAppointments: `SELECT ${APPOINTMENT_COLUMNS} FROM appointments
                      WHERE staff_id = ? AND starts_at < ? AND starts_at > ? AND ends_at > ?
                        AND deleted_at IS NULL AND status <> 'cancelled'`,
  patientAppointments: `SELECT ${APPOINTMENT_COLUMNS} FROM appointments
                        WHERE patient_id = ? AND starts_at < ? AND ends_at > ?
                          AND deleted_at IS NULL AND status <> 'cancelled'`,
} as const;

type Key = keyof typeof SCHEDULE_SQL;
const stmt = (sqlite: Sqlite, key: Key): Statement => preparedSql(sqlite, SCHEDULE_SQL[key]);

export function readScheduleSettings(sqlite: Sqlite): ScheduleSettings {
  const row = stmt(sqlite, 'settings').get() as { timeZone: string; openingHours: string; consultationMinutes: number; timeFormat: string | null } | undefined;
  if (!row) throw new Error('the clinic has no settings row');
  return {
    timeZone: row.timeZone,
    openingHours: JSON.parse(row.openingHours) as OpeningHours,
    consultationMinutes: row.consultationMinutes,
    timeFormat: row.timeFormat === '24h' ? '24h' : DEFAULT_TIME_FORMAT,
  };
}

export interface LoadWindow {
  /** Load exceptions and appointments overlapping [from, to). */
  from: number;
  to: number;
  /** One provider (must be an active consulting provider), or all of them. */
  staffId?: string | undefined;
  /** Also load this patient's own appointments in the window. */
  patientId?: string | undefined;
}

/** Everything the slot rules need for a window, as plain data. */
export function loadSchedule(sqlite: Sqlite, settings: ScheduleSettings, w: LoadWindow): LoadedSchedule {
  const providers = (
    w.staffId === undefined ? stmt(sqlite, 'providers').all() : stmt(sqlite, 'provider').all(w.staffId)
  ) as (Omit<ProviderRow, 'active'> & { active: number })[];
  const ids = new Set(providers.map((p) => p.staffId));
  const availability = (stmt(sqlite, 'availability').all() as WeeklyBlock[]).filter((a) => ids.has(a.staffId));
  const exceptions = (stmt(sqlite, 'exceptions').all(w.to, w.from) as ExceptionRow[]).filter(
    (e) => e.staffId === null || ids.has(e.staffId),
  );
  const appointments: AppointmentRow[] = [];
  const byStaff = stmt(sqlite, 'staffAppointments');
  for (const p of providers) {
    for (const a of byStaff.all(p.staffId, w.to, w.from - MAX_APPOINTMENT_MS, w.from) as AppointmentRow[]) appointments.push(a);
  }
  const patientAppointments =
    w.patientId === undefined ? [] : (stmt(sqlite, 'patientAppointments').all(w.patientId, w.to, w.from) as AppointmentRow[]);
  return {
    timeZone: settings.timeZone,
    openingHours: settings.openingHours,
    providers: providers.map((p) => ({ ...p, active: p.active === 1 })),
    availability,
    exceptions,
    appointments,
    patientAppointments,
  };
}
