/**
 * How far a long export has got, for the screen to show while it runs: the export works through
 * its patients in slices, giving other calls their turn in between, and records its count here
 * under an id the screen chose; outcomes.exportProgress reads it. Kept in memory only (a
 * finished one for ten minutes): nothing about an export outlives the app. The screen can ask
 * a running export to stop (outcomes.exportCancel); it stops at its next slice.
 */
import { ApiError } from '../../../../src-shared/api/errors';

export interface ExportProgress {
  /** Reading the patients' scores, then writing the rows. */
  phase: 'reading' | 'writing' | 'done';
  /** Patients read, or rows written. */
  done: number;
  total: number;
}

const KEEP_MS = 10 * 60 * 1000;
const running = new Map<string, { p: ExportProgress; at: number }>();

export function reportProgress(id: string | undefined, p: ExportProgress, now = Date.now()): void {
  if (!id) return;
  for (const [k, v] of running) if (now - v.at > KEEP_MS) running.delete(k);
  running.set(id, { p, at: now });
}

export function readProgress(id: string): ExportProgress | null {
  return running.get(id)?.p ?? null;
}

/** Exports asked to stop (by id, with when), until the export next looks or ten minutes pass. */
const stopping = new Map<string, number>();

/**
 * Ask a running export to stop. It stops at its next slice and answers with a refusal; nothing is
 * made. False when it has already finished (its file is on its way) or no export has this id yet
 * and none starts with it soon.
 */
export function requestCancel(id: string, now = Date.now()): boolean {
  for (const [k, at] of stopping) if (now - at > KEEP_MS) stopping.delete(k);
  if (running.get(id)?.p.phase === 'done') return false;
  stopping.set(id, now);
  return true;
}

/** Between slices: stop here when asked to, dropping the export's progress. */
export function stopIfCancelled(id: string | undefined): void {
  if (!id || !stopping.has(id)) return;
  stopping.delete(id);
  running.delete(id);
  throw new ApiError('CONFLICT', 'The export was cancelled. No file was made.');
}

/** Let calls waiting in the event loop (a progress read, a keystroke's search) run. */
export const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));
