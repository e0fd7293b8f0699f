/** Inputs and outputs of the authorization lifecycle methods (status steps, history). */
import { z } from 'zod';
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
