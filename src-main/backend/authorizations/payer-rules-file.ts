/**
 * The shipped payer rule set templates (resources/authorizations/payer-rules.json): read once
 * and checked; a broken file stops start-up with a message naming the file and its fields.
 *
 * Where the file is, first match wins: setPayerRulesPath (tests), $DESK_RESOURCES_DIR/authorizations
 * (packaged app), then the nearest resources/authorizations above this file (source tree, dev builds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PayerRuleSet } from '../../../src-shared/domain/authorizations/payer-rules';
import { payerRulesFileSchema, ruleSetProblems, type PayerRulesFile } from '../../../src-shared/domain/authorizations/payer-rules-file';

export class PayerRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayerRulesError';
  }
}

const FILE = join('authorizations', 'payer-rules.json');
let overridePath: string | null = null;
let cached: { file: PayerRulesFile; byKey: ReadonlyMap<string, PayerRuleSet> } | null = null;

/** Point at another file (tests). Clears the cache. */
export function setPayerRulesPath(path: string | null): void {
  overridePath = path;
  cached = null;
}

export function payerRulesPath(): string {
  if (overridePath) return overridePath;
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, FILE))) return join(env, FILE);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) {
      throw new PayerRulesError(
        `The payer rule templates (resources/authorizations/payer-rules.json) were not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
      );
    }
    dir = up;
  }
}

/** Read and check a file. Throws PayerRulesError naming the file and what is wrong. */
export function loadPayerRules(path: string): PayerRulesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : `it is not valid JSON (${(err as Error).message})`;
    throw new PayerRulesError(`The payer rule templates file ${path} cannot be read: ${why}.`);
  }
  const r = payerRulesFileSchema.safeParse(raw);
  if (!r.success) {
    const problems = ruleSetProblems(r.error, 5).map((p) => `${p.field || '(top level)'}: ${p.message}`);
    throw new PayerRulesError(`The payer rule templates file ${path} is not valid: ${problems.join('; ')}.`);
  }
  return r.data;
}

function loaded() {
  if (!cached) {
    const file = loadPayerRules(payerRulesPath());
    cached = { file, byKey: new Map(file.ruleSets.map((r) => [r.key, r])) };
  }
  return cached;
}

/** The templates, checked (called at backend start). */
export function payerRuleTemplates(): readonly PayerRuleSet[] {
  return loaded().file.ruleSets;
}

export function payerRuleTemplate(key: string): PayerRuleSet | undefined {
  return loaded().byKey.get(key);
}
