/**
 * A payer rule set: what one payer's prior authorization asks for, as editable data. The
 * templates ship in resources/authorizations/payer-rules.json (checked against this schema at
 * start) and are labelled as templates: a clinic confirms each with its payers (Settings →
 * Payers), and the confirmed copy lives in payer_rule_sets. Nothing here is a statement of a
 * payer's current policy (DOMAIN.md, "Prior authorization reference").
 */
import { z } from 'zod';
import { DIAGNOSIS_GROUPS, SCORE_INSTRUMENTS, TREATMENT_KINDS, TREATMENT_OUTCOMES } from '../../api/schemas/intake';

/** One piece of evidence a payer wants for a diagnosis group; `label` is what the desk reads. */
export const evidenceRequirementSchema = z.discriminatedUnion('kind', [
  /** A diagnosis on the chart whose ICD-10-CM code starts with one of these (e.g. G90.5). */
  z.object({ kind: z.literal('diagnosis'), label: z.string().min(1), codePrefixes: z.array(z.string().min(1)).min(1) }),
  /** A Budapest evaluation that meets the clinical (or research) criteria, with its items. */
  z.object({ kind: z.literal('budapest'), label: z.string().min(1), criteria: z.enum(['clinical', 'research']).default('clinical') }),
  /**
   * Treatments tried and failed: at least `min` of these kinds with these outcomes (failed,
   * intolerant, ...), each with dates; `minMonths` the span they must cover together
   * (e.g. > 3 months of conservative therapy); `nameMatches` narrows by name words
   * (e.g. "sympathetic" for sympathetic blocks).
   */
  z.object({
    kind: z.literal('failed_treatment'),
    label: z.string().min(1),
    treatmentKinds: z.array(z.enum(TREATMENT_KINDS)).min(1),
    outcomes: z.array(z.enum(TREATMENT_OUTCOMES)).min(1).default(['failed', 'intolerant', 'partial_relief']),
    nameMatches: z.array(z.string().min(1)).optional(),
    min: z.number().int().min(1).default(1),
    minMonths: z.number().int().min(1).optional(),
  }),
  /** A baseline score on one of these instruments (NRS, VAS, a function scale). */
  z.object({ kind: z.literal('baseline_score'), label: z.string().min(1), instruments: z.array(z.enum(SCORE_INSTRUMENTS)).min(1) }),
  /** The ketamine screening (contraindications) completed. */
  z.object({ kind: z.literal('screening'), label: z.string().min(1) }),
  /** The physician's consultation held (its note is part of the package). */
  z.object({ kind: z.literal('consultation'), label: z.string().min(1) }),
  /** For a renewal: the response of the last series (IMMPACT category from outcomes). */
  z.object({ kind: z.literal('prior_response'), label: z.string().min(1), minPercent: z.number().min(0).max(100).default(30) }),
]);
export type EvidenceRequirement = z.infer<typeof evidenceRequirementSchema>;

export const serviceLineSchema = z.object({
  code: z.string().min(1),
  system: z.enum(['CPT', 'HCPCS']),
  unitsPerSession: z.number().int().min(1),
  description: z.string().optional(),
});

/** Decision and appeal clocks; every figure configurable per payer (and per state for external review). */
export const payerClocksSchema = z.object({
  /** The payer is under CMS-0057-F (Medicare Advantage, Medicaid/CHIP, federal-exchange plans). */
  cms0057f: z.boolean(),
  /** Standard decision: calendar days from submission (CMS-0057-F: 7). */
  decisionStandardDays: z.number().int().min(1).max(90),
  /** Expedited decision: hours from submission (CMS-0057-F: 72). */
  decisionExpeditedHours: z.number().int().min(1).max(720),
  /** Internal appeal: calendar days from the denial (ERISA/ACA: at least 180). */
  appealDays: z.number().int().min(1).max(730),
  /** External review: months after the final internal denial (45 CFR 147.136: 4; states differ). */
  externalReviewMonths: z.number().int().min(1).max(24),
  /** Peer-to-peer: business days after the denial the payer takes requests (about 5-14). */
  p2pBusinessDays: z.number().int().min(1).max(60),
  /** Warn this many days before an authorization ends while sessions are booked after it. */
  expiryWarningDays: z.array(z.number().int().min(1).max(90)).default([14, 7]),
});
export type PayerClocks = z.infer<typeof payerClocksSchema>;

export const payerRuleSetSchema = z.object({
  /** Stable key payers point at (payers.rule_set_key): aetna, cigna, uhc, bcbs, medicare, medicaid, other. */
  key: z.string().regex(/^[a-z0-9_]{2,40}$/),
  name: z.string().min(1),
  /** True for the shipped templates: shown as "template: confirm with the payer". */
  template: z.boolean(),
  policy: z.object({
    reference: z.string().min(1),
    title: z.string().min(1),
    /** The payer's stance in a sentence, e.g. "IV ketamine for chronic pain: investigational". */
    stance: z.string().min(1),
    source: z.string().optional(),
  }),
  evidence: z.partialRecord(z.enum(DIAGNOSIS_GROUPS), z.array(evidenceRequirementSchema)),
  codes: z.object({ administration: z.array(serviceLineSchema).min(1), drug: z.array(serviceLineSchema) }),
  submission: z.object({ route: z.enum(['portal', 'fax', 'electronic', 'phone', 'mail']), where: z.string().optional() }),
  clocks: payerClocksSchema,
});
export type PayerRuleSet = z.infer<typeof payerRuleSetSchema>;
