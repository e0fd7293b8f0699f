/** Outcomes configuration: everything a clinic may change. Pure schema + a loader for the JSON. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const comparisonRuleSchema = z.enum(['mean_last_n_before', 'last_before', 'after_last_session']);

const followUpSchema = z.object({
  /** Stored with each follow-up score: renaming the label later does not orphan old scores. */
  key: z.string().regex(/^[a-z0-9_]+$/, 'a key of lower-case letters, digits and _'),
  label: z.string().min(1),
  offsetDays: z.number().int().positive(),
  toleranceDays: z.number().int().nonnegative(),
});

export const outcomesConfigSchema = z.object({
  version: z.literal(1),
  sources: z.record(z.string(), z.string()),
  followUps: z
    .array(followUpSchema)
    .min(1)
    .refine((f) => new Set(f.map((x) => x.key)).size === f.length, 'follow-up keys must be unique')
    .refine((f) => f.every((x, i) => i === 0 || x.offsetDays > f[i - 1]!.offsetDays), 'follow-ups must be in order of their offset'),
  comparison: z.object({ instrument: z.string().min(1), rule: comparisonRuleSchema, n: z.number().int().positive() }),
  categories: z
    .object({ minimalPercent: z.number().positive(), moderatePercent: z.number().positive(), substantialPercent: z.number().positive() })
    .refine((c) => c.minimalPercent < c.moderatePercent && c.moderatePercent < c.substantialPercent, 'thresholds must increase'),
  review: z.object({ minReductionPercent: z.number().positive(), afterSessionSeq: z.number().int().positive().nullable(), atEndOfSeries: z.boolean() }),
  due: z.object({
    afterInfusion: z.object({ instrument: z.string(), dueBy: z.literal('discharge') }),
    beforeInfusion: z.object({ instrument: z.string(), dueBy: z.literal('iv_placement') }),
    followUp: z.object({ instrument: z.string() }),
    /** An item more than this many days past due drops off the work list (too late to take). */
    listForDays: z.number().int().positive().default(14),
  }),
  pgicAnswers: z
    .array(z.object({ value: z.number().int().min(1).max(7), label: z.string().min(1) }))
    .length(7)
    .refine((a) => a.every((x, i) => x.value === i + 1), 'PGIC answers are 1 to 7 in order'),
  /** Formatting zone for the rules' wording; the service sets the clinic's own zone. */
  timeZone: z.string().min(1).default('UTC'),
});
export type OutcomesConfig = z.output<typeof outcomesConfigSchema>;
export type ComparisonRule = z.infer<typeof comparisonRuleSchema>;
export type FollowUpDef = z.infer<typeof followUpSchema>;

export function parseOutcomesConfig(json: unknown): OutcomesConfig {
  return outcomesConfigSchema.parse(json);
}

/** The only I/O here: read and validate the resources JSON. */
export function loadOutcomesConfig(path: string): OutcomesConfig {
  return parseOutcomesConfig(JSON.parse(readFileSync(path, 'utf8')));
}
