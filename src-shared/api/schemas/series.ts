/** Infusion series: templates, suite closures and prior authorizations (the series gate). */
import { z } from 'zod';
import { normalizePhone } from '../../domain/contact';
import { isIcd10CmCode, isProcedureCode, normalizeIcd10Code, normalizeProcedureCode } from '../../domain/codes';
import { calendarDate, idSchema, instantSchema, optionalMultilineText, optionalText, requiredMultilineText, requiredText } from './common';
import { WEEKDAY_NAMES, weeklyHoursFields, weeklyHoursOverlap, weeklyHoursSchema } from './scheduling';
import { DIAGNOSIS_GROUPS } from './intake';

export const SUPERVISOR_ROLES = ['anesthesiologist', 'crna', 'rn'] as const;
/**
 * A prior authorization's lifecycle: draft → ready → submitted → pending (more information
 * asked for) → approved / partially approved / denied → peer-to-peer requested / scheduled /
 * done → appealed → external review → closed / expired. needs_review: an imported payer
 * response that could not be read as a decision (never taken as approved).
 */
export const AUTH_STATUSES = [
  'draft',
  'ready',
  'submitted',
  'pending',
  'approved',
  'partially_approved',
  'denied',
  'p2p_requested',
  'p2p_scheduled',
  'p2p_done',
  'appealed',
  'external_review',
  'closed',
  'expired',
  'cancelled',
  'needs_review',
] as const;
export type AuthStatus = (typeof AUTH_STATUSES)[number];
/** Statuses whose approved sessions and dates open the series gate. */
export const APPROVED_AUTH_STATUSES: readonly AuthStatus[] = ['approved', 'partially_approved'];
export const SUBMISSION_ROUTES = ['portal', 'fax', 'electronic', 'phone', 'mail'] as const;

const count = (label: string, min = 1) =>
  z
    .number({ error: `Enter the ${label} as a number.` })
    .int({ error: `The ${label} must be a whole number.` })
    .min(min, { error: `The ${label} must be at least ${min}.` })
    .max(1000, { error: `The ${label} can be at most 1000.` });

export const templateFields = z.object({
  name: requiredText('template name'),
  sessionCount: count('number of sessions'),
  windowDays: count('window in days'),
  minGapDays: count('least days between sessions', 0),
  maxGapDays: count('most days between sessions', 0),
  prepMinutes: count('preparation minutes'),
  infusionMinutes: count('infusion minutes'),
  recoveryMinutes: count('recovery minutes'),
  supervisorRole: z.enum(SUPERVISOR_ROLES, { error: 'Choose who supervises: anesthesiologist, CRNA or RN.' }),
  note: optionalMultilineText('Note', 500),
});

export const seriesTemplateSchema = templateFields.extend({
  id: idSchema,
  version: z.number().int(),
  active: z.boolean(),
});
export type SeriesTemplate = z.infer<typeof seriesTemplateSchema>;

export const templateUpdateInput = templateFields.partial().extend({
  id: idSchema,
  active: z.boolean().optional(),
  expectedVersion: z.number().int().min(0).optional(),
});

const instant = instantSchema;

export const closureSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  suiteId: idSchema.nullable(),
  suiteName: z.string().nullable(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  reason: z.string(),
});
/** A new closure, and how many booked sessions now fall inside it (listed as conflicts to resolve). */
export const addClosureOutput = closureSchema.extend({ sessionsInside: z.number().int() });
export const addClosureInput = z.object({
  suiteId: idSchema.nullable(),
  startsAt: instant('start'),
  endsAt: instant('end'),
  reason: requiredText('reason', 200),
});
export const listClosuresInput = z.object({ from: instant('start').optional(), to: instant('end').optional() });

/**
 * A list of billing codes in a known format, normalised (upper case; ICD-10 with its dot) and
 * without repeats. The first code that is not in the format is named in the message.
 */
