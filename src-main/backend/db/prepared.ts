/**
 * drizzle builds and SQLite prepares a query again every time a builder chain runs; reads
 * on hot paths (a patient's chart, search as you type) prepare once per connection here
 * and bind values through `sql.placeholder(...)`.
 */
import type { Db } from './open';

const cache = new WeakMap<Db, Map<string, unknown>>();

export function preparedOnce<Q>(db: Db, key: string, build: (db: Db) => Q): Q {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let q = m.get(key) as Q | undefined;
  if (!q) m.set(key, (q = build(db)));
  return q;
}
