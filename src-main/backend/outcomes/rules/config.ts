/** Outcomes configuration: everything a clinic may change. Pure schema + a loader for the JSON. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const comparisonRuleSchema = z.enum(['mean_last_n_before', 'last_before', 'after_last_session']);

export const outcomesConfigSchema = z.object({
  version: z.literal(1),
  sources: z.record(z.string(), z.string()),
  followUps: z
    .array(z.object({ label: z.string().min(1), offsetDays: z.number().int().positive(), toleranceDays: z.number().int().nonnegative() }))
    .min(1),
  comparison: z.object({ instrument: z.string().min(1), rule: comparisonRuleSchema, n: z.number().int().positive() }),
  categories: z
    .object({ minimalPercent: z.number().positive(), moderatePercent: z.number().positive(), substantialPercent: z.number().positive() })
    .refine((c) => c.minimalPercent < c.moderatePercent && c.moderatePercent < c.substantialPercent, 'thresholds must increase'),
  review: z.object({ minReductionPercent: z.number().positive(), afterSessionSeq: z.number().int().positive().nullable(), atEndOfSeries: z.boolean() }),
  due: z.object({
    afterInfusion: z.object({ instrument: z.string(), dueBy: z.literal('discharge') }),
    beforeInfusion: z.object({ instrument: z.string(), dueBy: z.literal('iv_placement') }),
    followUp: z.object({ instrument: z.string() }),
  }),
  timeZone: z.string().min(1),
});
export type OutcomesConfig = z.infer<typeof outcomesConfigSchema>;
export type ComparisonRule = z.infer<typeof comparisonRuleSchema>;

export function parseOutcomesConfig(json: unknown): OutcomesConfig {
  return outcomesConfigSchema.parse(json);
}

/** The only I/O here: read and validate the resources JSON. */
export function loadOutcomesConfig(path: string): OutcomesConfig {
  return parseOutcomesConfig(JSON.parse(readFileSync(path, 'utf8')));
}
