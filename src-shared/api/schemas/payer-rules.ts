/**
 * Payer rule sets in Settings → Payers (issue 11): the shipped templates
 * (resources/authorizations/payer-rules.json) and the clinic's own copies (payer_rule_sets),
 * which payer uses which, and the confirmation with the payer ("confirmed on <date> by <who>").
 * A saved copy is checked by the same schema as the templates file, and every problem is
 * said in words naming the field ("clocks → appeal (days) must be at least 1").
 */
import { z } from 'zod';
import { payerRuleSetSchema, type PayerRuleSet } from '../../domain/authorizations/payer-rules';
import { fieldWords, ruleSetProblems } from '../../domain/authorizations/payer-rules-file';
import { expectedVersion } from '../method';
import { calendarDate, idSchema, optionalText } from './common';

export const ruleSetKeySchema = z
  .string({ error: 'Choose a payer rule set.' })
  .trim()
  .min(1, { error: 'Choose a payer rule set.', abort: true })
  .max(40, { error: 'A rule set key is at most 40 characters.', abort: true })
  .regex(/^[a-z0-9_]{2,40}$/, { error: 'A rule set key is 2 to 40 lower-case letters, digits or _.' });

/** Who the rule set stands for, and whether the clinic confirmed it with the payer. */
export const ruleSetStateSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** template: the shipped template as it is; clinic: the clinic's own saved copy. */
  source: z.enum(['template', 'clinic']),
  /** A shipped template exists under this key (the clinic's copy can be compared with it). */
  hasTemplate: z.boolean(),
  confirmed: z.boolean(),
  /** The clinic-local date it was confirmed with the payer, YYYY-MM-DD. */
  confirmedOn: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  /** The saved copy's version (send it back when saving), null while only the template exists. */
  version: z.number().int().nullable(),
  /** The copy was stored but no longer reads (e.g. from an older app): the template stands in. */
  unreadable: z.boolean(),
});

/** A payer and the rule set its requests use: chosen in Settings, or guessed from its name. */
export const payerRuleUseSchema = z.object({
  payerId: idSchema,
  payerName: z.string(),
  key: z.string(),
  /** chosen: payers.rule_set_key; guessed: from the name (or 'other'), until someone chooses. */
  how: z.enum(['chosen', 'guessed']),
  payerVersion: z.number().int(),
});

export const ruleSetSummarySchema = ruleSetStateSchema.extend({
  policyReference: z.string(),
  stance: z.string(),
  payers: z.array(payerRuleUseSchema),
});
export type RuleSetSummary = z.infer<typeof ruleSetSummarySchema>;

export const ruleSetDetailSchema = ruleSetStateSchema.extend({
  /** What requests are checked against now (the clinic's copy, else the template). */
  rules: payerRuleSetSchema,
  /** The shipped template under this key, for "back to the template" and comparison. */
  template: payerRuleSetSchema.nullable(),
  payers: z.array(payerRuleUseSchema),
});
export type RuleSetDetail = z.infer<typeof ruleSetDetailSchema>;

/** Words for a field of a rule set, using the evidence item's own label where there is one. */
function labelledFieldWords(path: readonly PropertyKey[], value: unknown): string {
  const words = fieldWords(path);
  if (path[0] !== 'evidence' || typeof path[2] !== 'number') return words;
  const groups = (value as { evidence?: Record<string, unknown> } | null)?.evidence;
  const item = Array.isArray(groups?.[String(path[1])]) ? (groups[String(path[1])] as unknown[])[path[2]] : undefined;
  const label = (item as { label?: unknown } | undefined)?.label;
  if (typeof label !== 'string' || label.trim() === '') return words;
  return [fieldWords(path.slice(0, 2)), `“${label}”`, ...(path.length > 3 ? [fieldWords(path.slice(3))] : [])].join(' → ');
}

/**
 * A rule set as typed in Settings: checked with the templates' own schema, each problem a
 * sentence naming the field ('rules.clocks.appealDays': "Clocks → appeal (days) must be at least 1.").
 */
export const ruleSetInput = z.unknown().transform((value, ctx): PayerRuleSet => {
  const r = payerRuleSetSchema.safeParse(value);
  if (r.success) return r.data;
  const problems = ruleSetProblems(r.error, 12);
  r.error.issues.slice(0, 12).forEach((issue, i) => {
    const plain = problems[i]!.message;
    const named = plain.replace(fieldWords(issue.path), labelledFieldWords(issue.path, value));
    ctx.addIssue({ code: 'custom', path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: `${named.charAt(0).toUpperCase()}${named.slice(1)}.` });
  });
  return z.NEVER;
});

export const saveRuleSetInput = z.object({
  key: ruleSetKeySchema,
  rules: ruleSetInput,
  /** The version the screen read (null: there was no saved copy yet, only the template). */
  expectedVersion: expectedVersion.nullable(),
});

export const confirmRuleSetInput = z.object({
  key: ruleSetKeySchema,
  /** The clinic-local date the rule set was checked with the payer (not in the future). */
  confirmedOn: calendarDate('date it was confirmed with the payer'),
  /** Who checked it with the payer; the signed-in person when left blank. */
  confirmedBy: optionalText('Confirmed by', 120),
  expectedVersion: expectedVersion.nullable(),
});

export const assignRuleSetInput = z.object({
  payerId: idSchema,
  /** null: back to the guess from the payer's name. */
  key: ruleSetKeySchema.nullable(),
  expectedVersion,
});
