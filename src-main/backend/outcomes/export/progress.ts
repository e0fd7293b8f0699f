/**
 * How far a long export has got, for the screen to show while it runs: the export works through
 * its patients in slices, giving other calls their turn in between, and records its count here
 * under an id the screen chose; outcomes.exportProgress reads it. Kept in memory only (a
 * finished one for ten minutes): nothing about an export outlives the app.
 */
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

/** Let calls waiting in the event loop (a progress read, a keystroke's search) run. */
export const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));
