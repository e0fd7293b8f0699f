import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readReminderDefaults, reminderDefaultsPath } from '../../../src-main/backend/reminders/defaults';
import { PROJECT_ROOT } from '../../support/temp-backend';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writeTemp(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reminder-defaults-'));
  dirs.push(dir);
  const file = join(dir, 'templates.json');
  writeFileSync(file, content);
  return file;
}

describe('the reminder defaults file', () => {
  it('the shipped file passes its schema: 48 hours before and the evening before at 18:00, citing DOMAIN.md', () => {
    expect(reminderDefaultsPath()).toBe(join(PROJECT_ROOT, 'resources/reminders/templates.json'));
    const file = readReminderDefaults(reminderDefaultsPath());
    expect(file.templates.map((t) => t.offset)).toEqual([
      { kind: 'hours_before', hours: 48 },
      { kind: 'day_before', time: '18:00' },
    ]);
    for (const t of file.templates) expect(t.source).toMatch(/DOMAIN\.md/);
    expect(file.settings.source).toMatch(/2 h for clear fluids and 6 h after a light meal.*DOMAIN\.md/);
    expect(file.settings.arrivalLeadMinutes).toBe(15);
  });

  it('a broken file is refused with its path and the field at fault', () => {
    const good = readReminderDefaults(reminderDefaultsPath());
    const bad = structuredClone(good) as unknown as { templates: { body: string }[] };
    bad.templates[1]!.body = 'Arrive by {arivalTime}';
    const file = writeTemp(JSON.stringify(bad));
    expect(() => readReminderDefaults(file)).toThrow(`${file} is not a valid reminder defaults file. templates.1.body: {arivalTime} is not a placeholder`);
  });

  it('a file that is not JSON is named', () => {
    const file = writeTemp('{ "version": 1,');
    expect(() => readReminderDefaults(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} could not be read as JSON`));
  });
});
