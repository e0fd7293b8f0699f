/**
 * "Has anything this list reads changed?" for work lists kept in memory between calls: the
 * intake work list, the authorization waiting list and the due list.
 *
 * A per-connection counter of writes to the named tables: temporary triggers live only on this
 * connection and only in memory (no migration, nothing synced), and a rolled-back write rolls
 * its bump back too. Writes by another connection (the sync applier on its own handle, another
 * process) are caught by SQLite's data_version, which moves whenever another connection commits.
 * The key is both; a kept list is good while its key is unchanged.
 *
 * anyWriteKey watches every table but the named ones: for answers that read much of a chart
 * (the waiting list's readiness words), where naming each table would go stale the day a rule
 * reads one more. Reads write only the trail of who read what (audit_events, and the change log
 * and clock that sync it), so those are the tables to leave out.
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';

const watches = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * A table whose writes change the list. With `columns`, the table is one the list reads only
 * to leave rows out (removed patients): updates of those columns and deletes count; inserts do
 * not, since a new row is on the list only through rows of watched tables that point at it. So
 * a typed phone number or a new patient does not throw a list away.
 */
export type Watched = string | { table: string; columns: readonly string[] };

/**
 * The change key of `tables` on this connection, under the watch `name` (letters and _ only:
 * it names the temp table and triggers). The first call for a name installs its triggers.
 */
export function writeKey(sqlite: Sqlite, name: string, tables: readonly Watched[]): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`write watch name must be lowercase letters and _: ${name}`);
  let byName = watches.get(sqlite);
  if (!byName) watches.set(sqlite, (byName = new Map()));
  let counter = byName.get(name);
  if (!counter) {
    const counterTable = `${name}_writes`;
    const triggers = tables.flatMap((w) => {
      const table = typeof w === 'string' ? w : w.table;
      const ops: [string, string][] =
        typeof w === 'string'
          ? [['insert', 'INSERT'], ['update', 'UPDATE'], ['delete', 'DELETE']]
          : [['update', `UPDATE OF ${w.columns.join(', ')}`], ['delete', 'DELETE']];
      return ops.map(
        ([tag, op]) =>
          `CREATE TEMP TRIGGER IF NOT EXISTS ${name}_${table}_${tag} AFTER ${op} ON main.${table}
           BEGIN UPDATE ${counterTable} SET n = n + 1; END;`,
      );
    });
    sqlite.exec(
      `CREATE TEMP TABLE IF NOT EXISTS ${counterTable} (n INTEGER NOT NULL);
       INSERT INTO ${counterTable} (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM ${counterTable});
       ${triggers.join('\n')}`,
    );
    counter = sqlite.prepare(`SELECT n FROM temp.${counterTable}`).pluck();
    byName.set(name, counter);
  }
  return `${String(counter.get())}|${String(sqlite.pragma('data_version', { simple: true }))}`;
}

/** Tables that only record that something was read: written by reads, never read by lists. */
export const READ_TRAIL_TABLES: readonly string[] = ['audit_events', 'change_log', 'device_meta'];

/**
 * The change key of every table on this connection but `except` (default: the read trail).
 * Virtual tables and their shadow tables are left out: triggers cannot be put on them, and they
 * are written only with the table they index.
 */
export function anyWriteKey(sqlite: Sqlite, name: string, except: readonly string[] = READ_TRAIL_TABLES): string {
  const byName = watches.get(sqlite);
  if (!byName?.has(name)) {
    const tables = sqlite.prepare(`SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string; sql: string | null }[];
    const virtual = tables.filter((t) => /^CREATE\s+VIRTUAL/i.test(t.sql ?? '')).map((t) => t.name);
    const watched = tables
      .map((t) => t.name)
      .filter((t) => !virtual.includes(t) && !virtual.some((v) => t.startsWith(`${v}_`)) && !except.includes(t));
    const odd = watched.find((t) => !/^[a-z0-9_]+$/.test(t));
    if (odd) throw new Error(`anyWriteKey cannot watch a table named ${odd}: table names are lowercase letters, digits and _`);
    return writeKey(sqlite, name, watched);
  }
  return writeKey(sqlite, name, []);
}
