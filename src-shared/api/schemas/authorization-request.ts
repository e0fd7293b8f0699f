/**
 * The request an authorization asks the payer for (issue 11, screens part P6): who pays (payer,
 * coverage, member and group id), what for (diagnosis group, service lines, sessions and dates of
 * service, the ordering provider) and how it goes (route, expedited). Written while the request is a
 * draft or ready; once sent, what was asked for is history and only status steps change it.
 */
import { z } from 'zod';
import { isProcedureCode, normalizeProcedureCode } from '../../domain/codes';
import { DIAGNOSIS_GROUPS } from './intake';
import { authorizationSchema, SUBMISSION_ROUTES } from './series';
import { calendarDate, idSchema, optionalText } from './common';

const sessions = z
  .number({ error: 'Enter the sessions asked for as a number.' })
  .int({ error: 'The sessions asked for must be a whole number.' })
  .min(1, { error: 'The sessions asked for must be at least 1.' })
  .max(1000, { error: 'The sessions asked for can be at most 1000.' });

export const serviceLineInput = z.object({
  code: z
    .string({ error: 'Enter the code (such as 96365 or J3490).' })
    .transform(normalizeProcedureCode)
    .refine(isProcedureCode, { error: 'A service line’s code must be a CPT or HCPCS code (such as 96365 or J3490).' }),
  system: z.enum(['CPT', 'HCPCS'], { error: 'Choose CPT or HCPCS for the code.' }),
  unitsPerSession: z
    .number({ error: 'Enter the units per session as a number.' })
    .int({ error: 'Units per session must be a whole number.' })
    .min(1, { error: 'Units per session must be at least 1.' })
    .max(100, { error: 'Units per session can be at most 100.' }),
  description: optionalText('Service line description', 120)
    .optional()
    .transform((v) => v ?? undefined),
});

/** The request's fields; on an update, absent means unchanged and null clears. */
export const requestFields = z.object({
  payerId: idSchema.nullish(),
  coverageId: idSchema.nullish(),
  memberId: optionalText('Member ID', 40).optional(),
  groupNumber: optionalText('Group number', 40).optional(),
  diagnosisGroup: z.enum(DIAGNOSIS_GROUPS, { error: 'Choose the diagnosis group from the list.' }).nullish(),
  templateId: idSchema.nullish(),
  requestedSessions: sessions.nullish(),
  requestedStartDate: calendarDate('first day asked for').nullish(),
  requestedEndDate: calendarDate('last day asked for').nullish(),
  serviceLines: z.array(serviceLineInput).max(10, { error: 'At most 10 service lines.' }).nullish(),
  orderingProviderId: idSchema.nullish(),
  submissionRoute: z.enum(SUBMISSION_ROUTES, { error: 'Choose how it will be sent: portal, fax, electronic, phone or mail.' }).nullish(),
  expedited: z.boolean({ error: 'Say whether the request is expedited (yes or no).' }).optional(),
});
export type RequestFields = z.infer<typeof requestFields>;

export const createRequestInput = requestFields.extend({ patientId: idSchema });
export const updateRequestInput = requestFields.extend({ id: idSchema, expectedVersion: z.number().int().min(0).optional() });

/** One authorization with whom and what it is for, for its own page. */
export const authorizationDetailSchema = authorizationSchema.extend({
  patientName: z.string(),
  patientMrn: z.string(),
  patientDateOfBirth: z.string().nullable(),
  payerName: z.string().nullable(),
  orderingProviderName: z.string().nullable(),
  orderingProviderNpi: z.string().nullable(),
  templateName: z.string().nullable(),
});
export type AuthorizationDetail = z.infer<typeof authorizationDetailSchema>;
