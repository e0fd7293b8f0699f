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
  /** When opening the settled file first failed (a writer's lock, or no permission). */
  openFailedSince?: number;
}

/** Fold a new observation into what was known: a change restarts the wait. */
export function observe(prev: Settling | undefined, obs: FileObservation, now: number): Settling {
  if (prev && prev.size === obs.size && prev.mtimeMs === obs.mtimeMs) return prev;
  return { size: obs.size, mtimeMs: obs.mtimeMs, since: now };
}

/**
 * A settled file that would not open: a writer may still hold it (Windows locks files being
 * written), so it is tried again for one more waiting time; after that it is unreadable (no
 * permission, say) and is listed as such with its reason instead of being waited on for ever.
 */
export function openFailed(s: Settling, now: number, stabilityMs: number): { state: Settling; giveUp: boolean } {
  const state = s.openFailedSince === undefined ? { ...s, openFailedSince: now } : s;
  return { state, giveUp: now - state.openFailedSince! >= stabilityMs };
}

/** True once the file has held still for `stabilityMs`. */
export function hasSettled(s: Settling, now: number, stabilityMs: number): boolean {
  return now - s.since >= stabilityMs;
}
