/**
 * Interaction flags for a drug name, from the rules in resources/intake/interactions.json.
 * A term matches as whole words, ignoring case, accents and punctuation: "Ativan 1 mg" and
 * "LORAZEPAM" match, "clonazepamide" does not match clonazepam. One flag per rule, naming
 * the word that fired. Pure.
 */
import type { InteractionFlag, InteractionRule } from '../../../../src-shared/api/schemas/intake';
import { foldWords, hasWholeWords } from './words';

interface CompiledRule {
  rule: InteractionRule;
  terms: string[];
}

const compiledCache = new WeakMap<readonly InteractionRule[], CompiledRule[]>();

function compile(rules: readonly InteractionRule[]): CompiledRule[] {
  let c = compiledCache.get(rules);
  if (!c) {
    c = rules.map((rule) => ({ rule, terms: [...new Set(rule.match.map(foldWords).filter(Boolean))] }));
    compiledCache.set(rules, c);
  }
  return c;
}

export function interactionFlags(drug: string, rules: readonly InteractionRule[]): InteractionFlag[] {
  const folded = foldWords(drug);
  if (!folded) return [];
  const flags: InteractionFlag[] = [];
  for (const { rule, terms } of compile(rules)) {
    const matched = terms.find((t) => hasWholeWords(folded, t));
    if (matched) {
      flags.push({ ruleId: rule.id, name: rule.name, severity: rule.severity, why: rule.why, source: rule.source, matched });
    }
  }
  // "review" before "caution": the ones a physician must look at come first.
  return flags.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'review' ? -1 : 1));
}
