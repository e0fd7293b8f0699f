/**
 * Interaction flags for a drug name, from the rules in resources/intake/interactions.json.
 * A term matches as whole words, ignoring case, accents and punctuation: "Ativan 1 mg" and
 * "LORAZEPAM" match, "clonazepamide" does not match clonazepam. One flag per rule, naming
 * the word that fired. Pure.
 */
import type { InteractionFlag, InteractionRule } from '../../../../src-shared/api/schemas/intake';
import { foldWords } from './words';

interface CompiledRule {
  rule: InteractionRule;
  terms: string[];
  /** Each term with a space either side, for the whole-word test against the padded drug name. */
  padded: string[];
}

const compiledCache = new WeakMap<readonly InteractionRule[], CompiledRule[]>();

function compile(rules: readonly InteractionRule[]): CompiledRule[] {
  let c = compiledCache.get(rules);
  if (!c) {
    c = rules.map((rule) => {
      const terms = [...new Set(rule.match.map(foldWords).filter(Boolean))];
      return { rule, terms, padded: terms.map((t) => ` ${t} `) };
    });
    compiledCache.set(rules, c);
  }
  return c;
}

export function interactionFlags(drug: string, rules: readonly InteractionRule[]): InteractionFlag[] {
  const folded = foldWords(drug);
  if (!folded) return [];
  const flags: InteractionFlag[] = [];
  // hasWholeWords(folded, term), with the name padded once instead of once per term.
  const padded = ` ${folded} `;
  for (const { rule, terms, padded: paddedTerms } of compile(rules)) {
    const k = paddedTerms.findIndex((t) => padded.includes(t));
    const matched = k < 0 ? undefined : terms[k];
    if (matched) {
      flags.push({ ruleId: rule.id, name: rule.name, severity: rule.severity, why: rule.why, source: rule.source, matched });
    }
  }
  // "review" before "caution": the ones a physician must look at come first.
  return flags.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'review' ? -1 : 1));
}
