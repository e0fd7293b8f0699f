import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_SCHEMA_VERSION } from '../../../src-shared/sync/protocol';
import { MIGRATIONS } from '../../support/temp-backend';

describe('the schema version devices send the clinic server', () => {
  it('is the number of desktop migrations, so a new migration makes older apps update before they sync', () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(SYNC_SCHEMA_VERSION).toBe(journal.entries.length);
  });
});
