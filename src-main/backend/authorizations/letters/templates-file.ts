/**
 * The letter templates (resources/authorizations/letters/<kind>.json, one per letter): read once,
 * checked against their schema and the placeholders this app knows, at start-up. A broken
 * template stops start-up with a message naming the file and what is wrong with it (an unknown
 * placeholder, or one the letter needs that the template dropped), instead of a half-filled
 * letter reaching a payer.
 *
 * Where the folder is, first match wins: $DESK_RESOURCES_DIR/authorizations/letters (packaged
 * app), then the nearest resources/authorizations/letters above this file (source tree, dev builds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LETTER_KINDS, templateProblems, type LetterKind } from '../../../../src-shared/domain/authorizations/letters';

export class LetterTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LetterTemplateError';
  }
}

const sectionSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,40}$/),
  heading: z.string().max(200),
  text: z.string().min(1).max(20_000),
});

export const letterTemplateSchema = z.object({
  kind: z.enum(LETTER_KINDS),
  title: z.string().min(1).max(200),
  /** Where the wording comes from and that it is a template (shown to whoever edits it). */
  about: z.string().min(1),
  sections: z.array(sectionSchema).min(1).max(30),
});
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;

export function letterTemplatesDir(): string {
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, 'authorizations', 'letters'))) return join(env, 'authorizations', 'letters');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'authorizations', 'letters');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) {
      throw new LetterTemplateError(
        `The letter templates (resources/authorizations/letters) were not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
      );
    }
    dir = up;
  }
}

/** Parse and check one template; the error names the file and each problem. */
export function readLetterTemplate(file: string, kind: LetterKind): LetterTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LetterTemplateError(`The letter template ${file} could not be read as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = letterTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new LetterTemplateError(`The letter template ${file} is not valid. ${where}`);
  }
  const t = parsed.data;
  if (t.kind !== kind) throw new LetterTemplateError(`The letter template ${file} says it is "${t.kind}" but is the file for "${kind}".`);
  const keys = t.sections.map((s) => s.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new LetterTemplateError(`The letter template ${file} has two sections named "${twice}".`);
  const problems = templateProblems(kind, [t.title, ...t.sections.flatMap((s) => [s.heading, s.text])]);
  if (problems.length) throw new LetterTemplateError(`The letter template ${file} cannot be used: ${problems.join('; ')}.`);
  return t;
}

/** Every letter template in `dir`, checked (tests point it at a broken copy). */
export function readLetterTemplates(dir: string): Record<LetterKind, LetterTemplate> {
  return Object.fromEntries(LETTER_KINDS.map((k) => [k, readLetterTemplate(join(dir, `${k}.json`), k)])) as Record<LetterKind, LetterTemplate>;
}

let cached: Record<LetterKind, LetterTemplate> | null = null;

/** The app's letter templates, read and checked on first use (backend start calls this). */
export function letterTemplates(): Record<LetterKind, LetterTemplate> {
  cached ??= readLetterTemplates(letterTemplatesDir());
  return cached;
}
