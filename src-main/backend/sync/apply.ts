/**
 * Applying changes received from the clinic server: field by field, last writer wins by HLC
 * against this device's field clocks (the same rule the server keeps), written straight to
 * the rows — never through db/mutate.ts, so a received change never re-enters the outbox.
 *
 * The caller runs this inside the transaction that also moves the pull cursor, so a crash
 * leaves either both or neither. Foreign keys are checked at commit (defer_foreign_keys), so
 * a page's order inside one operation does not matter.
 */
import type { Statement } from 'better-sqlite3';
import type { EventTopic } from '../../../src-shared/api/contract';
import type { Sqlite } from '../db/open';
import { syncedTables, type SyncedTableInfo } from './tables';

export interface IncomingChange {
  hlc: string;
  table: string;
  row: string;
  field: string;
  /** JSON text, as the change log holds it. */
  value: string | null;
}

export interface ApplyResult {
  /** Fields written (won against what this device had). */
  applied: number;
  /** Fields this device already had, or had newer. */
  skipped: number;
  /** Fields kept aside (unknown table or column, or a row not yet complete). */
  parked: number;
  topics: Set<EventTopic>;
  /** Rows written, per table: what derived state and conflict checks look at. */
  rows: Map<string, Set<string>>;
  /** The greatest HLC seen, for the device clock. */
  maxHlc: string | null;
}

interface Statements {
  getClock: Statement;
  setClock: Statement;
  park: Statement;
  parkedForRow: Statement;
  unpark: Statement;
  writes: Map<string, Statement>;
  exists: Map<string, Statement>;
}
const cache = new WeakMap<Sqlite, Statements>();

function statements(sqlite: Sqlite): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      getClock: sqlite.prepare(`SELECT hlc FROM field_clocks WHERE table_name = ? AND row_id = ? AND field = ?`).pluck(),
      setClock: sqlite.prepare(
        `INSERT INTO field_clocks (table_name, row_id, field, hlc) VALUES (?, ?, ?, ?)
         ON CONFLICT (table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc`,
      ),
      park: sqlite.prepare(
        `INSERT INTO sync_parked (table_name, row_id, field, hlc, value) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc, value = excluded.value WHERE excluded.hlc > sync_parked.hlc`,
      ),
      parkedForRow: sqlite.prepare(`SELECT field, hlc, value FROM sync_parked WHERE table_name = ? AND row_id = ?`),
      // Only the fields placed: a column this version does not have stays kept.
      unpark: sqlite.prepare(`DELETE FROM sync_parked WHERE table_name = ? AND row_id = ? AND field IN (SELECT value FROM json_each(?))`),
      writes: new Map(),
      exists: new Map(),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/** JSON text from the change log → the value SQLite stores, through the column's own mapping. */
function toDriver(info: SyncedTableInfo, field: string, value: string | null): unknown {
  if (value === null) return null;
  const parsed: unknown = JSON.parse(value);
  if (parsed === null) return null;
  const col = info.columns.get(field)!;
  const out = col.mapToDriverValue(parsed);
  return typeof out === 'boolean' ? (out ? 1 : 0) : out;
}

const hlcMillis = (hlc: string) => Date.parse(hlc.slice(0, 24));

interface PendingRow {
  info: SyncedTableInfo;
  row: string;
  fields: Map<string, { hlc: string; value: string | null }>;
}

