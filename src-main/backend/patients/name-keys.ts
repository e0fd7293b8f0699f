/**
 * Patients' folded name keys (patients.first_name_key / last_name_key) are computed in code
 * (src-shared/domain/names.ts), so when the folding changes, keys stored by an earlier version
 * are folded again here, once per store, at start-up: a name typed with a direction mark or
 * pasted with <b> tags is then found by the name itself. The names are not touched.
 */
import type Database from 'better-sqlite3';
import { FOLD_VERSION, foldName } from '../../../src-shared/domain/names';

const KEY = 'patients.name_fold_version';

/** Folds every stored key again if this store's keys are from another version; returns how many rows changed. */
export function refreshNameKeys(sqlite: Database.Database): number {
  const kept = sqlite.prepare(`SELECT value FROM device_meta WHERE key = ?`).pluck().get(KEY) as string | undefined;
  if (kept === String(FOLD_VERSION)) return 0;
  const rows = sqlite.prepare(`SELECT id, first_name AS f, last_name AS l, first_name_key AS fk, last_name_key AS lk FROM patients`).all() as {
    id: string;
    f: string;
    l: string;
    fk: string;
    lk: string;
  }[];
  const update = sqlite.prepare(`UPDATE patients SET first_name_key = ?, last_name_key = ? WHERE id = ?`);
  let changed = 0;
  sqlite.transaction(() => {
    for (const r of rows) {
      const fk = foldName(r.f);
      const lk = foldName(r.l);
      if (fk === r.fk && lk === r.lk) continue;
      // Derived columns only, the same on every computer running this version: not a change to sync or audit.
      update.run(fk, lk, r.id);
      changed++;
    }
    sqlite.prepare(`INSERT INTO device_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(KEY, String(FOLD_VERSION));
  })();
  return changed;
}