const codes = (article: string, what: string, normalize: (c: string) => string, valid: (c: string) => boolean, example: string) =>
  z
    .array(z.string({ error: `Enter each ${what} code as text.` }).max(20, { error: `That is not a ${what} code.`, abort: true }), {
      error: `Send the ${what} codes as a list.`,
    })
    .max(50, { error: `At most 50 ${what} codes.`, abort: true })
    .transform((list) => [...new Set(list.map(normalize).filter(Boolean))])
    .superRefine((list, ctx) => {
      const bad = list.find((c) => !valid(c));
      if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `“${bad.slice(0, 20)}” is not ${article} ${what} code (such as ${example}).` });
    })
    .nullish()
    .transform((v) => v ?? null);
const cptCodes = codes('a', 'CPT or HCPCS', normalizeProcedureCode, isProcedureCode, '96365 or J3490');
const icd10Codes = codes('an', 'ICD-10', normalizeIcd10Code, isIcd10CmCode, 'G90.512');

export const authorizationFields = z.object({
  payerId: idSchema.nullish().transform((v) => v ?? null),
  authNumber: optionalText('Authorization number', 60),
  status: z.enum(AUTH_STATUSES, { error: 'Choose a status from the list.' }),
  approvedSessions: count('approved sessions').nullish().transform((v) => v ?? null),
  startDate: calendarDate('start date').nullish().transform((v) => v ?? null),
  endDate: calendarDate('end date').nullish().transform((v) => v ?? null),
  cptCodes,
  icd10Codes,
  decisionDate: calendarDate('decision date').nullish().transform((v) => v ?? null),
  denialReason: optionalMultilineText('Denial reason', 500),
  note: optionalMultilineText('Note', 500),
});
export const authorizationSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  patientId: idSchema,
  payerId: idSchema.nullable(),
  authNumber: z.string().nullable(),
  status: z.enum(AUTH_STATUSES),
  approvedSessions: z.number().int().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  cptCodes: z.array(z.string()).nullable(),
  icd10Codes: z.array(z.string()).nullable(),
  decisionDate: z.string().nullable(),
  denialReason: z.string().nullable(),
  note: z.string().nullable(),
  /** Sessions given under it (discharged): what uses up the approval. Derived, never stored. */
  sessionsUsed: z.number().int(),
  /** Sessions booked under it and not given yet (not cancelled, not a no-show). */
  sessionsBooked: z.number().int(),
  // The request and what followed it (migration 0019); null until recorded.
  memberId: z.string().nullable(),
  groupNumber: z.string().nullable(),
  coverageId: z.string().nullable(),
  ruleSetKey: z.string().nullable(),
  diagnosisGroup: z.enum(DIAGNOSIS_GROUPS).nullable(),
  templateId: z.string().nullable(),
  requestedSessions: z.number().int().nullable(),
  requestedStartDate: z.string().nullable(),
  requestedEndDate: z.string().nullable(),
  serviceLines: z
    .array(z.object({ code: z.string(), system: z.enum(['CPT', 'HCPCS']), unitsPerSession: z.number().int(), description: z.string().optional() }))
    .nullable(),
  orderingProviderId: z.string().nullable(),
  submissionRoute: z.enum(SUBMISSION_ROUTES).nullable(),
  referenceNumber: z.string().nullable(),
  expedited: z.boolean(),
  renewalOfId: z.string().nullable(),
  submittedAt: z.number().int().nullable(),
  decisionDueAt: z.number().int().nullable(),
  denialDate: z.string().nullable(),
  denialCode: z.string().nullable(),
  denialPolicy: z.string().nullable(),
  p2pDueDate: z.string().nullable(),
  p2pScheduledAt: z.number().int().nullable(),
  appealDueDate: z.string().nullable(),
  appealFiledDate: z.string().nullable(),
  finalDenialDate: z.string().nullable(),
  externalReviewDueDate: z.string().nullable(),
  closedReason: z.string().nullable(),
});
export type Authorization = z.infer<typeof authorizationSchema>;
export const createAuthorizationInput = authorizationFields.extend({ patientId: idSchema });
export const updateAuthorizationInput = authorizationFields.partial().extend({
  id: idSchema,
  expectedVersion: z.number().int().min(0).optional(),
});

