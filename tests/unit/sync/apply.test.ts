/**
 * Applying received changes, field by field: last writer wins by HLC against this device's
 * field clocks; a received change never enters the outbox; what cannot be placed yet (a
 * table or column this app does not have, a row whose required fields have not all come) is
 * kept, and placed when the rest arrives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertRow } from '../../../src-main/backend/db/mutate';
import { suites } from '../../../src-main/backend/db/schema';
import { applyRemoteChanges } from '../../../src-main/backend/sync/apply';
import { tempBackend, type TestBackend } from '../../support/temp-backend';

const remote = (ms: number, counter = 0) => `${new Date(ms).toISOString()}-${counter.toString(16).padStart(4, '0')}-00000000000000bb`;
const ROW = '01900000-0000-7000-8000-00000000abcd';

describe('applying received changes', () => {
  let b: TestBackend;
  afterEach(() => b.dispose());

  it('a newer field wins, an older one is skipped, and nothing received is sent back', () => {
    b = tempBackend({ sync: { autoStart: false } });
    const mine = insertRow(b.system, suites, { name: 'Suite 1', sortOrder: 1 });
    const outboxBefore = b.store.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get();
    const r = b.store.sqlite.transaction(() =>
      applyRemoteChanges(b.store.sqlite, [
        { hlc: remote(Date.now() + 60_000), table: 'suites', row: mine.id, field: 'name', value: '"Quiet suite"' },
        { hlc: remote(1_000), table: 'suites', row: mine.id, field: 'sort_order', value: '9' },
        { hlc: remote(Date.now() + 60_000), table: 'suites', row: mine.id, field: 'active', value: 'false' },
        { hlc: remote(Date.now() + 60_000), table: 'suites', row: mine.id, field: 'opening_hours', value: '[{"day":1,"open":"08:00","close":"12:00"}]' },
      ]),
    )();
    expect(r).toMatchObject({ applied: 3, skipped: 1, parked: 0 });
    const row = b.store.db.select().from(suites).all().find((s) => s.id === mine.id)!;
    expect(row).toMatchObject({ name: 'Quiet suite', sortOrder: 1, active: false, openingHours: [{ day: 1, open: '08:00', close: '12:00' }], version: 2 });
    expect(b.store.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(outboxBefore);
    expect([...r.topics]).toEqual(['clinic.changed']);
  });

  it('keeps what it cannot place yet, and places a row once its required fields are all in', () => {
    b = tempBackend({ sync: { autoStart: false } });
    const t = remote(Date.now());
    const first = b.store.sqlite.transaction(() =>
      applyRemoteChanges(b.store.sqlite, [
        { hlc: t, table: 'suites', row: ROW, field: 'sort_order', value: '4' },
        { hlc: t, table: 'future_table', row: ROW, field: 'x', value: '1' },
        { hlc: t, table: 'suites', row: ROW, field: 'colour_of_the_future', value: '"teal"' },
      ]),
    )();
    expect(first.parked).toBe(3);
    expect(b.store.sqlite.prepare('SELECT count(*) FROM suites WHERE id = ?').pluck().get(ROW)).toBe(0);
    b.store.sqlite.transaction(() => applyRemoteChanges(b.store.sqlite, [{ hlc: remote(Date.now() + 1), table: 'suites', row: ROW, field: 'name', value: '"Suite 9"' }]))();
    const row = b.store.db.select().from(suites).all().find((s) => s.id === ROW)!;
    expect(row).toMatchObject({ name: 'Suite 9', sortOrder: 4 });
    // Fields of tables and columns this version does not have stay kept for a later version.
    expect(b.store.sqlite.prepare('SELECT table_name, field FROM sync_parked ORDER BY table_name').all()).toEqual([
      { table_name: 'future_table', field: 'x' },
      { table_name: 'suites', field: 'colour_of_the_future' },
    ]);
  });
});
