/**
 * The payer rule set a request is checked against: the clinic's own copy from payer_rule_sets
 * (edited, and confirmed with the payer or not yet), else the shipped template, else 'other'.
 * A payer id resolves through payers.rule_set_key, or, while that is empty, a guess from the
 * payer's name (src-shared/domain/authorizations/rule-set-key.ts).
 */
import { payerRuleSetSchema, type PayerRuleSet } from '../../../src-shared/domain/authorizations/payer-rules';
import { guessRuleSetKey } from '../../../src-shared/domain/authorizations/rule-set-key';
import type { HandlerContext } from '../api/context';
import { preparedSql } from '../db/prepared';
import { payerRuleTemplate } from './payer-rules-file';

type Ctx = Pick<HandlerContext, 'sqlite'>;

export interface ResolvedRuleSet {
  rules: PayerRuleSet;
  /** True once someone confirmed the clinic's copy with the payer (Settings → Payers). */
  confirmed: boolean;
  key: string;
  /** template: the shipped template as is; clinic: the clinic's saved copy. */
  source: 'template' | 'clinic';
  confirmedAt: number | null;
  confirmedBy: string | null;
  /** The stored row's version (for saving over it), null while only the template exists. */
  version: number | null;
}

interface StoredRow {
  key: string;
  rules: string;
  confirmedAt: number | null;
  confirmedBy: string | null;
  version: number;
}

export function storedRuleSet(ctx: Ctx, key: string): StoredRow | undefined {
  return preparedSql(
    ctx.sqlite,
    `SELECT key, rules, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy, version FROM payer_rule_sets WHERE key = ? AND deleted_at IS NULL`,
  ).get(key) as StoredRow | undefined;
}

/** The key a payer's requests use: its own, else the guess from its name, else 'other'. */
export function ruleSetKeyForPayer(ctx: Ctx, payerId: string): string | null {
  const p = preparedSql(ctx.sqlite, `SELECT name, rule_set_key AS k FROM payers WHERE id = ?`).get(payerId) as { name: string; k: string | null } | undefined;
  if (!p) return null;
  return p.k ?? guessRuleSetKey(p.name) ?? 'other';
}

function knownKey(ctx: Ctx, key: string): boolean {
  return payerRuleTemplate(key) !== undefined || storedRuleSet(ctx, key) !== undefined;
}

/** Resolve a rule-set key or a payer id; anything unknown falls back to 'other'. */
export function ruleSetFor(ctx: Ctx, keyOrPayer: string | null | undefined): ResolvedRuleSet {
  let key = 'other';
  if (keyOrPayer) {
    if (knownKey(ctx, keyOrPayer)) key = keyOrPayer;
    else {
      const fromPayer = ruleSetKeyForPayer(ctx, keyOrPayer);
      if (fromPayer && knownKey(ctx, fromPayer)) key = fromPayer;
    }
  }
  const row = storedRuleSet(ctx, key);
  if (row) {
    const parsed = payerRuleSetSchema.safeParse(JSON.parse(row.rules));
    // A stored copy that no longer reads (e.g. synced from an older version) is not used: the template stands in.
    if (parsed.success) {
      return {
        rules: parsed.data,
        confirmed: row.confirmedAt !== null,
        key,
        source: 'clinic',
        confirmedAt: row.confirmedAt,
        confirmedBy: row.confirmedBy,
        version: row.version,
      };
    }
  }
  const template = payerRuleTemplate(key) ?? payerRuleTemplate('other')!;
  return { rules: template, confirmed: false, key: template.key, source: 'template', confirmedAt: null, confirmedBy: null, version: row?.version ?? null };
}
