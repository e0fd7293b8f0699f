import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seriesTemplatesFileSchema } from '../../../src-main/backend/series/rules/templates-file';
import { PROJECT_ROOT, tempBackend } from '../../support/temp-backend';

describe('the default series templates', () => {
  it('the shipped file passes its schema', () => {
    const raw = JSON.parse(readFileSync(join(PROJECT_ROOT, 'resources/series/templates.json'), 'utf8'));
    const file = seriesTemplatesFileSchema.parse(raw);
    expect(file.templates.map((t) => t.sessionCount)).toContain(6);
  });

  it('a new clinic starts with them', async () => {
    const b = tempBackend();
    try {
      const list = await b.ok('series.templates.list', {});
      expect(list.some((t) => t.sessionCount === 6 && t.windowDays === 14)).toBe(true);
    } finally {
      b.dispose();
    }
  });
});
