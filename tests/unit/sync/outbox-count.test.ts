/**
 * "N changes to send" is the last seq minus the pushed mark (outbox.ts says why that is exact):
 * it must equal count(*) of the tail after writes, a write that failed and rolled back, and
 * compaction of what the server acknowledged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactAcknowledged, outboxCount } from '../../../src-main/backend/sync/outbox';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
beforeEach(() => {
  b = tempBackend();
});
afterEach(() => b.dispose());

const tail = (after: number) => b.store.sqlite.prepare('SELECT count(*) FROM change_log WHERE seq > ?').pluck().get(after) as number;
const lastSeq = () => b.store.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number;

describe('outboxCount', () => {
  it('equals the tail counted row by row, through writes, a rolled-back write and compaction', async () => {
    expect(outboxCount(b.store.sqlite, 0)).toBe(tail(0));
    await b.ok('patients.create', { ...validPatient, firstName: 'Ana' });
    await b.ok('patients.create', { ...validPatient, firstName: 'Ben', phone: '(312) 555-0111' });
    expect(tail(0)).toBeGreaterThan(10);
    expect(outboxCount(b.store.sqlite, 0)).toBe(tail(0));

    // A write refused half way rolls back, seq numbers included: nothing is counted for it.
    const before = tail(0);
    expect((await b.fail('patients.create', { ...validPatient, firstName: 'Ana' })).code).toBeDefined();
    expect(() =>
      b.store.sqlite.transaction(() => {
        b.store.sqlite.prepare(`INSERT INTO change_log (hlc, op_id, table_name, row_id, field, value) VALUES ('x', 'op', 'patients', 'r', 'f', 'v')`).run();
        throw new Error('power cut');
      })(),
    ).toThrow('power cut');
    expect(tail(0)).toBe(before);
    expect(outboxCount(b.store.sqlite, 0)).toBe(before);

    // The server acknowledged the first half: those rows are compacted away.
    const mark = Math.floor(lastSeq() / 2);
    compactAcknowledged(b.store.sqlite, mark);
    expect(outboxCount(b.store.sqlite, mark)).toBe(tail(mark));
    // Everything acknowledged and compacted: nothing waits.
    const end = lastSeq();
    compactAcknowledged(b.store.sqlite, end);
    expect(outboxCount(b.store.sqlite, end)).toBe(0);
    await b.ok('patients.create', { ...validPatient, firstName: 'Cleo', phone: '(312) 555-0112' });
    expect(outboxCount(b.store.sqlite, end)).toBe(tail(end));
    expect(outboxCount(b.store.sqlite, end)).toBeGreaterThan(0);
  });
});
