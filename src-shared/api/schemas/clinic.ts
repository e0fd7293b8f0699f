import { z } from 'zod';
import { TIME_FORMATS } from '../../domain/clock-display';
import { isValidTimeZone } from '../../domain/dates';
import { normalizeNpi, npiProblem } from '../../domain/npi';
import { idSchema, openingHoursSchema, optionalText, requiredText } from './common';

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64, { error: 'Choose a time zone from the list, such as America/Chicago.', abort: true })
  .refine(isValidTimeZone, { error: 'Choose a time zone from the list, such as America/Chicago.' });

export const clinicSettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  openingHours: openingHoursSchema,
  consultationMinutes: z.number().int(),
  /** How every screen writes a time: "9:00 AM" (12h) or "09:00" (24h). */
  timeFormat: z.enum(TIME_FORMATS),
  version: z.number().int(),
});
export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

export const clinicSettingsUpdate = z.object({
  name: requiredText('clinic name', 120),
  timeZone: timeZoneSchema,
  openingHours: openingHoursSchema,
  /** Length of an initial consultation; left as it is when not sent. */
  consultationMinutes: z
    .number({ error: 'Enter the consultation length in minutes.' })
    .int({ error: 'Enter whole minutes.' })
    .min(15, { error: 'A consultation is at least 15 minutes.' })
    .max(240, { error: 'A consultation is at most 240 minutes.' })
    .optional(),
  /** 12- or 24-hour times on every screen; left as it is when not sent. */
  timeFormat: z.enum(TIME_FORMATS, { error: 'Choose 12-hour or 24-hour times.' }).optional(),
});

/** What a time-zone change does to what is booked ahead: all of it keeps its local times. */
export const timeZoneImpactSchema = z.object({
  fromZone: z.string(),
  toZone: z.string(),
  sessions: z.number().int(),
  consultations: z.number().int(),
  closures: z.number().int(),
  timeOff: z.number().int(),
  /** The first session ahead: its instant now and after the change (the same local time). */
  example: z.object({ before: z.number().int(), after: z.number().int() }).nullable(),
});
export const timeZoneChangeInput = z.object({ timeZone: timeZoneSchema });

export const suiteSchema = z.object({
  id: idSchema,
  name: z.string(),
  active: z.boolean(),
  openingHours: openingHoursSchema.nullable(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type Suite = z.infer<typeof suiteSchema>;

export const suiteFields = z.object({
  name: requiredText('suite name', 60),
  active: z.boolean().default(true),
  /** null: the suite keeps the clinic's opening hours. */
  openingHours: openingHoursSchema.nullable().default(null),
});

export const STAFF_ROLES = ['anesthesiologist', 'crna', 'rn', 'physician', 'front_desk', 'assistant'] as const;
export const staffSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  /** National Provider Identifier: the ordering provider on an authorization request. */
  npi: z.string().nullable(),
  version: z.number().int(),
});
export type Staff = z.infer<typeof staffSchema>;

export const staffFields = z.object({
  name: requiredText('name', 120),
  role: z.enum(STAFF_ROLES, { error: 'Choose a role.' }),
  active: z.boolean().default(true),
  /**
   * 10 digits with its check digit (src-shared/domain/npi.ts); spaces and dashes dropped. Blank
   * clears it; not sent leaves it as it is (the active toggle saves without it).
   */
  npi: z
    .string()
    .max(20, { error: 'An NPI has 10 digits.', abort: true })
    .transform(normalizeNpi)
    .superRefine((v, ctx) => {
      const problem = v === '' ? null : npiProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
});

export const payerSchema = z.object({
  id: idSchema,
  name: z.string(),
  payerCode: z.string().nullable(),
  phone: z.string().nullable(),
  /** The payer rule set its requests are checked against (null: guessed from the name, else 'other'). */
  ruleSetKey: z.string().nullable(),
  version: z.number().int(),
});
export type Payer = z.infer<typeof payerSchema>;

export const payerFields = z.object({
  name: requiredText('payer name', 120),
  payerCode: optionalText('Payer ID', 20),
  phone: optionalText('Phone', 30),
});
