/**
 * drizzle builds and SQLite prepares a query again every time a builder chain runs; reads
 * on hot paths (a patient's chart, search as you type) prepare once per connection here
 * and bind values through `sql.placeholder(...)`.
 */
import type { Statement } from 'better-sqlite3';
import type { Db, Sqlite } from './open';

const cache = new WeakMap<Db, Map<string, unknown>>();

export function preparedOnce<Q>(db: Db, key: string, build: (db: Db) => Q): Q {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let q = m.get(key) as Q | undefined;
  if (!q) m.set(key, (q = build(db)));
  return q;
}

const statements = new WeakMap<Sqlite, Map<string, Statement>>();

/** A raw SQL statement prepared once per connection, keyed by its text. */
export function preparedSql(sqlite: Sqlite, text: string): Statement {
  let m = statements.get(sqlite);
  if (!m) statements.set(sqlite, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = sqlite.prepare(text)));
  return s;
}
