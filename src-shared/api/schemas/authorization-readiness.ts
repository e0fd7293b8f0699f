/**
 * Readiness of a prior authorization request and the work list of patients waiting on an
 * authorization (issue 11, part R). The rule itself is pure
 * (src-shared/domain/authorizations/readiness.ts); these are its shapes over the API.
 */
import { z } from 'zod';
import { DIAGNOSIS_GROUPS } from './intake';
import { AUTH_STATUSES } from './series';
import { idSchema } from './common';

export const fixAtSchema = z.object({
  /** Hash route of the screen where it is fixed (#/patients/<id>, #/authorizations/<id>, #/settings/staff...). */
  route: z.string(),
  /** The chart section (intake section, coverage, request, staff, payer_rules, outcomes, consultation). */
  section: z.string(),
  /** Where, in words: "Intake → Prior treatments". */
  place: z.string(),
});

export const readinessItemSchema = z.object({
  key: z.string(),
  kind: z.string(),
  label: z.string(),
  met: z.boolean(),
  detail: z.string(),
  /** The words the summary uses when not met ("failed sympathetic block not recorded"). */
  missing: z.string().nullable(),
  fixAt: fixAtSchema,
});
export type ReadinessItemOut = z.infer<typeof readinessItemSchema>;

/** The payer rule set a request was checked against, and whether the clinic has confirmed it. */
export const usedRuleSetSchema = z.object({
  key: z.string(),
  name: z.string(),
  policyReference: z.string(),
  policyTitle: z.string(),
  stance: z.string(),
  /** template: the shipped template as is; clinic: the clinic's own copy. */
  source: z.enum(['template', 'clinic']),
  confirmed: z.boolean(),
  /** True until someone confirmed it with the payer: the screens say "Template — confirm with the payer". */
  needsConfirmation: z.boolean(),
  confirmedAt: z.number().int().nullable(),
  confirmedBy: z.string().nullable(),
});

export const readinessSchema = z.object({
  authorizationId: idSchema,
  patientId: idSchema,
  status: z.enum(AUTH_STATUSES),
  ruleSet: usedRuleSetSchema,
  diagnosisGroup: z.enum(DIAGNOSIS_GROUPS).nullable(),
  ready: z.boolean(),
  /** "ready: all 14 items met" or "not ready: failed sympathetic block not recorded". */
  summary: z.string(),
  items: z.array(readinessItemSchema),
  met: z.number().int(),
  total: z.number().int(),
  /** The clinic-local day it was checked on (ongoing treatments count up to it). */
  checkedOn: z.string(),
});
export type ReadinessOut = z.infer<typeof readinessSchema>;

/** What holds a patient's series back, from the first step to the last. */
export const WAITING_BLOCKERS = ['no_request', 'not_ready', 'to_send', 'waiting_payer', 'needs_review', 'denied', 'partly_approved'] as const;
export type WaitingBlocker = (typeof WAITING_BLOCKERS)[number];

export const waitingListInput = z.object({
  /** Only patients held back by this. */
  blocker: z.enum(WAITING_BLOCKERS, { error: 'Choose what holds the patients back from the list.' }).optional(),
  limit: z.number().int().min(1).max(200).default(25),
  offset: z.number().int().min(0).default(0),
});

export const waitingItemSchema = z.object({
  patientId: idSchema,
  patientName: z.string(),
  patientMrn: z.string(),
  payerName: z.string().nullable(),
  /** The request it waits on (the latest open one), null with no request yet. */
  authorizationId: idSchema.nullable(),
  status: z.enum(AUTH_STATUSES).nullable(),
  blocker: z.enum(WAITING_BLOCKERS),
  /** What holds it back, in a sentence ("Request not ready: failed sympathetic block not recorded"). */
  text: z.string(),
  /** The first missing items (readiness), for no request yet and a request not ready. */
  missing: z.array(z.string()),
  missingCount: z.number().int(),
  /** Since when it has waited like this (the last step, or the chart's first diagnosis). */
  since: z.number().int(),
  /** Other open requests of the same patient (e.g. drug and administration asked for apart). */
  otherOpenRequests: z.number().int(),
});
export type WaitingItem = z.infer<typeof waitingItemSchema>;

export const waitingPageSchema = z.object({
  items: z.array(waitingItemSchema),
  total: z.number().int(),
  offset: z.number().int(),
  /** Patients held back by each, whatever the filter. */
  counts: z.record(z.enum(WAITING_BLOCKERS), z.number().int()),
});
export type WaitingPage = z.infer<typeof waitingPageSchema>;
