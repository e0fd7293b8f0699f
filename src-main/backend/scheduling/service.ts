/** Provider availability and consultation booking: the API methods. */
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { MethodOutput } from '../../../src-shared/api/contract';
import {
  APPOINTMENT_KINDS,
  CONSULTING_ROLES,
  type AppointmentKind,
  type AppointmentStatus,
  type Consultation,
} from '../../../src-shared/api/schemas/scheduling';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { staff } from '../clinic/schema';
import { insertRow, softDeleteRow, updateRow } from '../db/mutate';
import { patients } from '../patients/schema';
import { describeDay, describeSpan } from './messages';
import { checkSlot, findFreeSlots, SLOT_STEP_MINUTES, type SlotCheck } from './rules/free-slots';
import { isConsultingRole, providerLabel } from './rules/providers';
import { loadSchedule, readScheduleSettings, type LoadedSchedule } from './schedule-data';
import { appointments, availabilityExceptions, providerAvailability } from './schema';
import { addDays, localDateAt, localTimeAt, startOfLocalDay } from './zoned-time';

const MINUTE = 60_000;

const ROLE_WORDS: Record<string, string> = {
  anesthesiologist: 'an anesthesiologist',
  physician: 'a physician',
  crna: 'a nurse anesthetist (CRNA)',
  rn: 'a nurse (RN)',
  front_desk: 'front desk staff',
  assistant: 'an assistant',
};

type StaffRow = typeof staff.$inferSelect;

function findStaff(ctx: HandlerContext, id: string): StaffRow | undefined {
  return ctx.db.select().from(staff).where(and(eq(staff.id, id), isNull(staff.deletedAt))).get();
}

/** A staff member with a consulting role (and, for booking and searching, still active). */
function requireProvider(ctx: HandlerContext, staffId: string, opts: { active?: boolean } = {}): StaffRow {
  const s = findStaff(ctx, staffId);
  if (!s) throw ApiError.validation('staffId', 'Choose a provider from the list: this staff member was not found.');
  if (!isConsultingRole(s.role)) {
    throw ApiError.validation(
      'staffId',
      `${s.name} is ${ROLE_WORDS[s.role] ?? s.role}. Only physicians and anesthesiologists see patients for consultations.`,
    );
  }
  if (opts.active && !s.active) {
    throw ApiError.validation('staffId', `${providerLabel(s.name)} is marked inactive. Choose another provider.`);
  }
  return s;
}

function requirePatient(ctx: HandlerContext, patientId: string): { id: string; firstName: string; lastName: string } {
  const p = ctx.db
    .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName })
    .from(patients)
    .where(and(eq(patients.id, patientId), isNull(patients.deletedAt)))
    .get();
  if (!p) {
    throw new ApiError('NOT_FOUND', 'This patient was not found. They may have been removed on another device.', { field: 'patientId' });
  }
  return p;
}

// ---------------------------------------------------------------------------------------
// Reading

function availabilityOf(ctx: HandlerContext, providers: StaffRow[]) {
  const ids = providers.map((p) => p.id);
  const rows = ids.length
    ? ctx.db
        .select()
        .from(providerAvailability)
        .where(and(inArray(providerAvailability.staffId, ids), isNull(providerAvailability.deletedAt)))
        .orderBy(asc(providerAvailability.weekday), asc(providerAvailability.startTime), asc(providerAvailability.validFrom))
        .all()
    : [];
  return providers.map((p) => ({
    staffId: p.id,
    staffName: p.name,
    role: p.role,
    active: p.active,
    weekly: rows
      .filter((r) => r.staffId === p.id)
      .map((r) => ({
        id: r.id,
        weekday: r.weekday,
        startTime: r.startTime,
        endTime: r.endTime,
        validFrom: r.validFrom,
        validTo: r.validTo,
        version: r.version,
      })),
  }));
}

const exceptionColumns = {
  id: availabilityExceptions.id,
  staffId: availabilityExceptions.staffId,
  staffName: staff.name,
  startsAt: availabilityExceptions.startsAt,
  endsAt: availabilityExceptions.endsAt,
  reason: availabilityExceptions.reason,
  version: availabilityExceptions.version,
};

const consultationColumns = {
  id: appointments.id,
  patientId: appointments.patientId,
  staffId: appointments.staffId,
  staffName: staff.name,
  kind: appointments.kind,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  note: appointments.note,
  version: appointments.version,
};

