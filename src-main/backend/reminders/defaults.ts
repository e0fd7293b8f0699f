/**
 * The defaults file (resources/reminders/templates.json): read once, checked against its
 * schema, and written into a new clinic's store the first time reminders are used. A broken
 * file stops start-up with a message naming the file and the field, instead of failing later
 * in the middle of a booking.
 *
 * Where the file is, first match wins: $DESK_RESOURCES_DIR/reminders (packaged app), then the
 * nearest resources/reminders above this file (source tree, dev builds).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WriteContext } from '../db/mutate';
import { insertDefaultRow } from '../db/mutate';
import { reminderDefaultsFileSchema, type ReminderDefaultsFile } from './rules/templates-file';
import { reminderSettings, reminderTemplates } from './schema';

export class ReminderDefaultsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReminderDefaultsError';
  }
}

export function reminderDefaultsPath(): string {
  const env = process.env.DESK_RESOURCES_DIR;
  if (env && existsSync(join(env, 'reminders', 'templates.json'))) return join(env, 'reminders', 'templates.json');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'reminders', 'templates.json');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) {
      throw new ReminderDefaultsError(
        `The reminder defaults (resources/reminders/templates.json) were not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
      );
    }
    dir = up;
  }
}

/** Parse and check one defaults file; the error names the file and each field at fault. */
export function readReminderDefaults(file: string): ReminderDefaultsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ReminderDefaultsError(`${file} could not be read as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = reminderDefaultsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new ReminderDefaultsError(`${file} is not a valid reminder defaults file. ${where}`);
  }
  return parsed.data;
}

let cached: ReminderDefaultsFile | null = null;

/** The defaults, read and checked on first use. */
export function reminderDefaults(): ReminderDefaultsFile {
  cached ??= readReminderDefaults(reminderDefaultsPath());
  return cached;
}

/** Insert the default settings row and templates the first time (each table is never empty after). */
export function ensureReminderDefaults(w: WriteContext): void {
  const hasSettings = w.sqlite.prepare('SELECT 1 FROM reminder_settings WHERE deleted_at IS NULL LIMIT 1').get();
  const hasTemplates = w.sqlite.prepare('SELECT 1 FROM reminder_templates LIMIT 1').get();
  if (hasSettings && hasTemplates) return;
  const defaults = reminderDefaults();
  w.sqlite.transaction(() => {
    if (!hasSettings) {
      const { source: _source, ...settings } = defaults.settings;
      insertDefaultRow(w, reminderSettings, 'settings', settings);
    }
    if (!hasTemplates) {
      for (const t of defaults.templates) {
        insertDefaultRow(w, reminderTemplates, t.name, {
          name: t.name,
          offsetKind: t.offset.kind,
          offsetHours: t.offset.kind === 'hours_before' ? t.offset.hours : null,
          offsetTime: t.offset.kind === 'day_before' ? t.offset.time : null,
          channel: t.channel,
          subject: t.subject,
          body: t.body,
          note: t.source,
          active: true,
        });
      }
    }
  })();
}
