/**
 * The one write path for synced tables. Every insert, update and soft delete goes through
 * here so that, in one transaction, the row is written, every changed field is recorded in
 * the change log with a hybrid logical clock timestamp, and the field's clock is bumped.
 * Sync ships the change log; the audit trail reads it. A direct `db.update(...)` on a
 * synced table bypasses both and is a bug.
 */
import { and, eq, getTableColumns, isNull } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { v7 as uuidv7 } from 'uuid';
import { formatHlc, type HybridLogicalClock } from '../../../src-shared/hlc';
import { ApiError } from '../../../src-shared/api/errors';
import type { Db, Sqlite } from './open';
import { stableId } from './stable-id';

export interface WriteContext {
  db: Db;
  sqlite: Sqlite;
  clock: HybridLogicalClock;
  /** The acting user, recorded with every change. */
  userId: string | null;
  now: () => number;
}

type SyncedTable = SQLiteTable & {
  id: SQLiteColumn;
  version: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  deletedAt: SQLiteColumn;
};

const BOOKKEEPING = new Set(['id', 'version', 'updatedAt']);

export type InsertFields<T extends SyncedTable> = Omit<
  T['$inferInsert'],
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt'
> & { id?: string };
export type Row<T extends SyncedTable> = T['$inferSelect'];

interface Statements {
  log: import('better-sqlite3').Statement;
  clock: import('better-sqlite3').Statement;
  meta: import('better-sqlite3').Statement;
}
const statements = new WeakMap<Sqlite, Statements>();

