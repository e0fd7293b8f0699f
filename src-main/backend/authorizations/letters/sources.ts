/**
 * Where a letter's chart evidence and payer rule set come from: P1's loaders
 * (authorizations/evidence.ts loadChartEvidence, rule-sets.ts ruleSetFor: the clinic's confirmed
 * copy, else the shipped template). One seam, so tests can put a fixture chart here.
 */
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import type { PayerRuleSet } from '../../../../src-shared/domain/authorizations/payer-rules';
import type { HandlerContext } from '../../api/context';
import { loadChartEvidence } from '../evidence';
import { ruleSetFor } from '../rule-sets';

export interface LetterSources {
  evidence(ctx: HandlerContext, patientId: string): ChartEvidence | null;
  ruleSet(ctx: HandlerContext, ruleSetKey: string | null, payerId: string | null): PayerRuleSet | null;
}

export const DEFAULT_LETTER_SOURCES: Readonly<LetterSources> = {
  evidence: (ctx, patientId) => loadChartEvidence(ctx, patientId),
  ruleSet: (ctx, ruleSetKey, payerId) => ruleSetFor(ctx, ruleSetKey ?? payerId).rules,
};

export const letterSources: LetterSources = { ...DEFAULT_LETTER_SOURCES };
