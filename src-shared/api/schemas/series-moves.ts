/** The suite calendar and rescheduling: the floor snapshot the drag check runs on, moves, repairs. */
import { z } from 'zod';
import { TIME_FORMATS } from '../../domain/clock-display';
import { calendarDate, idSchema, instantSchema, openingHoursSchema, requiredMultilineText } from './common';
import { SESSION_STATUS_VALUES, seriesSchema } from './series';
import { plannedSessionSchema } from './series-booking';

const templateSpecSchema = z.object({
  sessionCount: z.number().int(),
  windowDays: z.number().int(),
  minGapDays: z.number().int(),
  maxGapDays: z.number().int(),
  prepMinutes: z.number().int(),
  infusionMinutes: z.number().int(),
  recoveryMinutes: z.number().int(),
  supervisorRole: z.string(),
});

export const floorSchema = z.object({
  timeZone: z.string(),
  timeFormat: z.enum(TIME_FORMATS).optional(),
  clinicHours: openingHoursSchema,
  suites: z.array(z.object({ id: idSchema, name: z.string(), openingHours: openingHoursSchema.nullable() })),
  closures: z.array(z.object({ suiteId: idSchema.nullable(), startsAt: z.number().int(), endsAt: z.number().int(), reason: z.string() })),
  staff: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      role: z.string(),
      shifts: z.array(
        z.object({
          weekday: z.number().int(),
          startTime: z.string(),
          endTime: z.string(),
          validFrom: z.string().nullable(),
          validTo: z.string().nullable(),
          maxConcurrent: z.number().int(),
        }),
      ),
    }),
  ),
  booked: z.array(
    z.object({
      sessionId: idSchema,
      patientId: idSchema,
      suiteId: idSchema,
      supervisorId: idSchema.nullable(),
      startsAt: z.number().int(),
      infusionStartsAt: z.number().int(),
      recoveryStartsAt: z.number().int(),
      endsAt: z.number().int(),
    }),
  ),
  /** Patients' consultations a moved session must keep clear of, and each one's clearing consultation. */
  appointments: z
    .array(z.object({ patientId: idSchema, startsAt: z.number().int(), endsAt: z.number().int(), what: z.string(), clears: z.boolean() }))
    .optional(),
  series: z.record(
    z.string(),
    z.object({
      seriesId: idSchema,
      template: templateSpecSchema,
      authorization: z.object({ startDate: z.string(), endDate: z.string() }).nullable(),
      sessions: z.array(z.object({ id: idSchema, seq: z.number().int(), startsAt: z.number().int(), status: z.string() })),
    }),
  ),
});

export const calendarSessionSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  seriesId: idSchema,
  patientId: idSchema,
  seq: z.number().int(),
  suiteId: idSchema,
  supervisorId: idSchema.nullable(),
  supervisorName: z.string().nullable(),
  startsAt: z.number().int(),
  infusionStartsAt: z.number().int(),
  recoveryStartsAt: z.number().int(),
  endsAt: z.number().int(),
  status: z.enum(SESSION_STATUS_VALUES),
  /** "J. Rivera" style label the calendar shows: initials and surname. */
  patientLabel: z.string(),
  patientInitials: z.string(),
  /** "3 of 6" */
  position: z.string(),
});

export const calendarInput = z.object({
  from: calendarDate('first day'),
  days: z.number().int().min(1, { error: 'Show at least one day.' }).max(14, { error: 'Show at most 14 days at once.' }).default(1),
});
export const calendarOutput = z.object({ floor: floorSchema, sessions: z.array(calendarSessionSchema) });

const startsAt = instantSchema('new start');

export const moveTargetSchema = z.object({
  suiteId: idSchema,
  startsAt,
  endsAt: instantSchema('new end').optional(),
  supervisorId: idSchema.optional(),
});

export const rescheduleInput = z.object({
  moves: z
    .array(moveTargetSchema.extend({ sessionId: idSchema, expectedVersion: z.number().int().min(0).optional() }))
    .min(1, { error: 'Choose the session to move.' })
    .max(60),
  reason: requiredMultilineText('reason for the change', 500),
});
export const rescheduleOutput = seriesSchema;

export const rescheduleOptionsInput = z.object({
  sessionId: idSchema,
  limit: z.number().int().min(1).max(60).default(12),
  /** One clinic day to look at: every free place that day (up to `limit`); otherwise at most two a day, earliest first. */
  date: calendarDate('day').optional(),
});
export const slotSchema = z.object({
  suiteId: idSchema,
  suiteName: z.string(),
  supervisorId: idSchema,
  supervisorName: z.string(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  /** "Tue 12/08 09:30 · Suite 2 · Dr Lee" in clinic time */
  label: z.string(),
});
export const rescheduleOptionsOutput = z.object({
  slots: z.array(slotSchema),
  /** The open clinic days the series' timeline allows this session on (from today), to look at one by one. */
  days: z.array(z.string()),
  /** The day asked for, or null when the slots span several days. */
  date: z.string().nullable(),
  /** Why no slot keeps the timeline, when none does. */
  note: z.string().nullable(),
});

export const repairInput = moveTargetSchema.extend({ sessionId: idSchema });
export const repairOutput = z.object({
  ok: z.boolean(),
  reasons: z.array(z.string()),
  moves: z.array(
    plannedSessionSchema.extend({
      sessionId: idSchema,
      expectedVersion: z.number().int(),
      fromStartsAt: z.number().int(),
      fromSuiteId: idSchema,
      /** "Session 4: Thu 12/10 09:00 Suite 1 → Fri 12/11 09:00 Suite 3" */
      label: z.string(),
    }),
  ),
});
