/**
 * The decision and appeal clocks an authorization's deadlines run on: its payer rule set's.
 *
 * TEMPLATE_FALLBACK_CLOCKS stands in until the rule-set loader (rule-sets.ts, `ruleSetFor`)
 * answers for a key: the figures the shipped templates start from, labelled as fallback so
 * nobody takes them for a payer's confirmed rules. Sources: CMS-0057-F (7 calendar days
 * standard, 72 hours expedited, for Medicare Advantage, Medicaid/CHIP and federal-exchange
 * plans); 29 CFR 2560.503-1 (pre-service claims: 15 days standard, 72 hours urgent; appeals
 * within 180 days); 45 CFR 147.136 (external review within 4 months of the final denial).
 */
import type { PayerClocks } from '../../../src-shared/domain/authorizations/payer-rules';
import type { HandlerContext } from '../api/context';

const COMMON = { appealDays: 180, externalReviewMonths: 4, p2pBusinessDays: 5, expiryWarningDays: [14, 7] };

/** Fallback figures per rule-set key family: government payers under CMS-0057-F, everyone else ERISA's. */
export const TEMPLATE_FALLBACK_CLOCKS: Readonly<Record<'cms' | 'commercial', PayerClocks>> = {
  cms: { cms0057f: true, decisionStandardDays: 7, decisionExpeditedHours: 72, ...COMMON },
  commercial: { cms0057f: false, decisionStandardDays: 15, decisionExpeditedHours: 72, ...COMMON },
};

const CMS_KEYS = /^(medicare|medicaid|chip|ma_|medicare_|medicaid_)/;

export function fallbackClocks(key: string | null): PayerClocks {
  return key && CMS_KEYS.test(key) ? TEMPLATE_FALLBACK_CLOCKS.cms : TEMPLATE_FALLBACK_CLOCKS.commercial;
}

/** The rule-set key an authorization is checked against: its own, else its payer's, else 'other'. */
export function ruleSetKeyOf(ctx: Pick<HandlerContext, 'sqlite'>, a: { ruleSetKey: string | null; payerId: string | null }): string {
  if (a.ruleSetKey) return a.ruleSetKey;
  if (a.payerId) {
    const row = ctx.sqlite.prepare('SELECT rule_set_key AS k FROM payers WHERE id = ?').get(a.payerId) as { k: string | null } | undefined;
    if (row?.k) return row.k;
  }
  return 'other';
}

/** The clocks for an authorization. */
export function clocksFor(ctx: Pick<HandlerContext, 'sqlite'>, a: { ruleSetKey: string | null; payerId: string | null }): PayerClocks {
  return fallbackClocks(ruleSetKeyOf(ctx, a));
}