function prepared(sqlite: Sqlite): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      log: sqlite.prepare(
        `INSERT INTO change_log (hlc, op_id, table_name, row_id, field, value, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      clock: sqlite.prepare(
        `INSERT INTO field_clocks (table_name, row_id, field, hlc) VALUES (?, ?, ?, ?)
         ON CONFLICT (table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc`,
      ),
      meta: sqlite.prepare(
        `INSERT INTO device_meta (key, value) VALUES ('hlc.last', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * A table's SQL name. drizzle's getTableConfig builds the whole config (columns, indexes) on
 * every call, about 25 µs: more than the row's own INSERT, so it is looked up once per table.
 */
const tableNames = new WeakMap<SyncedTable, string>();
function sqlName(table: SyncedTable): string {
  let name = tableNames.get(table);
  if (name === undefined) tableNames.set(table, (name = getTableConfig(table).name));
  return name;
}

/** camelCase property → SQL column name, per table. */
function columnNames(table: SyncedTable): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) out[key] = col.name;
  return out;
}

function recordChanges(
  w: WriteContext,
  table: SyncedTable,
  rowId: string,
  fields: Record<string, unknown>,
  stamp?: string,
): void {
  const s = prepared(w.sqlite);
  const hlc = stamp ?? formatHlc(w.clock.tick());
  const opId = uuidv7();
  const tableName = sqlName(table);
  const names = columnNames(table);
  for (const [key, value] of Object.entries(fields)) {
    if (BOOKKEEPING.has(key)) continue;
    const column = names[key];
    if (!column) throw new Error(`unknown column ${key} on ${tableName}`);
    s.log.run(hlc, opId, tableName, rowId, column, value === undefined ? null : JSON.stringify(value), w.userId);
    s.clock.run(tableName, rowId, column, hlc);
  }
  // A default's fixed stamp is not the clock's: the persisted clock only moves forward.
  if (!stamp) s.meta.run(hlc);
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * INSERT ... RETURNING through a statement prepared once per table and column set.
 * drizzle's builder would build and prepare the SQL again for every row, which was most of
 * the cost of a bulk write (the seed, an import); values are encoded and decoded by the
 * drizzle columns themselves, so JSON and boolean columns behave exactly as through drizzle.
 */
const insertStatements = new WeakMap<Sqlite, Map<string, import('better-sqlite3').Statement>>();

function preparedInsert<T extends SyncedTable>(w: WriteContext, table: T, values: Record<string, unknown>): Row<T>;
function preparedInsert<T extends SyncedTable>(w: WriteContext, table: T, values: Record<string, unknown>, returning: false): void;
function preparedInsert<T extends SyncedTable>(w: WriteContext, table: T, values: Record<string, unknown>, returning = true): Row<T> | void {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const tableName = sqlName(table);
  for (const k of keys) if (!columns[k]) throw new Error(`unknown column ${k} on ${tableName}`);
  const cacheKey = `${tableName}|${keys.join(',')}|${returning ? 'r' : ''}`;
  let cache = insertStatements.get(w.sqlite);
  if (!cache) insertStatements.set(w.sqlite, (cache = new Map()));
  let stmt = cache.get(cacheKey);
  if (!stmt) {
    const names = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
    stmt = w.sqlite.prepare(`INSERT INTO "${tableName}" (${names}) VALUES (${keys.map(() => '?').join(', ')})${returning ? ' RETURNING *' : ''}`);
    cache.set(cacheKey, stmt);
  }
  const params = keys.map((k) => (values[k] === null ? null : columns[k]!.mapToDriverValue(values[k])));
  if (!returning) {
    stmt.run(...params);
    return;
  }
  const raw = stmt.get(...params) as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(columns)) {
    const v = raw[col.name];
    row[k] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return row as Row<T>;
}

export function insertRow<T extends SyncedTable>(w: WriteContext, table: T, fields: InsertFields<T>): Row<T> {
  return w.sqlite.transaction(() => {
    const now = w.now();
    const id = fields.id ?? uuidv7();
    const values = { ...fields, id, version: 1, createdAt: now, updatedAt: now, deletedAt: null };
    const row = preparedInsert(w, table, values);
    // createdAt travels with the row (lists order by it on every device); version and
    // updatedAt are each device's own bookkeeping.
    const logged: Record<string, unknown> = { createdAt: now };
    for (const [k, v] of Object.entries(fields)) if (k !== 'id' && v !== undefined) logged[k] = v;
    recordChanges(w, table, id, logged);
    return row;
  })();
}

/**
 * An append-only row (the audit trail): written and logged for sync like insertRow, but
 * - not read back (RETURNING would compute a table's generated columns again for nothing);
 * - no field clocks: nobody edits the row, so there is no later write to merge against;
 * - createdAt is not sent: it is the change's own time, which other computers take for it.
 * Inside the caller's transaction it adds no savepoint (one costs more than the row itself).
 * Returns the row's id.
 */
export function appendRow<T extends SyncedTable>(w: WriteContext, table: T, fields: InsertFields<T>): string {
  const write = () => {
    const stamp = w.clock.tick();
    const hlc = formatHlc(stamp);
    const id = fields.id ?? uuidv7();
    preparedInsert(w, table, { ...fields, id, version: 1, createdAt: stamp.millis, updatedAt: stamp.millis, deletedAt: null }, false);
    const s = prepared(w.sqlite);
    const opId = uuidv7();
    const tableName = sqlName(table);
    const names = columnNames(table);
    for (const [k, v] of Object.entries(fields)) {
      if (k === 'id' || v === undefined) continue;
      s.log.run(hlc, opId, tableName, id, names[k], JSON.stringify(v), w.userId);
    }
    s.meta.run(hlc);
    return id;
  };
  return w.sqlite.inTransaction ? write() : w.sqlite.transaction(write)();
}

/**
 * A default row every device creates for itself on first start (the clinic's settings, the
 * shipped templates): a stable id from `key`, so devices create the same row, and its fields
 * stamped at the start of time (HLC 1970-01-01, this device's node), so any edit a person
 * makes on any device wins over a default another device wrote later. Returns the existing
 * row when there is one (created here or received by sync).
 */
export function insertDefaultRow<T extends SyncedTable>(w: WriteContext, table: T, key: string, fields: InsertFields<T>): Row<T> {
  return w.sqlite.transaction(() => {
    const tableName = sqlName(table);
    const id = stableId(tableName, key);
    const existing = w.db.select().from(table as SQLiteTable).where(eq(table.id, id)).get() as Row<T> | undefined;
    if (existing) return existing;
    const now = w.now();
    const row = preparedInsert(w, table, { ...fields, id, version: 1, createdAt: now, updatedAt: now, deletedAt: null });
    const logged: Record<string, unknown> = { createdAt: now };
    for (const [k, v] of Object.entries(fields)) if (k !== 'id' && v !== undefined) logged[k] = v;
    recordChanges(w, table, id, logged, formatHlc({ millis: 0, counter: 0, node: w.clock.node }));
    return row;
  })();
}

function readLive<T extends SyncedTable>(w: WriteContext, table: T, id: string): Row<T> | undefined {
  return w.db
    .select()
    .from(table as SQLiteTable)
    .where(and(eq(table.id, id), isNull(table.deletedAt)))
    .get() as Row<T> | undefined;
}

export interface UpdateOptions {
  /** The version the user was looking at; a newer stored version is a CONFLICT. */
  expectedVersion?: number | undefined;
  /** What the row is, in plain words, for error messages: "This patient". */
  what: string;
}

function checkVersion(current: { version: number }, opts: UpdateOptions): void {
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== current.version) {
    throw new ApiError(
      'CONFLICT',
      `${opts.what} was changed by someone else after you opened it. Reload to see the latest details, then make your change again.`,
    );
  }
}

/** Update only the fields that differ; an update that changes nothing writes nothing. */
export function updateRow<T extends SyncedTable>(
  w: WriteContext,
  table: T,
  id: string,
  patch: Partial<InsertFields<T>>,
  opts: UpdateOptions,
): Row<T> {
  return w.sqlite.transaction(() => {
    const current = readLive(w, table, id) as (Row<T> & { version: number }) | undefined;
    if (!current) throw ApiError.notFound(opts.what);
    checkVersion(current, opts);
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (BOOKKEEPING.has(k) || k === 'deletedAt' || v === undefined) continue;
      if (!sameValue((current as Record<string, unknown>)[k], v)) changed[k] = v;
    }
    if (Object.keys(changed).length === 0) return current;
    const row = w.db
      .update(table)
      .set({ ...changed, version: current.version + 1, updatedAt: w.now() } as never)
      .where(eq(table.id, id))
      .returning()
      .get() as Row<T>;
    recordChanges(w, table, id, changed);
    return row;
  })();
}