export function applyRemoteChanges(sqlite: Sqlite, changes: readonly IncomingChange[]): ApplyResult {
  const s = statements(sqlite);
  const tables = syncedTables();
  const result: ApplyResult = { applied: 0, skipped: 0, parked: 0, topics: new Set(), rows: new Map(), maxHlc: null };
  sqlite.pragma('defer_foreign_keys = ON');

  // Group by row, keeping the newest change per field (a page may hold several).
  const pending = new Map<string, PendingRow>();
  for (const c of changes) {
    if (result.maxHlc === null || c.hlc > result.maxHlc) result.maxHlc = c.hlc;
    const info = tables.get(c.table);
    if (!info || !info.columns.has(c.field) || c.field === 'id') {
      // A table or field this version of the app does not know: kept, never dropped.
      s.park.run(c.table, c.row, c.field, c.hlc, c.value);
      result.parked++;
      continue;
    }
    const key = `${c.table}\u0000${c.row}`;
    let p = pending.get(key);
    if (!p) pending.set(key, (p = { info, row: c.row, fields: new Map() }));
    const prev = p.fields.get(c.field);
    if (!prev || c.hlc > prev.hlc) {
      if (prev) result.skipped++;
      p.fields.set(c.field, { hlc: c.hlc, value: c.value });
    } else result.skipped++;
  }

  for (const p of pending.values()) {
    const { info, row } = p;
    const winners = new Map<string, { hlc: string; value: string | null }>();
    for (const [field, change] of p.fields) {
      const local = s.getClock.get(info.name, row, field) as string | undefined;
      if (local !== undefined && local >= change.hlc) result.skipped++;
      else winners.set(field, change);
    }
    if (winners.size === 0) continue;

    let exists = s.exists.get(info.name);
    if (!exists) s.exists.set(info.name, (exists = sqlite.prepare(`SELECT 1 FROM "${info.name}" WHERE id = ?`).pluck()));
    let newest = '';
    for (const c of winners.values()) if (c.hlc > newest) newest = c.hlc;

    if (exists.get(row) !== undefined) {
      const fields = [...winners.keys()];
      const key = `u|${info.name}|${fields.join(',')}`;
      let stmt = s.writes.get(key);
      if (!stmt) {
        const sets = fields.map((f) => `"${f}" = ?`).join(', ');
        stmt = sqlite.prepare(`UPDATE "${info.name}" SET ${sets}, version = version + 1, updated_at = max(updated_at, ?) WHERE id = ?`);
        s.writes.set(key, stmt);
      }
      stmt.run(...fields.map((f) => toDriver(info, f, winners.get(f)!.value)), hlcMillis(newest), row);
    } else {
      // A new row: fields kept aside earlier for it come back in (those still newest).
      for (const parked of s.parkedForRow.all(info.name, row) as { field: string; hlc: string; value: string | null }[]) {
        if (!info.columns.has(parked.field)) continue;
        const w = winners.get(parked.field);
        if (!w || parked.hlc > w.hlc) winners.set(parked.field, { hlc: parked.hlc, value: parked.value });
      }
      const missing = info.required.filter((f) => !winners.has(f) || winners.get(f)!.value === null);
      if (missing.length > 0) {
        // Not all of the row has arrived: keep its fields aside until the rest comes.
        for (const [field, c] of winners) s.park.run(info.name, row, field, c.hlc, c.value);
        result.parked += winners.size;
        continue;
      }
      s.unpark.run(info.name, row, JSON.stringify([...winners.keys()]));
      let oldest = newest;
      for (const c of winners.values()) if (c.hlc < oldest) oldest = c.hlc;
      const fields = [...winners.keys()].filter((f) => f !== 'created_at');
      const key = `i|${info.name}|${fields.join(',')}`;
      let stmt = s.writes.get(key);
      if (!stmt) {
        const cols = ['id', 'version', 'created_at', 'updated_at', ...fields].map((c) => `"${c}"`).join(', ');
        stmt = sqlite.prepare(`INSERT INTO "${info.name}" (${cols}) VALUES (${['?', '?', '?', '?', ...fields.map(() => '?')].join(', ')})`);
        s.writes.set(key, stmt);
      }
      const created = winners.has('created_at') ? toDriver(info, 'created_at', winners.get('created_at')!.value) : hlcMillis(oldest);
      stmt.run(row, 1, created, hlcMillis(newest), ...fields.map((f) => toDriver(info, f, winners.get(f)!.value)));
    }
    for (const [field, c] of winners) s.setClock.run(info.name, row, field, c.hlc);
    result.applied += winners.size;
    result.topics.add(info.topic);
    let set = result.rows.get(info.name);
    if (!set) result.rows.set(info.name, (set = new Set()));
    set.add(row);
  }
  return result;
}
