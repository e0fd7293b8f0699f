/**
 * "Only whole files": a scanner or fax server writes a file in several steps, so a file is
 * read only once its size and modification time have held still for the folder's stability
 * time (and it can then be opened). Pure: observations in, decision out.
 */

export interface FileObservation {
  size: number;
  mtimeMs: number;
}

export interface Settling extends FileObservation {
  /** When size and time were first seen at their current values. */
  since: number;
}

/** Fold a new observation into what was known: a change restarts the wait. */
export function observe(prev: Settling | undefined, obs: FileObservation, now: number): Settling {
  if (prev && prev.size === obs.size && prev.mtimeMs === obs.mtimeMs) return prev;
  return { size: obs.size, mtimeMs: obs.mtimeMs, since: now };
}

/** True once the file has held still for `stabilityMs`. */
export function hasSettled(s: Settling, now: number, stabilityMs: number): boolean {
  return now - s.since >= stabilityMs;
}