/** Soft delete: the row stays (history, sync) with `deletedAt` set. */
export function softDeleteRow<T extends SyncedTable>(w: WriteContext, table: T, id: string, opts: UpdateOptions): void {
  w.sqlite.transaction(() => {
    const current = readLive(w, table, id) as (Row<T> & { version: number }) | undefined;
    if (!current) throw ApiError.notFound(opts.what);
    checkVersion(current, opts);
    const now = w.now();
    w.db
      .update(table)
      .set({ deletedAt: now, version: current.version + 1, updatedAt: now } as never)
      .where(eq(table.id, id))
      .run();
    recordChanges(w, table, id, { deletedAt: now });
  })();
}

/**
 * Point a row at another owner, removed rows included: a patient merge moves the whole
 * history, so soft-deleted rows (a removed coverage, a cancelled booking) move too. Only the
 * fields that differ are written and logged, like updateRow; no version check (the merge reads
 * and moves in one transaction).
 */
export function reassignRow<T extends SyncedTable>(w: WriteContext, table: T, id: string, patch: Partial<InsertFields<T>>): boolean {
  return w.sqlite.transaction(() => {
    const current = w.db.select().from(table as SQLiteTable).where(eq(table.id, id)).get() as (Row<T> & { version: number }) | undefined;
    if (!current) return false;
    const changed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (BOOKKEEPING.has(k) || k === 'deletedAt' || v === undefined) continue;
      if (!sameValue((current as Record<string, unknown>)[k], v)) changed[k] = v;
    }
    if (Object.keys(changed).length === 0) return false;
    w.db
      .update(table)
      .set({ ...changed, version: current.version + 1, updatedAt: w.now() } as never)
      .where(eq(table.id, id))
      .run();
    recordChanges(w, table, id, changed);
    return true;
  })();
}
