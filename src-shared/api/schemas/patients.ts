import { z } from 'zod';
import { isEmail, normalizePhone } from '../../domain/contact';
import { calendarDate, idSchema, optionalText, requiredText, searchText } from './common';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const CONTACT_CHANNELS = ['sms', 'phone', 'email', 'none'] as const;

const phoneField = (label: string) =>
  z
    .string()
    .trim()
    .max(40, { error: `Enter the ${label} with its area code, e.g. (555) 201-4477.`, abort: true })
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = normalizePhone(v);
      if (!n) {
        ctx.addIssue({ code: 'custom', message: `Enter the ${label} with its area code, e.g. (555) 201-4477.` });
        return z.NEVER;
      }
      return n;
    });

const emailField = z
  .string()
  .trim()
  .max(254, { error: 'Enter an e-mail address such as name@example.com.', abort: true })
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    if (!isEmail(v)) {
      ctx.addIssue({ code: 'custom', message: 'Enter an e-mail address such as name@example.com.' });
      return z.NEVER;
    }
    return v.toLowerCase();
  });

export const patientFieldsSchema = z
  .object({
    firstName: requiredText('first name'),
    lastName: requiredText('last name'),
    dateOfBirth: calendarDate('date of birth'),
    sex: z.enum(SEXES, { error: 'Choose female, male, other or unknown.' }),
    phone: phoneField('phone number'),
    email: emailField,
    preferredContact: z.enum(CONTACT_CHANNELS, { error: 'Choose how the patient prefers to be contacted.' }),
    mrn: z
      .string()
      .trim()
      .max(20, { error: 'The MRN can use letters, digits and dashes, at most 20.', abort: true })
      .nullish()
      .transform((v) => (v ? v.toUpperCase() : null))
      .refine((v) => v === null || /^[A-Z0-9-]{1,20}$/.test(v), {
        error: 'The MRN can use letters, digits and dashes, at most 20.',
      }),
    referringProvider: optionalText('Referring provider', 200),
    referringProviderPhone: phoneField("referring provider's phone"),
    emergencyContactName: optionalText('Emergency contact', 200),
    emergencyContactPhone: phoneField("emergency contact's phone"),
    emergencyContactRelation: optionalText('Relationship', 60),
    emergencyContactIsDriver: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if ((p.preferredContact === 'sms' || p.preferredContact === 'phone') && !p.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Add a phone number, or choose another way to contact the patient.' });
    }
    if (p.preferredContact === 'email' && !p.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Add an e-mail address, or choose another way to contact the patient.' });
    }
    if (p.emergencyContactIsDriver && !p.emergencyContactName) {
      ctx.addIssue({ code: 'custom', path: ['emergencyContactName'], message: 'Name the person who will drive the patient home.' });
    }
  });

export type PatientFieldsInput = z.input<typeof patientFieldsSchema>;
export type PatientFields = z.output<typeof patientFieldsSchema>;

export const patientSchema = z.object({
  id: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(SEXES),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredContact: z.enum(CONTACT_CHANNELS),
  mrn: z.string(),
  referringProvider: z.string().nullable(),
  referringProviderPhone: z.string().nullable(),
  emergencyContactName: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  emergencyContactRelation: z.string().nullable(),
  emergencyContactIsDriver: z.boolean(),
  version: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Patient = z.infer<typeof patientSchema>;

export const patientSummarySchema = patientSchema.pick({
  id: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  sex: true,
  phone: true,
  mrn: true,
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const patientSearchInput = z.object({
  q: searchText(100).default(''),
  limit: z.number().int().min(1).max(200).default(50),
});

export const patientSearchOutput = z.object({
  items: z.array(patientSummarySchema),
  /** True when more patients match than were returned. */
  more: z.boolean(),
});

export const coverageFieldsSchema = z.object({
  payerId: idSchema,
  planName: optionalText('Plan name', 120),
  memberId: requiredText('member ID', 40),
  groupNumber: optionalText('Group number', 40),
  priority: z.enum(['primary', 'secondary', 'tertiary'], { error: 'Choose primary, secondary or tertiary.' }),
  subscriberName: optionalText('Subscriber', 200),
  subscriberRelation: z.enum(['self', 'spouse', 'child', 'other']).default('self'),
});

export const coverageSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  payerId: idSchema,
  payerName: z.string(),
  planName: z.string().nullable(),
  memberId: z.string(),
  groupNumber: z.string().nullable(),
  priority: z.enum(['primary', 'secondary', 'tertiary']),
  subscriberName: z.string().nullable(),
  subscriberRelation: z.enum(['self', 'spouse', 'child', 'other']),
  version: z.number().int(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const patientDetailSchema = patientSchema.extend({ coverages: z.array(coverageSchema) });
export type PatientDetail = z.infer<typeof patientDetailSchema>;

/** Why a record may be the same person: same name and date of birth, same phone, same MRN. */
export const DUPLICATE_REASONS = ['name_dob', 'phone', 'mrn'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export const likelyDuplicateSchema = patientSummarySchema.omit({ sex: true }).extend({ reasons: z.array(z.enum(DUPLICATE_REASONS)) });
export type LikelyDuplicate = z.infer<typeof likelyDuplicateSchema>;

/** What the new-patient form knows before saving; any part may be missing (nothing is matched on it then). */
export const findDuplicatesInput = z.object({
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  dateOfBirth: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the date of birth as a real date (YYYY-MM-DD).' })
    .optional(),
  phone: z
    .string()
    .trim()
    .max(30)
    .optional()
    // A phone that cannot be read matches nothing (the form says what is wrong with it on saving).
    .transform((v) => (v ? normalizePhone(v) : null)),
  mrn: z.string().trim().max(20).optional(),
  /** The record being edited. */
  excludeId: idSchema.optional(),
});
export const findDuplicatesOutput = z.object({ matches: z.array(likelyDuplicateSchema) });

/** patients.create: the fields, and whether the person saw the likely duplicates and confirmed a new patient. */
export const createPatientInput = patientFieldsSchema.and(
  z.object({
    /** True after the person was shown the likely duplicates and chose "Save as a new patient anyway". */
    confirmedNotDuplicate: z.boolean().optional(),
  }),
);

/** Two records of one person: keep `keepId`, move everything of `mergeId` to it. */
export const mergeInput = z.object({
  keepId: idSchema,
  mergeId: idSchema,
  /** The sync conflict (two records of one person) this merge resolves, when started from it. */
  conflictId: idSchema.optional(),
});

export const mergeMoveSchema = z.object({
  /** SQL table name. */
  table: z.string(),
  /** In words: "Pain scores". */
  label: z.string(),
  count: z.number().int(),
});

export const mergePreviewSchema = z.object({
  keep: patientSummarySchema,
  merge: patientSummarySchema,
  moves: z.array(mergeMoveSchema),
  /** Rows that will move, all tables together. */
  total: z.number().int(),
});
export type MergePreview = z.infer<typeof mergePreviewSchema>;

export const mergeResultSchema = z.object({
  id: idSchema,
  keptPatientId: idSchema,
  mergedPatientId: idSchema,
  moves: z.array(mergeMoveSchema),
  total: z.number().int(),
  mergedAt: z.number().int(),
});
