/**
 * The document-type rules file (resources/records/type-rules.json): found, read, checked
 * against its schema and compiled once. A broken file stops start-up with a message naming
 * the file and the field, instead of typing every record "other" in silence.
 *
 * Where the file is, first match wins: setTypeRulesFile(file) (tests), then
 * $DESK_RESOURCES_DIR/records/type-rules.json (packaged app), then the nearest
 * resources/records/type-rules.json above this file (source tree, dev builds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTypeRules, typeRulesFileSchema, type CompiledRule, type TypeRulesFile } from './rules/type-rules';

export class TypeRulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypeRulesError';
  }
}

let override: string | null = null;
let cached: { file: string; rules: TypeRulesFile; compiled: CompiledRule[] } | null = null;

export function setTypeRulesFile(file: string | null): void {
  override = file ? resolve(file) : null;
  cached = null;
}

export function typeRulesPath(): string {
  if (override) return override;
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, 'records', 'type-rules.json'))) return join(env, 'records', 'type-rules.json');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'records', 'type-rules.json');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) {
      throw new TypeRulesError(
        `The record type rules (resources/records/type-rules.json) were not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
      );
    }
    dir = up;
  }
}

/** Parse and check one rules file; the error names the file and each field at fault. */
export function readTypeRules(file: string): TypeRulesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TypeRulesError(`${file} could not be read as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = typeRulesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new TypeRulesError(`${file} is not a valid record type rules file. ${where}`);
  }
  return parsed.data;
}

/** The rules in use, read and checked on first use. */
export function typeRules(): { file: string; rules: TypeRulesFile; compiled: CompiledRule[] } {
  if (!cached) {
    const file = typeRulesPath();
    const rules = readTypeRules(file);
    cached = { file, rules, compiled: compileTypeRules(rules) };
  }
  return cached;
}