/** Every patient's authorizations, for the work list: filter by status and by when they end. */
export const listAuthorizationsInput = z.object({
  /** Only these statuses (any when absent). */
  status: z
    .array(z.enum(AUTH_STATUSES, { error: 'Choose a status from the list.' }))
    .min(1, { error: 'Choose at least one status.' })
    .max(AUTH_STATUSES.length)
    .optional(),
  /** Only those whose end date is before this date (so with an end date at all). */
  expiringBefore: calendarDate('date they expire before').optional(),
  /** Only those whose end date is on or after this date (so not ended before it). */
  endingFrom: calendarDate('date they end from').optional(),
  /** A page: `limit` rows after the first `offset`. */
  limit: z.number().int().min(1).max(500).default(25),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export const authorizationListItemSchema = authorizationSchema.extend({
  patientName: z.string(),
  patientMrn: z.string(),
  payerName: z.string().nullable(),
});
export type AuthorizationListItem = z.infer<typeof authorizationListItemSchema>;
/** One page of the work list, with how many match in all ("26–50 of 212"). */
export const authorizationPageSchema = z.object({ rows: z.array(authorizationListItemSchema), total: z.number().int(), offset: z.number().int() });
export type AuthorizationPage = z.infer<typeof authorizationPageSchema>;

// ---------------------------------------------------------------------------------------
// Staff shifts on the infusion floor

export const shiftFields = z.intersection(
  weeklyHoursFields,
  z.object({
    maxConcurrent: z
      .number({ error: 'Enter how many patients this person may supervise at once.' })
      .int({ error: 'Patients supervised at once must be a whole number.' })
      .min(1, { error: 'Patients supervised at once must be at least 1.' })
      .max(20, { error: 'Patients supervised at once can be at most 20.' })
      .default(1),
  }),
);

export const setShiftsInput = z.object({
  staffId: idSchema,
  shifts: z
    .array(shiftFields, { error: 'Send the shifts as a list.' })
    .max(50, { error: 'At most 50 shifts.' })
    .superRefine((shifts, ctx) => {
      for (let j = 0; j < shifts.length; j++) {
        for (let i = 0; i < j; i++) {
          const a = shifts[i]!;
          if (weeklyHoursOverlap(a, shifts[j]!)) {
            ctx.addIssue({ code: 'custom', path: [j, 'startTime'], message: `This shift overlaps ${WEEKDAY_NAMES[a.weekday]} ${a.startTime}-${a.endTime}.` });
            break;
          }
        }
      }
    }),
});

export const shiftSchema = weeklyHoursSchema.extend({ maxConcurrent: z.number().int() });
export const staffShiftsSchema = z.object({
  staffId: idSchema,
  name: z.string(),
  role: z.string(),
  shifts: z.array(shiftSchema),
});

export const conflictsInput = z.object({ from: instant('start'), to: instant('end') });
export const conflictSchema = z.object({
  kind: z.enum(['suite', 'patient', 'supervisor', 'closure']),
  sessionIds: z.array(idSchema),
  reason: z.string(),
  startsAt: z.number().int(),
});

export const dischargeSchema = z.object({
  driverName: z.string(),
  /** E.164, as every phone number is stored. */
  driverPhone: z.string(),
  earlyReason: z.string().nullable(),
});

export const SESSION_STATUS_VALUES = ['scheduled', 'arrived', 'iv_placed', 'infusing', 'recovery', 'discharged', 'no_show', 'cancelled'] as const;
export const CHECKLIST_ITEM_VALUES = ['fasting', 'driver', 'authorization', 'consent'] as const;

export const sessionSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  seriesId: idSchema,
  patientId: idSchema,
  seq: z.number().int(),
  suiteId: idSchema,
  supervisorId: idSchema.nullable(),
  startsAt: z.number().int(),
  infusionStartsAt: z.number().int(),
  recoveryStartsAt: z.number().int(),
  endsAt: z.number().int(),
  status: z.enum(SESSION_STATUS_VALUES),
  statusTimes: z.record(z.string(), z.number()),
  checklist: z.record(
    z.string(),
    z.object({ done: z.boolean(), by: z.string(), at: z.number(), override: z.string().nullish() }),
  ),
  /** Who drives the patient home (recorded at discharge) and why discharge came before the recovery minimum, if it did. */
  discharge: dischargeSchema.nullish(),
});
export const setStatusInput = z.object({
  sessionId: idSchema,
  status: z.enum(SESSION_STATUS_VALUES, { error: 'Choose a status from the list.' }),
  reason: optionalMultilineText('Reason', 500),
  /** When the step happened, if not now (a step recorded afterwards). Checked against the other steps and the clock. */
  at: instant('time of the step').optional(),
  /** Discharge before the recovery minimum needs a reason; it is kept with the session and in its history. */
  earlyReason: optionalText('Reason for discharging early', 500),
  /** Discharge needs a responsible adult driver: their name and phone (DOMAIN.md). */
  driverName: optionalText("Driver's name", 100),
  driverPhone: z
    .string()
    .trim()
    .max(40, { error: "The driver's phone can be at most 40 characters." })
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = normalizePhone(v);
      if (!n) {
        ctx.addIssue({ code: 'custom', message: "Enter the driver's phone with its area code, e.g. (555) 201-4477." });
        return z.NEVER;
      }
      return n;
    }),
  expectedVersion: z.number().int().min(0).optional(),
});
/** Take back the last status step (a mistaken click): the reason is required and kept in the history. */
export const undoStatusInput = z.object({
  sessionId: idSchema,
  reason: requiredText('reason for undoing the step', 500),
  expectedVersion: z.number().int().min(0).optional(),
});
export const updateChecklistInput = z.object({
  sessionId: idSchema,
  item: z.enum(CHECKLIST_ITEM_VALUES, { error: 'Choose fasting, driver, authorization or consent.' }),
  done: z.boolean(),
  override: optionalMultilineText('Override reason', 500),
  expectedVersion: z.number().int().min(0).optional(),
});
export const historyEntrySchema = z.object({
  id: idSchema,
  action: z.string(),
  fromValue: z.record(z.string(), z.unknown()).nullable(),
  toValue: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  byUser: z.string(),
  /** The user's display name, for people reading the history. */
  byName: z.string(),
  at: z.number().int(),
});

