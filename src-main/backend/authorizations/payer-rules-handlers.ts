/**
 * Settings → Payers, the payer rule sets (issue 11): the templates shipped in
 * resources/authorizations/payer-rules.json and the clinic's own copies in payer_rule_sets.
 * A copy is saved over the template (checked by the same schema at the API boundary); any
 * change to it withdraws an earlier confirmation, since what was confirmed with the payer is
 * no longer what is saved. Requests read the result through ruleSetFor (rule-sets.ts).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { RuleSetDetail, RuleSetSummary } from '../../../src-shared/api/schemas/payer-rules';
import { payerRuleSetSchema, type PayerRuleSet } from '../../../src-shared/domain/authorizations/payer-rules';
import { guessRuleSetKey } from '../../../src-shared/domain/authorizations/rule-set-key';
import { localDateAt, startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { readSettings } from '../clinic/service';
import { payers } from '../clinic/schema';
import { insertRow, updateRow } from '../db/mutate';
import { stableId } from '../db/stable-id';
import { payerRuleTemplate, payerRuleTemplates } from './payer-rules-file';
import { storedRuleSet } from './rule-sets';
import { payerRuleSets } from './schema';

interface Stored {
  id: string;
  key: string;
  rules: unknown;
  confirmedAt: number | null;
  confirmedBy: string | null;
  version: number;
}

function stored(ctx: HandlerContext, key: string): Stored | undefined {
  return ctx.db
    .select({
      id: payerRuleSets.id,
      key: payerRuleSets.key,
      rules: payerRuleSets.rules,
      confirmedAt: payerRuleSets.confirmedAt,
      confirmedBy: payerRuleSets.confirmedBy,
      version: payerRuleSets.version,
    })
    .from(payerRuleSets)
    .where(and(eq(payerRuleSets.key, key), isNull(payerRuleSets.deletedAt)))
    .get();
}

/**
 * The clinic's copy of a key has one id on every computer: two computers that each save or
 * confirm a template while offline write the same row (merged field by field when they sync)
 * instead of two rows refused by the unique key.
 */
const copyId = (key: string) => stableId('payer_rule_sets', key);

function allStoredKeys(ctx: HandlerContext): string[] {
  return ctx.db.select({ key: payerRuleSets.key }).from(payerRuleSets).where(isNull(payerRuleSets.deletedAt)).all().map((r) => r.key);
}

const isKnown = (ctx: HandlerContext, key: string) => payerRuleTemplate(key) !== undefined || storedRuleSet(ctx, key) !== undefined;

/** Which payers use which rule set: their own choice, else the guess from the name, else 'other'. */
function payerUses(ctx: HandlerContext) {
  return ctx.db
    .select({ id: payers.id, name: payers.name, ruleSetKey: payers.ruleSetKey, version: payers.version })
    .from(payers)
    .where(isNull(payers.deletedAt))
    .orderBy(sql`lower(${payers.name})`)
    .all()
    .map((p) => ({
      payerId: p.id,
      payerName: p.name,
      key: p.ruleSetKey ?? guessRuleSetKey(p.name) ?? 'other',
      how: p.ruleSetKey ? ('chosen' as const) : ('guessed' as const),
      payerVersion: p.version,
    }));
}

interface Resolved {
  rules: PayerRuleSet;
  state: Omit<RuleSetSummary, 'policyReference' | 'stance' | 'payers'>;
}

function resolve(ctx: HandlerContext, key: string, zone: string): Resolved | null {
  const template = payerRuleTemplate(key);
  const row = stored(ctx, key);
  const parsed = row ? payerRuleSetSchema.safeParse(row.rules) : null;
  const rules = parsed?.success ? parsed.data : template;
  if (!rules) return null;
  const clinic = parsed?.success === true;
  return {
    rules,
    state: {
      key,
      name: rules.name,
      source: clinic ? 'clinic' : 'template',
      hasTemplate: template !== undefined,
      confirmed: clinic && row!.confirmedAt !== null,
      confirmedOn: clinic && row!.confirmedAt !== null ? localDateAt(zone, row!.confirmedAt) : null,
      confirmedBy: clinic ? row!.confirmedBy : null,
      version: row?.version ?? null,
      unreadable: parsed !== null && !parsed.success,
    },
  };
}

