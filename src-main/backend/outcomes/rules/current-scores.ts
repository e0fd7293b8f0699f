/**
 * Scores are append-only: a correction is a new row naming the one it supersedes, and the
 * superseded row stops counting. These pick what counts. Pure.
 */
export interface ScoreLike {
  id: string;
  instrument: string;
  observedAt: number;
  createdAt: number;
  supersedesId: string | null;
}

/** id of a superseded score → id of the score that corrected it. */
export function supersededBy<T extends ScoreLike>(rows: readonly T[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rows) if (r.supersedesId) out.set(r.supersedesId, r.id);
  return out;
}

/** Latest first: by the time the score was taken, then by entry. */
export const latestFirst = (a: ScoreLike, b: ScoreLike) => b.observedAt - a.observedAt || b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

/** The scores that count (not superseded), latest first. */
export function currentScores<T extends ScoreLike>(rows: readonly T[]): T[] {
  const replaced = supersededBy(rows);
  return rows.filter((r) => !replaced.has(r.id)).sort(latestFirst);
}

/** The latest current score per instrument. */
export function latestPerInstrument<T extends ScoreLike>(rows: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of currentScores(rows)) if (!out.has(r.instrument)) out.set(r.instrument, r);
  return out;
}
