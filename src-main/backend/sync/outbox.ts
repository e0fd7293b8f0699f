/**
 * The outbox is the tail of this device's change log: every change made here after the last
 * one the server acknowledged (`sync.pushedSeq`). Received changes never enter the change
 * log, so they are never sent back. Acknowledged changes can be compacted away: the server
 * keeps the history.
 */
import type { Statement } from 'better-sqlite3';
import type { WireChange } from '../../../src-shared/sync/protocol';
import type { Sqlite } from '../db/open';

interface LogRow {
  seq: number;
  hlc: string;
  op_id: string;
  table_name: string;
  row_id: string;
  field: string;
  value: string | null;
  user_id: string | null;
}

const cache = new WeakMap<Sqlite, { page: Statement; last: Statement; compact: Statement }>();
function statements(sqlite: Sqlite) {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      page: sqlite.prepare(`SELECT seq, hlc, op_id, table_name, row_id, field, value, user_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?`),
      last: sqlite.prepare(`SELECT coalesce(max(seq), 0) FROM change_log`).pluck(),
      compact: sqlite.prepare(`DELETE FROM change_log WHERE seq <= ?`),
    };
    cache.set(sqlite, s);
  }
  return s;
}

export interface OutboxBatch {
  changes: WireChange[];
  /** The last change-log seq in the batch: the new pushed mark once the server has it. */
  lastSeq: number;
}

/** The next batch to send, never splitting one operation (a row's fields travel together). */
export function readOutbox(sqlite: Sqlite, afterSeq: number, max: number): OutboxBatch | null {
  const rows = statements(sqlite).page.all(afterSeq, max + 1) as LogRow[];
  if (rows.length === 0) return null;
  let end = Math.min(rows.length, max);
  if (rows.length > max) {
    const cutOp = rows[max]!.op_id;
    let e = end;
    while (e > 0 && rows[e - 1]!.op_id === cutOp) e--;
    if (e > 0) end = e;
    else {
      // One operation larger than a batch: send it whole (rows beyond max are read again).
      const all = statements(sqlite).page.all(afterSeq, 1_000_000) as LogRow[];
      end = all.findIndex((r) => r.op_id !== cutOp);
      if (end < 0) end = all.length;
      rows.splice(0, rows.length, ...all.slice(0, end));
    }
  }
  const page = rows.slice(0, end);
  return {
    changes: page.map((r) => ({ hlc: r.hlc, op: r.op_id, table: r.table_name, row: r.row_id, field: r.field, value: r.value, user: r.user_id })),
    lastSeq: page[page.length - 1]!.seq,
  };
}

/**
 * How many changes wait to be sent. Not count(*): on a clinic that has never synced the tail is
 * millions of rows (4.2 million on the 50,000-patient seed, about 6 s to count in the encrypted
 * store, holding the backend while the header polls it). seq is AUTOINCREMENT, so it is never
 * reused and a rolled-back write gives its numbers back; the only rows ever deleted are at or
 * below the pushed mark (compactAcknowledged). So every seq above the mark is present and the
 * tail's length is the last seq minus the mark: one step down the rowid b-tree.
 */
export function outboxCount(sqlite: Sqlite, afterSeq: number): number {
  return Math.max(0, (statements(sqlite).last.get() as number) - afterSeq);
}

/** Drop acknowledged changes from this device's log (the server holds them). */
export function compactAcknowledged(sqlite: Sqlite, pushedSeq: number): number {
  return statements(sqlite).compact.run(pushedSeq).changes;
}
