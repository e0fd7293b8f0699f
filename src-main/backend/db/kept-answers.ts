/**
 * Answers kept in memory while nothing but the read trail has been written (anyWriteKey in
 * write-watch.ts): for reads that draw on much of the clinic (a page of the authorization
 * waiting list with each patient's readiness, the decisions report), where listing every table
 * they read would go stale the day a rule reads one more. Reopening a screen or paging back
 * answers from memory; any write anywhere (here or on another connection) works it out again.
 *
 * A kept answer is shared between callers: they must not change it.
 */
import type { Sqlite } from './open';
import { anyWriteKey } from './write-watch';

const kept = new WeakMap<Sqlite, Map<string, { state: string; answers: Map<string, unknown>; workedOut: number }>>();

/** How many answers `name` keeps at most (the last ones asked, for the current write state). */
const KEEP = 8;

/**
 * The answer for `key` under `name`: kept if it was worked out since the last write, else
 * `compute()`, kept for next time. `key` must hold everything else the answer depends on
 * (its input, the clinic day when it speaks of today).
 */
export function keptWhileUnchanged<T>(sqlite: Sqlite, name: string, key: string, compute: () => T): T {
  const state = anyWriteKey(sqlite, 'any_write');
  let byName = kept.get(sqlite);
  if (!byName) kept.set(sqlite, (byName = new Map()));
  let entry = byName.get(name);
  if (!entry) byName.set(name, (entry = { state, answers: new Map(), workedOut: 0 }));
  if (entry.state !== state) {
    entry.state = state;
    entry.answers.clear();
  }
  if (entry.answers.has(key)) return entry.answers.get(key) as T;
  const answer = compute();
  while (entry.answers.size >= KEEP) entry.answers.delete(entry.answers.keys().next().value as string);
  entry.answers.set(key, answer);
  entry.workedOut++;
  return answer;
}

/** How many times `name`'s answers were worked out rather than read from memory (tests). */
export function keptAnswersWorkedOut(sqlite: Sqlite, name: string): number {
  return kept.get(sqlite)?.get(name)?.workedOut ?? 0;
}
