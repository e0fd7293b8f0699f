/**
 * Scheduling: provider availability (weekly hours, exceptions) and consultation booking.
 *
 * Weekly hours are clinic-local wall-clock times (`HH:MM`, the clinic's IANA zone);
 * everything that happens at a moment (an exception, an appointment, a free slot) is an
 * instant in epoch milliseconds, UTC. The renderer shows instants in the clinic's zone with
 * the viewer's local time beside it (src-shared/domain/clock-display.ts).
 */
import { z } from 'zod';
import { isCalendarDate } from '../../domain/dates';
import { expectedVersion } from '../method';
import { calendarDate, idSchema, optionalMultilineText, requiredText } from './common';
import { STAFF_ROLES } from './clinic';

type StaffRole = (typeof STAFF_ROLES)[number];

/** The staff roles that see patients for consultations. The one place this rule lives. */
export const CONSULTING_ROLES = ['physician', 'anesthesiologist'] as const satisfies readonly StaffRole[];
export type ConsultingRole = (typeof CONSULTING_ROLES)[number];
export function isConsultingRole(role: string): role is ConsultingRole {
  return (CONSULTING_ROLES as readonly string[]).includes(role);
}

export const APPOINTMENT_KINDS = ['initial_consultation', 'follow_up_consultation'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'completed', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** How far ahead a free-slot search may look, in days. */
export const MAX_SEARCH_DAYS = 60;
export const CONSULTATION_MINUTES = { min: 15, max: 240 } as const;

// 2000-01-01 .. 2100-01-01: catches seconds sent for milliseconds, and typos.
const MIN_INSTANT = Date.UTC(2000, 0, 1);
const MAX_INSTANT = Date.UTC(2100, 0, 1);

/** An instant in epoch milliseconds (UTC). */
export const instantInput = (label: string) =>
  z
    .number({ error: `Choose the ${label}.` })
    .int({ error: `The ${label} is not a valid time.` })
    .min(MIN_INSTANT, { error: `The ${label} is not a valid time.` })
    .max(MAX_INSTANT, { error: `The ${label} is not a valid time.` });

const isValidInstant = (t: unknown) => Number.isInteger(t) && (t as number) >= MIN_INSTANT && (t as number) <= MAX_INSTANT;

const instant = z.number().int();

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTimeInput = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .regex(HHMM, { error: `Enter the ${label} as 24-hour time, such as 09:00 or 13:30.` });

/** An optional calendar date: blank means "no limit". */
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(calendarDate(label).nullable());

export const consultationMinutesInput = z
  .number({ error: 'Enter the length in minutes.' })
  .int({ error: 'Enter whole minutes.' })
  .min(CONSULTATION_MINUTES.min, { error: `A consultation is at least ${CONSULTATION_MINUTES.min} minutes.` })
  .max(CONSULTATION_MINUTES.max, { error: `A consultation is at most ${CONSULTATION_MINUTES.max} minutes.` });

// ---------------------------------------------------------------------------------------
// Weekly hours

export const weeklyHoursFields = z
  .object({
    /** 0 = Sunday ... 6 = Saturday */
    weekday: z
      .number({ error: 'Choose a day of the week.' })
      .int({ error: 'Choose a day of the week.' })
      .min(0, { error: 'Choose a day of the week.' })
      .max(6, { error: 'Choose a day of the week.' }),
    startTime: clockTimeInput('start time'),
    endTime: clockTimeInput('end time'),
    /** First date these hours apply (clinic calendar); null: since always. */
    validFrom: optionalDate('first date'),
    /** Last date these hours apply, included; null: until further notice. */
    validTo: optionalDate('last date'),
  })
  .superRefine((h, ctx) => {
    // zod runs this even when a field failed: compare only times that are well formed.
    if (HHMM.test(h.startTime) && HHMM.test(h.endTime) && h.endTime <= h.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time.' });
    }
    if (h.validFrom && h.validTo && isCalendarDate(h.validFrom) && isCalendarDate(h.validTo) && h.validTo < h.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'The last date must be on or after the first date.' });
    }
  });
export type WeeklyHoursFields = z.output<typeof weeklyHoursFields>;