const isConsultationKind = inArray(appointments.kind, [...APPOINTMENT_KINDS]);

function readConsultation(ctx: HandlerContext, id: string): Consultation | undefined {
  const row = ctx.db
    .select(consultationColumns)
    .from(appointments)
    .innerJoin(staff, eq(staff.id, appointments.staffId))
    .where(and(eq(appointments.id, id), isNull(appointments.deletedAt), isConsultationKind))
    .get();
  return row as Consultation | undefined;
}

// ---------------------------------------------------------------------------------------
// Booking refusals, in plain words and clinic time

function refusal(
  check: Exclude<SlotCheck<LoadedSchedule>, { ok: true }>,
  data: LoadedSchedule,
  startsAt: number,
  who: string,
  names: Map<string, string>,
): ApiError {
  const zone = data.timeZone;
  const conflict = (message: string) => new ApiError('CONFLICT', message, { field: 'startsAt', issues: [{ field: 'startsAt', message }] });
  switch (check.reason) {
    case 'past':
      return ApiError.validation('startsAt', 'This time has already passed. Choose a time from now on.');
    case 'outside_hours': {
      if (check.windows.length === 0) {
        return ApiError.validation('startsAt', `${who} has no consultation hours on ${describeDay(zone, startsAt)}. Choose a time inside their hours.`);
      }
      const hours = check.windows.map((w) => `${localTimeAt(zone, w.startsAt)}-${localTimeAt(zone, w.endsAt)}`).join(' and ');
      return ApiError.validation(
        'startsAt',
        `That time is outside ${who}'s consultation hours. On ${describeDay(zone, startsAt)} they see patients ${hours} (clinic time).`,
      );
    }
    case 'exception': {
      const e = check.exception;
      const span = describeSpan(zone, e.startsAt, e.endsAt);
      return e.staffId === null
        ? conflict(`The clinic is closed ${span} (${e.reason}). Choose another time.`)
        : conflict(`${who} is not available ${span} (${e.reason}). Choose another time.`);
    }
    case 'booked':
      return conflict(
        `${who} is already booked ${describeSpan(zone, check.appointment.startsAt, check.appointment.endsAt)} (clinic time). Choose another time.`,
      );
    case 'patient_busy': {
      const other = names.get(check.appointment.staffId);
      return conflict(
        `This patient already has an appointment ${describeSpan(zone, check.appointment.startsAt, check.appointment.endsAt)} (clinic time)` +
          `${other ? ` with ${providerLabel(other)}` : ''}. Choose another time.`,
      );
    }
  }
}

function staffNames(ctx: HandlerContext, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = ctx.db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, ids)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------------------------------

