/**
 * Where this computer's first-run setup is, in device_meta (local, never synced): only the
 * computer that created the clinic walks it; one that joined a clinic never starts it.
 */
import { SETUP_STEPS, type SetupStatus, type SetupStep } from '../../../src-shared/api/methods/setup';
import type { Sqlite } from '../db/open';

const KEY = 'setup.firstRun';

export function readSetup(sqlite: Sqlite): SetupStatus {
  const raw = (sqlite.prepare(`SELECT value FROM device_meta WHERE key = ?`).get(KEY) as { value: string } | undefined)?.value;
  if (!raw) return { state: 'none', step: null, saved: [] };
  try {
    const v = JSON.parse(raw) as Partial<SetupStatus>;
    const state = v.state === 'finished' ? 'finished' : 'open';
    const step = v.step === 'done' || SETUP_STEPS.includes(v.step as SetupStep) ? v.step! : SETUP_STEPS[0];
    const saved = SETUP_STEPS.filter((s) => v.saved?.includes(s));
    return { state, step, saved };
  } catch {
    // An unreadable record never blocks the app: the walk starts again from the top.
    return { state: 'open', step: SETUP_STEPS[0], saved: [] };
  }
}

export function writeSetup(sqlite: Sqlite, status: SetupStatus): void {
  sqlite
    .prepare(`INSERT INTO device_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
    .run(KEY, JSON.stringify({ state: status.state, step: status.step, saved: status.saved }));
}

/** The administrator was just created on this computer: the clinic is new, offer the walk. */
export function openSetup(sqlite: Sqlite): void {
  if (readSetup(sqlite).state === 'none') writeSetup(sqlite, { state: 'open', step: SETUP_STEPS[0], saved: [] });
}