/** Two entries overlap when they share a weekday, clock time and at least one date. */
export function weeklyHoursOverlap(a: WeeklyHoursFields, b: WeeklyHoursFields): boolean {
  if (a.weekday !== b.weekday) return false;
  if (!(a.startTime < b.endTime && b.startTime < a.endTime)) return false;
  const aFrom = a.validFrom ?? '0000-01-01';
  const aTo = a.validTo ?? '9999-12-31';
  const bFrom = b.validFrom ?? '0000-01-01';
  const bTo = b.validTo ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

const wellFormed = (h: WeeklyHoursFields) =>
  HHMM.test(h.startTime) && HHMM.test(h.endTime) && h.startTime < h.endTime && h.weekday >= 0 && h.weekday <= 6;

export const setWeeklyInput = z.object({
  staffId: idSchema,
  hours: z
    .array(weeklyHoursFields, { error: 'Send the weekly hours as a list.' })
    .max(50, { error: 'At most 50 blocks of weekly hours.' })
    .superRefine((hours, ctx) => {
      for (let j = 0; j < hours.length; j++) {
        for (let i = 0; i < j; i++) {
          const a = hours[i]!;
          const b = hours[j]!;
          if (!wellFormed(a) || !wellFormed(b)) continue; // reported per entry
          if (weeklyHoursOverlap(a, b)) {
            ctx.addIssue({
              code: 'custom',
              path: [j, 'startTime'],
              message: `These hours overlap ${WEEKDAY_NAMES[a.weekday]} ${a.startTime}-${a.endTime}.`,
            });
            break;
          }
        }
      }
    }),
});

export const weeklyHoursSchema = z.object({
  id: idSchema,
  weekday: z.number().int().min(0).max(6),
  startTime: z.string(),
  endTime: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  version: z.number().int(),
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const providerAvailabilitySchema = z.object({
  staffId: idSchema,
  staffName: z.string(),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  /** Ordered by weekday, then start time. */
  weekly: z.array(weeklyHoursSchema),
});
export type ProviderAvailability = z.infer<typeof providerAvailabilitySchema>;

// ---------------------------------------------------------------------------------------
// Exceptions (leave, holidays, meetings)

export const availabilityExceptionSchema = z.object({
  id: idSchema,
  /** null: the whole clinic is closed. */
  staffId: idSchema.nullable(),
  staffName: z.string().nullable(),
  startsAt: instant,
  endsAt: instant,
  reason: z.string(),
  version: z.number().int(),
});
export type AvailabilityException = z.infer<typeof availabilityExceptionSchema>;

/** Longest exception: a year (longer absences are better handled by ending the weekly hours). */
export const MAX_EXCEPTION_DAYS = 366;

export const addExceptionInput = z
  .object({
    /** A provider, or null for the whole clinic (a public holiday). Required: null is a choice. */
    staffId: idSchema.nullable(),
    startsAt: instantInput('start'),
    endsAt: instantInput('end'),
    reason: requiredText('reason', 200),
  })
  .superRefine((e, ctx) => {
    if (!isValidInstant(e.startsAt) || !isValidInstant(e.endsAt)) return; // reported per field
    if (e.endsAt <= e.startsAt) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must be after the start.' });
    } else if (e.endsAt - e.startsAt > MAX_EXCEPTION_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: `An exception can last at most ${MAX_EXCEPTION_DAYS} days. For a longer absence, end the weekly hours instead.`,
      });
    }
  });

export const availabilityListInput = z.object({ staffId: idSchema.optional() });
export const availabilityListOutput = z.object({
  /** The clinic's IANA zone: weekly hours are wall-clock times in it. */
  timeZone: z.string(),
  /** Staff with a consulting role (one when staffId was given), by name. */
  providers: z.array(providerAvailabilitySchema),
  /** Exceptions that have not ended yet, by start: the provider's and the whole clinic's. */
  exceptions: z.array(availabilityExceptionSchema),
});

// ---------------------------------------------------------------------------------------
// Consultations

export const consultationSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  staffId: idSchema,
  staffName: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  startsAt: instant,
  endsAt: instant,
  status: z.enum(APPOINTMENT_STATUSES),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Consultation = z.infer<typeof consultationSchema>;

export const addExceptionOutput = z.object({
  exception: availabilityExceptionSchema,
  /** Booked consultations inside the new exception: someone has to move them. */
  overlappingConsultations: z.array(consultationSchema),
});

export const freeSlotsInput = z.object({
  /** When given, times the patient already has an appointment are left out. */
  patientId: idSchema.optional(),
  /** One provider; all consulting providers when left out. */
  staffId: idSchema.optional(),
  /** Search from this instant; now by default (and never earlier than now). */
  from: instantInput('search start').optional(),
  /** Clinic calendar days to search, starting with the day of `from`. */
  days: z
    .number({ error: 'Enter the number of days to search.' })
    .int({ error: 'Enter whole days.' })
    .min(1, { error: 'Search at least 1 day.' })
    .max(MAX_SEARCH_DAYS, { error: `Search at most ${MAX_SEARCH_DAYS} days ahead.` })
    .default(14),
  /** Consultation length; the clinic's setting by default. */
  minutes: consultationMinutesInput.optional(),
  limit: z
    .number()
    .int()
    .min(1, { error: 'Ask for at least 1 slot.' })
    .max(200, { error: 'Ask for at most 200 slots.' })
    .default(20),
});

export const freeSlotSchema = z.object({
  staffId: idSchema,
  staffName: z.string(),
  startsAt: instant,
  endsAt: instant,
});
export type FreeSlot = z.infer<typeof freeSlotSchema>;

export const freeSlotsOutput = z.object({
  timeZone: z.string(),
  minutes: z.number().int(),
  /** The search window actually used: [from, until). */
  from: instant,
  until: instant,
  /** Earliest first, then by provider name. */
  slots: z.array(freeSlotSchema),
  /** True when the window holds more free slots than were returned. */
  more: z.boolean(),
});

export const bookConsultationInput = z.object({
  patientId: idSchema,
  staffId: idSchema,
  startsAt: instantInput('start time'),
  /** The clinic's consultation length by default. */
  minutes: consultationMinutesInput.optional(),
  kind: z.enum(APPOINTMENT_KINDS, { error: 'Choose the kind of consultation.' }).default('initial_consultation'),
  note: optionalMultilineText('Note', 500),
});

export const cancelConsultationInput = z.object({
  id: idSchema,
  reason: requiredText('reason for cancelling', 200),
  expectedVersion,
});

/** What happened at a consultation once its time has come: held, or the patient did not attend. */
export const CONSULTATION_ATTENDANCE = ['completed', 'no_show'] as const;
export const recordAttendanceInput = z.object({
  id: idSchema,
  outcome: z.enum(CONSULTATION_ATTENDANCE),
  expectedVersion,
});
