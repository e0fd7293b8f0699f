/** Inputs and outputs of the authorization lifecycle methods (status steps, history). */
import { z } from 'zod';
import { DUE_KINDS } from '../../domain/authorizations/due';
import { AUTH_STATUSES, SUBMISSION_ROUTES } from './series';
import { calendarDate, idSchema, instantSchema, optionalMultilineText, optionalText } from './common';

const sessions = (label: string) =>
  z
    .number({ error: `Enter the ${label} as a number.` })
    .int({ error: `The ${label} must be a whole number.` })
    .min(1, { error: `The ${label} must be at least 1.` })
    .max(1000, { error: `The ${label} can be at most 1000.` });

/**
 * What a step may record on the authorization; each field optional (the step says which it needs).
 * Absent stays absent (`.optional()` outside the text rules, which turn blank into null): only a
 * field sent as null or blank is cleared.
 */
export const lifecyclePatchSchema = z
  .strictObject(
    {
      authNumber: optionalText('Authorization number', 60).optional(),
      approvedSessions: sessions('approved sessions').nullish(),
      startDate: calendarDate('first day covered').nullish(),
      endDate: calendarDate('last day covered').nullish(),
      requestedSessions: sessions('sessions asked for').nullish(),
      requestedStartDate: calendarDate('first day asked for').nullish(),
      requestedEndDate: calendarDate('last day asked for').nullish(),
      decisionDate: calendarDate('decision date').nullish(),
      submissionRoute: z.enum(SUBMISSION_ROUTES, { error: 'Choose how it was sent: portal, fax, electronic, phone or mail.' }).nullish(),
      submittedAt: instantSchema('time it was submitted').nullish(),
      referenceNumber: optionalText('Payer reference number', 60).optional(),
      expedited: z.boolean({ error: 'Say whether the request is expedited (yes or no).' }).optional(),
      denialDate: calendarDate('denial date').nullish(),
      denialReason: optionalMultilineText('Denial reason', 1000).optional(),
      denialCode: optionalText('Denial code', 40).optional(),
      denialPolicy: optionalText('Policy cited', 120).optional(),
      p2pScheduledAt: instantSchema('peer-to-peer call time').nullish(),
      appealFiledDate: calendarDate('date the appeal was filed').nullish(),
      finalDenialDate: calendarDate('date of the final internal denial').nullish(),
      closedReason: optionalText('Reason for closing', 200).optional(),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys' ? `A status step cannot change ${iss.keys.join(', ')}: change it on the authorization itself.` : 'Send the details as a list of fields.',
    },
  );

export const changeStatusInput = z.object({
  id: idSchema,
  to: z.enum(AUTH_STATUSES, { error: 'Choose the new status from the list.' }),
  expectedVersion: z.number().int().min(0).optional(),
  /** When the step happened, if not now. */
  at: instantSchema('time of the step').optional(),
  referenceNumber: optionalText('Reference number', 60),
  note: optionalMultilineText('Note', 2000),
  patch: lifecyclePatchSchema.optional(),
  /** Marking a request ready while the readiness check finds items missing: why (kept in the history). */
  overrideReason: optionalMultilineText('Reason to mark it ready anyway', 500),
});

export const authorizationEventSchema = z.object({
  id: idSchema,
  authorizationId: idSchema,
  at: z.number().int(),
  byUserId: z.string().nullable(),
  /** Who, as they were named then ("Imported" when a payer response was read by the system). */
  byName: z.string().nullable(),
  fromStatus: z.enum(AUTH_STATUSES).nullable(),
  toStatus: z.enum(AUTH_STATUSES),
  referenceNumber: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** The step in words: "Denied (was Sent to payer)". */
  text: z.string(),
});
export type AuthorizationEvent = z.infer<typeof authorizationEventSchema>;