export const coverageSchema = z.object({
  covered: z.boolean(),
  label: z.string(),
  outside: z.array(z.object({ seq: z.number().int(), why: z.string() })),
});
export const seriesSessionSchema = sessionSchema.extend({
  suiteName: z.string(),
  supervisorName: z.string().nullable(),
  /** "3 of 6" */
  position: z.string(),
});
export const seriesSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  patientId: idSchema,
  templateId: idSchema.nullable(),
  templateName: z.string().nullable(),
  authorizationId: idSchema.nullable(),
  /** A second authorization the sessions also draw on (e.g. the drug's beside the administration's). */
  alsoAuthorizationId: idSchema.nullable(),
  selfPay: z.boolean(),
  status: z.enum(['planned', 'active', 'completed', 'cancelled']),
  note: z.string().nullable(),
  sessions: z.array(seriesSessionSchema),
  coverage: coverageSchema,
});
export const cancelSeriesInput = z.object({
  seriesId: idSchema,
  reason: requiredMultilineText('reason', 500),
  expectedVersion: z.number().int().min(0).optional(),
});

export const dayListInput = z.object({ date: calendarDate('date') });
export const daySuiteSchema = z.object({
  suiteId: idSchema,
  suiteName: z.string(),
  sessions: z.array(
    seriesSessionSchema.extend({
      patientName: z.string(),
      patientLastName: z.string(),
      patientInitials: z.string(),
      /** The least recovery before discharge without a reason: the series' template figure, else the planned recovery. */
      recoveryMinMinutes: z.number().int(),
    }),
  ),
});
