/**
 * The patients a record might belong to, looked up by what its text contains: labelled MRNs,
 * dates (a date of birth is one of them), and words that are some patient's last name. Every
 * lookup uses an index (patients_mrn, patients_dob, patients_last_name); the rule that weighs
 * them is rules/match.ts.
 */
import type { Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';
import type { DateHit, MrnHit } from './rules/identifiers';
import type { PatientLite } from './rules/match';

const CHUNK = 400;
const MAX_KEYS = 6000;
const MAX_PATIENTS = 500;

const COLUMNS = `id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, mrn`;

function lookup(sqlite: Sqlite, column: string, values: string[], into: Map<string, PatientLite>): void {
  // One statement per column, prepared once: short chunks are padded with NULL (matches nothing).
  const stmt = preparedSql(
    sqlite,
    `SELECT ${COLUMNS} FROM patients WHERE ${column} IN (${Array.from({ length: CHUNK }, () => '?').join(',')}) AND deleted_at IS NULL LIMIT ${MAX_PATIENTS}`,
  );
  for (let i = 0; i < values.length && into.size < MAX_PATIENTS; i += CHUNK) {
    const part: (string | null)[] = values.slice(i, i + CHUNK);
    while (part.length < CHUNK) part.push(null);
    const rows = stmt.all(...part) as PatientLite[];
    for (const r of rows) if (into.size < MAX_PATIENTS) into.set(r.id, r);
  }
}

/** Folded words and runs of two and three words ("de la cruz"), as last-name keys to look up. */
export function lastNameKeys(words: readonly (readonly string[])[]): string[] {
  const keys = new Set<string>();
  for (const page of words) {
    for (let i = 0; i < page.length && keys.size < MAX_KEYS; i++) {
      const w = page[i]!;
      if (w.length < 2 || /^\d+$/.test(w)) continue;
      keys.add(w);
      if (i + 1 < page.length) keys.add(`${w} ${page[i + 1]}`);
      if (i + 2 < page.length) keys.add(`${w} ${page[i + 1]} ${page[i + 2]}`);
    }
  }
  return [...keys];
}

export function candidatePatients(
  sqlite: Sqlite,
  found: { mrns: readonly MrnHit[]; dates: readonly DateHit[] },
  words: readonly (readonly string[])[],
): PatientLite[] {
  const out = new Map<string, PatientLite>();
  if (found.mrns.length) lookup(sqlite, 'mrn', [...new Set(found.mrns.map((m) => m.value))], out);
  if (found.dates.length) lookup(sqlite, 'date_of_birth', [...new Set(found.dates.map((d) => d.date))], out);
  lookup(sqlite, 'last_name_key', lastNameKeys(words), out);
  return [...out.values()];
}
