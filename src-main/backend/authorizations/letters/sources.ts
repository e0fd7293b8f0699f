/**
 * Where a letter's chart evidence and payer rule set come from. They are P1's loaders
 * (authorizations/evidence.ts loadChartEvidence, rule-sets.ts ruleSetFor); until those are on
 * main this reads nothing and the provider appeal is refused for lack of evidence, naming it.
 * Tests put a fixture here.
 */
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import type { PayerRuleSet } from '../../../../src-shared/domain/authorizations/payer-rules';
import type { HandlerContext } from '../../api/context';

export interface LetterSources {
  evidence(ctx: HandlerContext, patientId: string): ChartEvidence | null;
  ruleSet(ctx: HandlerContext, ruleSetKey: string | null, payerId: string | null): PayerRuleSet | null;
}

export const letterSources: LetterSources = {
  evidence: () => null,
  ruleSet: () => null,
};