/** The due list: what is due or overdue across authorizations (or one patient's), soonest first. */
export const dueListInput = z.object({
  /** Only this patient's (the chart, Today). */
  patientId: idSchema.optional(),
  /** Only this payer's requests (the work list's payer filter). */
  payerId: idSchema.optional(),
  kinds: z
    .array(z.enum(DUE_KINDS, { error: 'Choose what is due from the list: decision, p2p, appeal, external_review or expiry.' }))
    .min(1, { error: 'Choose at least one kind of deadline.' })
    .max(DUE_KINDS.length)
    .optional(),
  /** How far ahead to look (overdue items are always listed). */
  withinDays: z.number({ error: 'Enter how many days ahead to look as a number.' }).int().min(0).max(365, { error: 'Look at most 365 days ahead.' }).default(30),
  /** Days before an approval ends to warn while sessions are booked after it; the payer's figures (14 and 7) when absent. */
  expiryWarningDays: z
    .array(z.number().int().min(1, { error: 'A warning comes at least 1 day before the end.' }).max(90, { error: 'A warning comes at most 90 days before the end.' }))
    .min(1)
    .max(5)
    .optional(),
  limit: z.number().int().min(1).max(500).default(25),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});

export const dueItemSchema = z.object({
  authorizationId: idSchema,
  patientId: idSchema,
  patientName: z.string(),
  patientMrn: z.string(),
  payerName: z.string().nullable(),
  authNumber: z.string().nullable(),
  status: z.enum(AUTH_STATUSES),
  kind: z.enum(DUE_KINDS),
  /** Clinic-local date it is due. */
  dueDate: z.string(),
  /** The exact time, for the payer's expected decision. */
  dueAt: z.number().int().nullable(),
  /** Days from today (clinic date) to the due date; negative when overdue. */
  daysLeft: z.number().int(),
  overdue: z.boolean(),
  /** Expiry: the warning reached (14 or 7 days before the end by default). */
  warningDays: z.number().int().nullable(),
  sessionsBookedAfter: z.number().int(),
  /** The item in words for the list, the chart and Today. */
  text: z.string(),
});
export type DueListItem = z.infer<typeof dueItemSchema>;
export const duePageSchema = z.object({ rows: z.array(dueItemSchema), total: z.number().int(), offset: z.number().int(), today: z.string() });

/** A report period: clinic-local dates, inclusive. */
export const reportInput = z
  .object({ from: calendarDate('first day of the period'), to: calendarDate('last day of the period') })
  .refine((p) => p.to >= p.from, { error: 'The last day of the period is before its first day.', path: ['to'] });

const groupCount = z.object({ label: z.string(), count: z.number().int(), share: z.number() });
export const authorizationReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Requests whose first decision fell in the period, and how many of those were denials. */
  decided: z.number().int(),
  denied: z.number().int(),
  byPayer: z.array(
    z.object({
      payerName: z.string(),
      decided: z.number().int(),
      approved: z.number().int(),
      partiallyApproved: z.number().int(),
      denied: z.number().int(),
      denialRate: z.number(),
      text: z.string(),
    }),
  ),
  byReason: z.array(groupCount),
  byPolicy: z.array(groupCount),
  turnaroundByPayer: z.array(z.object({ payerName: z.string(), decisions: z.number().int(), medianDays: z.number(), p90Days: z.number(), text: z.string() })),
  /** Approvals whose last covered day falls in the period. */
  expiring: z.array(
    z.object({
      authorizationId: idSchema,
      patientId: idSchema,
      patientName: z.string(),
      payerName: z.string().nullable(),
      authNumber: z.string().nullable(),
      endDate: z.string(),
      approvedSessions: z.number().int().nullable(),
      sessionsUsed: z.number().int(),
      sessionsBooked: z.number().int(),
      text: z.string(),
    }),
  ),
});
export type AuthorizationReport = z.infer<typeof authorizationReportSchema>;

export const reportCsvOutput = z.object({ fileName: z.string(), mimeType: z.string(), text: z.string(), count: z.number().int(), withPatients: z.boolean() });
