/**
 * The decision and appeal clocks an authorization's deadlines run on: its payer rule set's
 * (the clinic's confirmed copy, else the shipped template; rule-sets.ts). The authorization's
 * own rule-set key wins over its payer's, as the request was checked against it.
 */
import type { PayerClocks } from '../../../src-shared/domain/authorizations/payer-rules';
import type { HandlerContext } from '../api/context';
import { ruleSetFor } from './rule-sets';

export function clocksFor(ctx: Pick<HandlerContext, 'sqlite'>, a: { ruleSetKey: string | null; payerId: string | null }): PayerClocks {
  return ruleSetFor(ctx, a.ruleSetKey ?? a.payerId).rules.clocks;
}