export const schedulingHandlers: PartialHandlers = {
  'availability.list': ({ staffId }, ctx) => {
    const { timeZone } = readScheduleSettings(ctx.sqlite);
    const providers =
      staffId !== undefined
        ? [requireProvider(ctx, staffId)]
        : ctx.db
            .select()
            .from(staff)
            .where(and(isNull(staff.deletedAt), inArray(staff.role, [...CONSULTING_ROLES])))
            .orderBy(sql`lower(${staff.name})`, asc(staff.id))
            .all();
    const exceptions = ctx.db
      .select(exceptionColumns)
      .from(availabilityExceptions)
      .leftJoin(staff, eq(staff.id, availabilityExceptions.staffId))
      .where(
        and(
          isNull(availabilityExceptions.deletedAt),
          gt(availabilityExceptions.endsAt, ctx.now()),
          staffId !== undefined
            ? or(eq(availabilityExceptions.staffId, staffId), isNull(availabilityExceptions.staffId))
            : undefined,
        ),
      )
      .orderBy(asc(availabilityExceptions.startsAt), asc(availabilityExceptions.id))
      .all();
    return { timeZone, providers: availabilityOf(ctx, providers), exceptions };
  },

  'availability.setWeekly': ({ staffId, hours }, ctx) => {
    const provider = requireProvider(ctx, staffId);
    const key = (h: { weekday: number; startTime: string; endTime: string; validFrom: string | null; validTo: string | null }) =>
      `${h.weekday}|${h.startTime}|${h.endTime}|${h.validFrom ?? ''}|${h.validTo ?? ''}`;
    ctx.sqlite.transaction(() => {
      const current = ctx.db
        .select()
        .from(providerAvailability)
        .where(and(eq(providerAvailability.staffId, staffId), isNull(providerAvailability.deletedAt)))
        .orderBy(asc(providerAvailability.createdAt), asc(providerAvailability.id))
        .all();
      // Blocks that stay exactly as they were are kept: saving unchanged hours writes nothing.
      const wanted = new Map(hours.map((h) => [key(h), h]));
      for (const row of current) {
        if (wanted.has(key(row))) wanted.delete(key(row));
        else softDeleteRow(ctx, providerAvailability, row.id, { what: 'These weekly hours' });
      }
      for (const h of wanted.values()) insertRow(ctx, providerAvailability, { staffId, ...h });
    })();
    return availabilityOf(ctx, [provider])[0]!;
  },

  'availability.addException': ({ staffId, startsAt, endsAt, reason }, ctx) => {
    let staffName: string | null = null;
    if (staffId !== null) {
      const s = findStaff(ctx, staffId);
      if (!s) throw ApiError.validation('staffId', 'Choose a staff member from the list, or the whole clinic: this staff member was not found.');
      staffName = s.name;
    }
    const row = insertRow(ctx, availabilityExceptions, { staffId, startsAt, endsAt, reason });
    const overlapping = ctx.db
      .select(consultationColumns)
      .from(appointments)
      .innerJoin(staff, eq(staff.id, appointments.staffId))
      .where(
        and(
          isNull(appointments.deletedAt),
          eq(appointments.status, 'booked'),
          isConsultationKind,
          sql`${appointments.startsAt} < ${endsAt}`,
          gt(appointments.endsAt, startsAt),
          staffId !== null ? eq(appointments.staffId, staffId) : undefined,
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .all() as Consultation[];
    return {
      exception: { id: row.id, staffId, staffName, startsAt, endsAt, reason, version: row.version },
      overlappingConsultations: overlapping,
    };
  },

  'availability.removeException': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, availabilityExceptions, id, { expectedVersion, what: 'This time off or closure' });
    return { id };
  },

  'consultations.freeSlots': (input, ctx) => searchFreeSlots(ctx, input),

  'consultations.book': ({ patientId, staffId, startsAt, minutes, kind, note }, ctx) => {
    const settings = readScheduleSettings(ctx.sqlite);
    const length = minutes ?? settings.consultationMinutes;
    const endsAt = startsAt + length * MINUTE;
    const provider = requireProvider(ctx, staffId, { active: true });
    requirePatient(ctx, patientId);
    if (startsAt % MINUTE !== 0) throw ApiError.validation('startsAt', 'Choose a start time on a whole minute.');
    // IMMEDIATE: take the write lock before reading, so no other connection can book the
    // same time between this check and the insert.
    const id = ctx.sqlite
      .transaction(() => {
        const data = loadSchedule(ctx.sqlite, settings, { from: startsAt, to: endsAt, staffId, patientId });
        const check = checkSlot(data, { staffId, startsAt, minutes: length, now: ctx.now() });
        if (!check.ok) {
          const names = staffNames(ctx, data.patientAppointments.map((a) => a.staffId));
          throw refusal(check, data, startsAt, providerLabel(provider.name), names);
        }
        if (kind === 'initial_consultation') refuseSecondInitial(ctx, patientId, settings.timeZone);
        return insertRow(ctx, appointments, { patientId, staffId, kind, startsAt, endsAt, status: 'booked', note }).id;
      })
      .immediate();
    return readConsultation(ctx, id)!;
  },

  'consultations.listForPatient': ({ patientId }, ctx) => {
    requirePatient(ctx, patientId);
    return ctx.db
      .select(consultationColumns)
      .from(appointments)
      .innerJoin(staff, eq(staff.id, appointments.staffId))
      .where(and(eq(appointments.patientId, patientId), isNull(appointments.deletedAt), isConsultationKind))
      .orderBy(asc(appointments.startsAt), asc(appointments.id))
      .all() as Consultation[];
  },

  'consultations.cancel': ({ id, reason, expectedVersion }, ctx) => {
    return ctx.sqlite.transaction(() => {
      const current = readConsultation(ctx, id);
      if (!current) throw ApiError.notFound('This consultation');
      if (current.status !== 'booked') {
        const words: Record<AppointmentStatus, string> = {
          booked: 'booked',
          cancelled: 'already cancelled',
          completed: 'already completed',
          no_show: 'already marked as a no-show',
        };
        throw new ApiError('CONFLICT', `This consultation is ${words[current.status]}, so it cannot be cancelled.`);
      }
      const line = `Cancelled: ${reason}`;
      updateRow(
        ctx,
        appointments,
        id,
        { status: 'cancelled', note: current.note ? `${current.note}\n${line}` : line },
        { expectedVersion, what: 'This consultation' },
      );
      return readConsultation(ctx, id)!;
    })();
  },

  'consultations.recordAttendance': ({ id, outcome, expectedVersion }, ctx) => {
    return ctx.sqlite.transaction(() => {
      const current = readConsultation(ctx, id);
      if (!current) throw ApiError.notFound('This consultation');
      if (current.status !== 'booked') {
        throw new ApiError('CONFLICT', `This consultation is ${ALREADY[current.status]}; nothing was changed.`);
      }
      // A visit that has not begun cannot have been held (or missed): it would clear the
      // patient for infusions, and count for a payer, ahead of the physician seeing them.
      if (current.startsAt > ctx.now()) {
        const { timeZone } = readScheduleSettings(ctx.sqlite);
        throw new ApiError(
          'CONFLICT',
          `This consultation is booked for ${describeSpan(timeZone, current.startsAt, current.endsAt)}. Record whether it was held once it has begun.`,
        );
      }
      updateRow(ctx, appointments, id, { status: outcome }, { expectedVersion, what: 'This consultation' });
      return readConsultation(ctx, id)!;
    })();
  },
};

