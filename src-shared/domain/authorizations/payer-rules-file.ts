/**
 * The shipped payer rule set templates (resources/authorizations/payer-rules.json) as one
 * file, and the plain-words wording of what is wrong with a rule set, used both when the file
 * is checked at start and when a clinic saves its own copy in Settings (the same sentences,
 * each naming the field: "evidence.crps.2.minMonths: must be a whole number of at least 1").
 */
import { z } from 'zod';
import { payerRuleSetSchema } from './payer-rules';

export const payerRulesFileSchema = z
  .object({
    source: z.string().min(1),
    ruleSets: z.array(payerRuleSetSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.ruleSets.forEach((r, i) => {
      if (seen.has(r.key)) ctx.addIssue({ code: 'custom', path: ['ruleSets', i, 'key'], message: `the key ${r.key} is used twice` });
      seen.add(r.key);
    });
    if (!seen.has('other')) ctx.addIssue({ code: 'custom', path: ['ruleSets'], message: 'a rule set with the key "other" is needed (payers without their own use it)' });
  });
export type PayerRulesFile = z.infer<typeof payerRulesFileSchema>;

/** Field names a person reads, for the parts of a rule set. */
const FIELD_WORDS: Record<string, string> = {
  key: 'key',
  name: 'name',
  policy: 'policy',
  reference: 'policy reference',
  title: 'policy title',
  stance: 'policy stance',
  evidence: 'evidence',
  codes: 'codes',
  administration: 'administration codes',
  drug: 'drug codes',
  unitsPerSession: 'units per session',
  submission: 'submission',
  route: 'submission route',
  clocks: 'clocks',
  decisionStandardDays: 'standard decision (days)',
  decisionExpeditedHours: 'expedited decision (hours)',
  appealDays: 'appeal (days)',
  externalReviewMonths: 'external review (months)',
  p2pBusinessDays: 'peer-to-peer window (business days)',
  expiryWarningDays: 'expiry warnings (days)',
  minMonths: 'months',
  min: 'how many',
  label: 'label',
  treatmentKinds: 'treatment kinds',
  codePrefixes: 'ICD-10 code starts',
  instruments: 'instruments',
};

/** "clocks.appealDays" → "clocks → appeal (days)". */
export function fieldWords(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the rule set';
  return path.map((p) => (typeof p === 'number' ? `item ${p + 1}` : (FIELD_WORDS[String(p)] ?? String(p)))).join(' → ');
}

function issueWords(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return /received undefined/.test(i.message) ? 'is missing' : `must be ${i.expected === 'number' ? 'a number' : i.expected === 'string' ? 'text' : `a ${i.expected}`}`;
    case 'too_small':
      return i.origin === 'string' ? 'must not be empty' : i.origin === 'array' ? `needs at least ${String(i.minimum)}` : `must be at least ${String(i.minimum)}`;
    case 'too_big':
      return i.origin === 'array' ? `may hold at most ${String(i.maximum)}` : `must be at most ${String(i.maximum)}`;
    case 'invalid_value':
      return `must be one of: ${i.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'is not a known kind of evidence (diagnosis, budapest, failed_treatment, baseline_score, screening, consultation, prior_response)';
    case 'invalid_format':
      return 'is not in the right form (lower-case letters, digits and _, 2 to 40 characters)';
    default:
      return i.message;
  }
}

/** Every problem with a rule set, one plain sentence each naming the field (at most `max`). */
export function ruleSetProblems(error: z.ZodError, max = 8): { field: string; message: string }[] {
  return error.issues.slice(0, max).map((i) => ({ field: i.path.map(String).join('.'), message: `${fieldWords(i.path)} ${issueWords(i)}` }));
}
