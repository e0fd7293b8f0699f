import { z } from 'zod';
import { isEmail, normalizePhone } from '../../domain/contact';
import { calendarDate, idSchema, optionalText, requiredText } from './common';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const CONTACT_CHANNELS = ['sms', 'phone', 'email', 'none'] as const;

const phoneField = (label: string) =>
  z
    .string()
    .trim()
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
  q: z.string().max(100, { error: 'Search text can be at most 100 characters.' }).default(''),
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