function detail(ctx: HandlerContext, key: string): RuleSetDetail {
  const zone = readSettings(ctx).timeZone;
  const r = resolve(ctx, key, zone);
  if (!r) throw ApiError.notFound(`The payer rule set ${key}`);
  return { ...r.state, rules: r.rules, template: payerRuleTemplate(key) ?? null, payers: payerUses(ctx).filter((p) => p.key === key) };
}

/** The stored copy's version must be the one the screen read (null: it read the template alone). */
function checkVersion(row: Stored | undefined, expected: number | null | undefined, name: string): void {
  if (expected === undefined) return;
  if ((row?.version ?? null) !== expected) {
    throw new ApiError(
      'CONFLICT',
      `The rule set ${name} was changed by someone else after you opened it. Reload to see the latest, then make your change again.`,
    );
  }
}

export const payerRuleHandlers: PartialHandlers = {
  'payerRules.list': (_input, ctx) => {
    const zone = readSettings(ctx).timeZone;
    const uses = payerUses(ctx);
    const keys = [...new Set([...payerRuleTemplates().map((t) => t.key), ...allStoredKeys(ctx)])];
    const out: RuleSetSummary[] = [];
    for (const key of keys) {
      const r = resolve(ctx, key, zone);
      if (!r) continue; // a stored copy that no longer reads, with no template behind it: nothing to show
      out.push({ ...r.state, policyReference: r.rules.policy.reference, stance: r.rules.policy.stance, payers: uses.filter((p) => p.key === key) });
    }
    // 'other' last: it is the catch-all for payers without their own.
    return out.sort((a, b) => Number(a.key === 'other') - Number(b.key === 'other') || a.name.localeCompare(b.name));
  },

  'payerRules.get': ({ key }, ctx) => detail(ctx, key),

  'payerRules.save': ({ key, rules, expectedVersion }, ctx) => {
    if (rules.key !== key) {
      throw ApiError.validation('rules.key', `The rule set’s key cannot change (it is ${key}); save a new rule set under its own key instead.`);
    }
    const row = stored(ctx, key);
    checkVersion(row, expectedVersion, rules.name);
    // The clinic's copy is not the shipped template any more, whatever the typed copy said.
    const copy: PayerRuleSet = { ...rules, template: false };
    if (!row) {
      insertRow(ctx, payerRuleSets, { id: copyId(key), key, name: copy.name, rules: copy as unknown as Record<string, unknown>, confirmedAt: null, confirmedBy: null });
    } else {
      const same = JSON.stringify(row.rules) === JSON.stringify(copy);
      updateRow(
        ctx,
        payerRuleSets,
        row.id,
        // What was confirmed with the payer is no longer what is saved: the confirmation goes.
        { name: copy.name, rules: copy as unknown as Record<string, unknown>, ...(same ? {} : { confirmedAt: null, confirmedBy: null }) },
        { what: `The rule set ${copy.name}` },
      );
    }
    return detail(ctx, key);
  },

  'payerRules.assign': ({ payerId, key, expectedVersion }, ctx) => {
    if (key !== null && !isKnown(ctx, key)) throw ApiError.validation('key', `There is no payer rule set called ${key}. Choose one from the list.`);
    return updateRow(ctx, payers, payerId, { ruleSetKey: key }, { expectedVersion, what: 'This payer' });
  },

  'payerRules.confirm': ({ key, confirmedOn, confirmedBy, expectedVersion }, ctx) => {
    const zone = readSettings(ctx).timeZone;
    const today = localDateAt(zone, ctx.now());
    if (confirmedOn > today) throw ApiError.validation('confirmedOn', 'The date it was confirmed with the payer cannot be in the future.');
    const r = resolve(ctx, key, zone);
    if (!r) throw ApiError.notFound(`The payer rule set ${key}`);
    if (r.state.unreadable) {
      throw ApiError.validation('key', `The clinic’s saved copy of ${r.rules.name} no longer reads; save it again before confirming it.`);
    }
    const row = stored(ctx, key);
    checkVersion(row, expectedVersion, r.rules.name);
    const fields = { confirmedAt: startOfLocalDay(zone, confirmedOn), confirmedBy: confirmedBy ?? ctx.user.displayName };
    ctx.sqlite.transaction(() => {
      if (row) updateRow(ctx, payerRuleSets, row.id, fields, { what: `The rule set ${r.rules.name}` });
      else {
        const copy: PayerRuleSet = { ...r.rules, template: false };
        insertRow(ctx, payerRuleSets, { id: copyId(key), key, name: copy.name, rules: copy as unknown as Record<string, unknown>, ...fields });
      }
    })();
    return detail(ctx, key);
  },
};
