/** Small helpers shared by the seed and benchmark scripts: the project root and option parsing. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MIGRATIONS_FOLDER = resolve(PROJECT_ROOT, 'drizzle');
/** Where `npm run seed` and `npm run bench` keep their clinic unless told otherwise. */
export const DEFAULT_SEED_DIR = resolve(PROJECT_ROOT, '.seed-clinic');

export class UsageError extends Error {}

/** A whole-number option: `--patients 5000`, `--patients=50_000` and `--patients 50,000` all read as 50000 where it fits. */
export function intOption(value: string | undefined, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const text = value.replace(/[_,]/g, '');
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** A folder option, resolved against the directory the command was run from. */
export function dirOption(value: string | undefined, fallback: string): string {
  // npm runs scripts from the project root; INIT_CWD is where the user typed the command.
  return value ? resolve(process.env.INIT_CWD ?? process.cwd(), value) : fallback;
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
