/**
 * Per-patient answers a store keeps for the charts opened lately. A store reloads everything it
 * keeps when the backend says something changed (a booking anywhere in the clinic fires
 * `schedule.changed`), so what it keeps must be bounded: a desk that opened sixty charts since
 * the morning would otherwise send sixty slot searches, sixty series reads and sixty document
 * lists for every booking made on any computer. Only the screens open now need them; a chart
 * opened again asks afresh, as it does anyway.
 */

/** How many patients' (or slot searches') answers a store keeps. */
export const KEEP_RECENT = 10;

/**
 * `record` with `key` set to `value` as its newest entry, keeping at most `keep` entries (the
 * oldest set first go first), and the keys that were dropped, so the caller can forget their
 * request counters too. Keys are ids or text keys, never integer-like, so an object's own order
 * is the order they were set in.
 */
export function withRecent<V>(record: Readonly<Record<string, V>>, key: string, value: V, keep = KEEP_RECENT): { record: Record<string, V>; dropped: string[] } {
  const rest: Record<string, V> = { ...record };
  delete rest[key];
  const keys = Object.keys(rest);
  const dropped = keys.slice(0, Math.max(0, keys.length - (keep - 1)));
  for (const k of dropped) delete rest[k];
  rest[key] = value;
  return { record: rest, dropped };
}
