/** Series templates: validation shared by create/update and the defaults file. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ApiError } from '../../../src-shared/api/errors';
import { templateFields } from '../../../src-shared/api/schemas/series';
import type { HandlerContext } from '../api/context';
import { insertDefaultRow } from '../db/mutate';
import { seriesTemplatesFileSchema } from './rules/templates-file';
import { seriesTemplates } from './schema';

export type TemplateFields = z.output<typeof templateFields>;

/** Cross-field checks a zod field schema cannot express; throws VALIDATION naming the field. */
export function checkTemplate(t: TemplateFields): void {
  if (t.minGapDays > t.maxGapDays) {
    throw ApiError.validation(
      'minGapDays',
      `The least days between sessions (${t.minGapDays}) cannot be more than the most days between sessions (${t.maxGapDays}).`,
    );
  }
  const needed = (t.sessionCount - 1) * t.minGapDays + 1;
  if (t.windowDays < needed) {
    throw ApiError.validation(
      'windowDays',
      `${t.sessionCount} sessions at least ${t.minGapDays} day${t.minGapDays === 1 ? '' : 's'} apart need a window of at least ${needed} days, not ${t.windowDays}.`,
    );
  }
}

function templatesFile(): string | null {
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, 'series', 'templates.json'))) return join(env, 'series', 'templates.json');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'series', 'templates.json');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * The default templates file (rules/templates-file.ts describes it), as template fields with
 * each entry's source kept as its note. Missing file: no defaults. A broken file stops with
 * an error naming the file and the entry.
 */
export function readDefaultTemplates(): TemplateFields[] {
  const file = templatesFile();
  if (!file) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = seriesTemplatesFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a valid series templates file: ${z.prettifyError(parsed.error)}`);
  return parsed.data.templates.map((entry) => {
    const { key, source, ...spec } = entry;
    const fields = templateFields.safeParse({ ...spec, note: source.slice(0, 500) });
    if (!fields.success) throw new Error(`${file}: template "${key}" is not valid: ${z.prettifyError(fields.error)}`);
    try {
      checkTemplate(fields.data);
    } catch (err) {
      throw new Error(`${file}: template "${key}": ${(err as Error).message}`);
    }
    return fields.data;
  });
}

/** Insert the default templates the first time the table is read (it is never empty after). */
export function ensureDefaultTemplates(ctx: HandlerContext): void {
  const any = ctx.sqlite.prepare('SELECT 1 FROM series_templates LIMIT 1').get();
  if (any) return;
  const defaults = readDefaultTemplates();
  if (!defaults.length) return;
  ctx.sqlite.transaction(() => {
    for (const t of defaults) insertDefaultRow(ctx, seriesTemplates, t.name, { ...t, active: true });
  })();
}
