/**
 * The clinic's outcomes configuration (resources/outcomes/outcomes-config.json): follow-up
 * schedule, comparison rule, IMMPACT thresholds, review point, due-list window, PGIC answers.
 * Read once and checked; a broken file stops start-up with a message naming the file.
 *
 * Where the file is, first match wins: $DESK_RESOURCES_DIR/outcomes (packaged app), then the
 * nearest resources/outcomes above this file (source tree, dev builds).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSettings } from '../clinic/service';
import type { WriteContext } from '../db/mutate';
import { loadOutcomesConfig, type OutcomesConfig } from './rules/config';

export class OutcomesConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutcomesConfigError';
  }
}

const FILE = join('outcomes', 'outcomes-config.json');

export function outcomesConfigPath(): string {
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, FILE))) return join(env, FILE);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) {
      throw new OutcomesConfigError(
        `The outcomes settings (resources/outcomes/outcomes-config.json) were not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
      );
    }
    dir = up;
  }
}

let cached: OutcomesConfig | null = null;

/** The file's configuration, read once. */
export function outcomesConfigFile(): OutcomesConfig {
  if (cached) return cached;
  const path = outcomesConfigPath();
  try {
    cached = loadOutcomesConfig(path);
  } catch (err) {
    const detail = err instanceof Error && 'issues' in err ? JSON.stringify((err as { issues: unknown }).issues) : String(err);
    throw new OutcomesConfigError(`The outcomes settings file ${path} is not valid: ${detail}`);
  }
  return cached;
}

/** The configuration with the clinic's own time zone (dates in messages are clinic dates). */
export function outcomesConfig(ctx: Pick<WriteContext, 'db'>): OutcomesConfig {
  return { ...outcomesConfigFile(), timeZone: readSettings(ctx).timeZone };
}