const ALREADY: Record<AppointmentStatus, string> = {
  booked: 'booked',
  cancelled: 'cancelled',
  completed: 'already recorded as held',
  no_show: 'already recorded as not attended',
};

/** A patient has at most one upcoming initial consultation booked. */
function refuseSecondInitial(ctx: HandlerContext, patientId: string, timeZone: string): void {
  const existing = ctx.db
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt, staffName: staff.name })
    .from(appointments)
    .innerJoin(staff, eq(staff.id, appointments.staffId))
    .where(
      and(
        eq(appointments.patientId, patientId),
        isNull(appointments.deletedAt),
        eq(appointments.status, 'booked'),
        eq(appointments.kind, 'initial_consultation' satisfies AppointmentKind),
        gt(appointments.endsAt, ctx.now()),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .get();
  if (existing) {
    const message =
      `This patient already has an initial consultation booked ${describeSpan(timeZone, existing.startsAt, existing.endsAt)} (clinic time)` +
      ` with ${providerLabel(existing.staffName)}. Cancel that one first to book another.`;
    throw new ApiError('CONFLICT', message, { field: 'startsAt', issues: [{ field: 'startsAt', message }] });
  }
}

type FreeSlotsInput = { patientId?: string | undefined; staffId?: string | undefined; from?: number | undefined; days: number; minutes?: number | undefined; limit: number };

export function searchFreeSlots(ctx: HandlerContext, input: FreeSlotsInput): MethodOutput<'consultations.freeSlots'> {
  const now = ctx.now();
  const from = Math.max(input.from ?? now, now);
  if (input.staffId !== undefined) requireProvider(ctx, input.staffId, { active: true });
  if (input.patientId !== undefined) requirePatient(ctx, input.patientId);
  const settings = readScheduleSettings(ctx.sqlite);
  const minutes = input.minutes ?? settings.consultationMinutes;
  const until = startOfLocalDay(settings.timeZone, addDays(localDateAt(settings.timeZone, from), input.days));
  const data = loadSchedule(ctx.sqlite, settings, {
    from,
    to: until + minutes * MINUTE,
    staffId: input.staffId,
    patientId: input.patientId,
  });
  const found = findFreeSlots({ ...data, from, days: input.days, minutes, step: SLOT_STEP_MINUTES, limit: input.limit });
  const names = new Map(data.providers.map((p) => [p.staffId, p.name]));
  return {
    timeZone: settings.timeZone,
    minutes,
    from,
    until: found.until,
    slots: found.slots.map((s) => ({ staffId: s.staffId, staffName: names.get(s.staffId)!, startsAt: s.startsAt, endsAt: s.endsAt })),
    more: found.more,
  };
}
