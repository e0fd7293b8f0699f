/**
 * Document type by editable rules (resources/records/type-rules.json). Each rule names a type
 * and the phrases that point to it; a rule fires when at least `minMatches` of its phrases are
 * in the text (accents and case folded, whole words). Of the rules that fire, the one with the
 * most phrases found wins, and on a tie the one written first. The record keeps which rule
 * fired and on which phrases, so a person can see why. Pure.
 */
import { z } from 'zod';
import { RECORD_TYPES, type RecordType } from '../../../../src-shared/api/schemas/records';
import { foldName } from '../../../../src-shared/domain/names';

export const typeRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'A rule id uses lower-case letters, digits and dashes.' }),
  label: z.string().min(1),
  docType: z.enum(RECORD_TYPES),
  phrases: z.array(z.string().trim().min(2, { error: 'A phrase has at least 2 characters.' })).min(1),
  /** Phrases of the list that must be found for the rule to fire (default 1). */
  minMatches: z.number().int().min(1).default(1),
  /** Phrases that stop the rule from firing when found ("template", "blank form"). */
  unless: z.array(z.string().trim().min(2)).default([]),
});

export const typeRulesFileSchema = z
  .object({
    version: z.literal(1),
    /** Where the phrases came from, for the next person who edits them. */
    source: z.string().optional(),
    rules: z.array(typeRuleSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `The rule id ${r.id} is used twice.` });
      seen.add(r.id);
      if (r.minMatches > r.phrases.length) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'minMatches'], message: `minMatches is more than the ${r.phrases.length} phrases listed.` });
      }
    });
  });
export type TypeRulesFile = z.output<typeof typeRulesFileSchema>;
export type TypeRule = z.output<typeof typeRuleSchema>;

export interface CompiledRule extends TypeRule {
  patterns: { phrase: string; re: RegExp }[];
  unlessPatterns: RegExp[];
}

function phraseRegex(phrase: string): RegExp {
  const words = foldName(phrase)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Words in order, separated by anything that is not a letter or digit (line breaks, hyphens).
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u');
}

export function compileTypeRules(file: TypeRulesFile): CompiledRule[] {
  return file.rules.map((r) => ({
    ...r,
    patterns: r.phrases.map((phrase) => ({ phrase, re: phraseRegex(phrase) })),
    unlessPatterns: r.unless.map(phraseRegex),
  }));
}

export interface TypeDecision {
  docType: RecordType;
  ruleId: string | null;
  reason: string;
}

/** The type of a record from its pages (and file name, which counts as text of page 1). */
export function classifyRecord(pages: readonly string[], fileName: string, rules: readonly CompiledRule[]): TypeDecision {
  const folded = pages.map((p) => foldName(p));
  folded[0] = `${foldName(fileName.replace(/[_.]+/g, ' '))}\n${folded[0] ?? ''}`;
  let best: { rule: CompiledRule; hits: { phrase: string; page: number }[] } | null = null;
  for (const rule of rules) {
    if (rule.unlessPatterns.some((re) => folded.some((t) => re.test(t)))) continue;
    const hits: { phrase: string; page: number }[] = [];
    for (const { phrase, re } of rule.patterns) {
      const page = folded.findIndex((t) => re.test(t));
      if (page >= 0) hits.push({ phrase, page: page + 1 });
    }
    if (hits.length >= rule.minMatches && (!best || hits.length > best.hits.length)) best = { rule, hits };
  }
  if (!best) return { docType: 'other', ruleId: null, reason: 'No type rule matched the text.' };
  const shown = best.hits.slice(0, 4).map((h) => `${h.phrase} (page ${h.page})`);
  const more = best.hits.length > 4 ? ` and ${best.hits.length - 4} more` : '';
  return {
    docType: best.rule.docType,
    ruleId: best.rule.id,
    reason: `Rule "${best.rule.label}" fired on: ${shown.join(', ')}${more}.`,
  };
}
