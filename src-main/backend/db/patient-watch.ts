/**
 * "Which patients changed since I last looked?" for work lists kept in memory and brought up to
 * date patient by patient (the intake work list, the authorization waiting list), rather than
 * worked out again whole after every write.
 *
 * Temporary triggers (this connection only, in memory, nothing synced) name the patient of every
 * row written to the watched tables in `temp.<name>_dirty`, and count the writes in
 * `temp.<name>_gen`; a rolled-back write takes both back. Writes by another connection (the sync
 * applier on its own handle, another process) are not seen by the triggers: SQLite's
 * data_version, which moves when another connection commits, says to work the list out whole.
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';

export interface PatientSource {
  table: string;
  /** SQL for the patient of a row, with `R` for the row (NEW or OLD): `R.patient_id`. */
  patient: string;
  /** Only updates of these columns, and deletes, count (the table is read only to leave rows out). */
  columns?: readonly string[];
}

export interface PatientWatch {
  gen(): number;
  dirtyCount(): number;
  dirtyIds(): string[];
  clear(): void;
}

const watches = new WeakMap<Sqlite, Map<string, PatientWatch>>();

/** The watch `name` (lowercase letters and _) on this connection; the first call installs its triggers. */
export function patientWatch(sqlite: Sqlite, name: string, sources: readonly PatientSource[]): PatientWatch {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`patient watch name must be lowercase letters and _: ${name}`);
  let byName = watches.get(sqlite);
  if (!byName) watches.set(sqlite, (byName = new Map()));
  const known = byName.get(name);
  if (known) return known;

  const dirty = `${name}_dirty`;
  const counter = `${name}_gen`;
  const mark = (row: 'NEW' | 'OLD', expr: string) => `INSERT OR IGNORE INTO ${dirty} (patient_id) SELECT (${expr.replace(/\bR\./g, `${row}.`)}) WHERE (${expr.replace(/\bR\./g, `${row}.`)}) IS NOT NULL;`;
  const bump = `UPDATE ${counter} SET n = n + 1;`;
  const triggers = sources.flatMap(({ table, patient, columns }) => {
    if (!/^[a-z0-9_]+$/.test(table)) throw new Error(`patient watch cannot watch a table named ${table}`);
    const t = (tag: string, op: string, body: string) => `CREATE TEMP TRIGGER IF NOT EXISTS ${name}_${table}_${tag} AFTER ${op} ON main.${table} BEGIN ${body} ${bump} END;`;
    return [
      ...(columns ? [] : [t('insert', 'INSERT', mark('NEW', patient))]),
      // An update names the patient before and after, should a row move between patients.
      t('update', columns ? `UPDATE OF ${columns.join(', ')}` : 'UPDATE', `${mark('OLD', patient)} ${mark('NEW', patient)}`),
      t('delete', 'DELETE', mark('OLD', patient)),
    ];
  });
  sqlite.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${dirty} (patient_id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
     CREATE TEMP TABLE IF NOT EXISTS ${counter} (n INTEGER NOT NULL);
     INSERT INTO ${counter} (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM ${counter});
     ${triggers.join('\n')}`,
  );
  const stmts: Record<'gen' | 'count' | 'ids' | 'clear', Statement> = {
    gen: sqlite.prepare(`SELECT n FROM temp.${counter}`).pluck(),
    count: sqlite.prepare(`SELECT count(*) FROM temp.${dirty}`).pluck(),
    ids: sqlite.prepare(`SELECT patient_id FROM temp.${dirty}`).pluck(),
    clear: sqlite.prepare(`DELETE FROM temp.${dirty}`),
  };
  const watch: PatientWatch = {
    gen: () => stmts.gen.get() as number,
    dirtyCount: () => stmts.count.get() as number,
    dirtyIds: () => stmts.ids.all() as string[],
    clear: () => void stmts.clear.run(),
  };
  byName.set(name, watch);
  return watch;
}

/** What a kept list remembers of when it was last brought up to date. */
export interface KeptMark {
  dataVersion: number;
  gen: number;
}

export type Refresh = { kind: 'kept' } | { kind: 'whole' } | { kind: 'patients'; ids: Set<string> };

/**
 * What to do with a kept list: keep it, work it out whole (nothing kept, its inputs changed,
 * another connection wrote, a write was rolled back, or more than `maxDirty` patients changed),
 * or bring the patients named since up to date (their ids, for the list's own SQL as
 * `p.id IN (SELECT value FROM json_each(@ids))`). Clears the names it hands out; the caller then
 * stores the returned mark with its list.
 */
export function planRefresh(sqlite: Sqlite, watch: PatientWatch, kept: KeptMark | null, sameInputs: boolean, maxDirty: number): { refresh: Refresh; mark: KeptMark } {
  const mark: KeptMark = { dataVersion: sqlite.pragma('data_version', { simple: true }) as number, gen: watch.gen() };
  if (!kept || !sameInputs || kept.dataVersion !== mark.dataVersion || mark.gen < kept.gen || (mark.gen > kept.gen && watch.dirtyCount() > maxDirty)) {
    // Everything is read now, so nothing named before this is left to bring up to date.
    watch.clear();
    return { refresh: { kind: 'whole' }, mark };
  }
  if (mark.gen === kept.gen) return { refresh: { kind: 'kept' }, mark };
  const ids = new Set(watch.dirtyIds());
  watch.clear();
  return { refresh: { kind: 'patients', ids }, mark };
}
