/**
 * Likely duplicates of a patient about to be saved: live records with the same name and date
 * of birth (folded, so "José" and "Jose" match), the same phone, or the same MRN. Each match
 * says why. Every branch is an index lookup (see the indexes in schema.ts).
 *
 * Only the same name and date of birth makes patients.create refuse without the person's
 * confirmation: a shared phone is common in a household (a parent and a child, spouses), so it
 * is shown as a possible match but does not block; a typed MRN already in use is refused
 * outright by the patient rules.
 */
import type { DuplicateReason, LikelyDuplicate } from '../../../src-shared/api/schemas/patients';
import { foldName } from '../../../src-shared/domain/names';
import type { Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';

export interface DuplicateProbe {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  /** E.164, as stored. */
  phone?: string | null | undefined;
  mrn?: string | null | undefined;
  /** The record being edited, never its own duplicate. */
  excludeId?: string | null | undefined;
}

const REASON_ORDER: Record<DuplicateReason, number> = { name_dob: 0, mrn: 1, phone: 2 };
const COLUMNS = 'id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, phone, mrn';
const LIMIT = 10;

type Row = Omit<LikelyDuplicate, 'reasons'>;

export function findLikelyDuplicates(sqlite: Sqlite, probe: DuplicateProbe): LikelyDuplicate[] {
  const found = new Map<string, LikelyDuplicate>();
  const add = (rows: Row[], reason: DuplicateReason) => {
    for (const r of rows) {
      if (r.id === probe.excludeId) continue;
      const m = found.get(r.id) ?? { ...r, reasons: [] };
      if (!m.reasons.includes(reason)) m.reasons.push(reason);
      found.set(r.id, m);
    }
  };
  const first = probe.firstName ? foldName(probe.firstName) : '';
  const last = probe.lastName ? foldName(probe.lastName) : '';
  if (first && last && probe.dateOfBirth) {
    add(
      preparedSql(
        sqlite,
        `SELECT ${COLUMNS} FROM patients WHERE deleted_at IS NULL AND last_name_key = ? AND first_name_key = ? AND date_of_birth = ? LIMIT ${LIMIT}`,
      ).all(last, first, probe.dateOfBirth) as Row[],
      'name_dob',
    );
  }
  if (probe.phone) {
    add(preparedSql(sqlite, `SELECT ${COLUMNS} FROM patients WHERE deleted_at IS NULL AND phone = ? LIMIT ${LIMIT}`).all(probe.phone) as Row[], 'phone');
  }
  if (probe.mrn) {
    add(preparedSql(sqlite, `SELECT ${COLUMNS} FROM patients WHERE deleted_at IS NULL AND mrn = ? LIMIT ${LIMIT}`).all(probe.mrn.toUpperCase()) as Row[], 'mrn');
  }
  const strength = (m: LikelyDuplicate) => Math.min(...m.reasons.map((r) => REASON_ORDER[r])) - m.reasons.length / 10;
  return [...found.values()]
    .map((m) => ({ ...m, reasons: [...m.reasons].sort((a, b) => REASON_ORDER[a] - REASON_ORDER[b]) }))
    .sort((a, b) => strength(a) - strength(b) || a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName))
    .slice(0, LIMIT);
}

/** The matches that stop patients.create until the person confirms a new patient. */
export function blockingDuplicates(matches: readonly LikelyDuplicate[]): LikelyDuplicate[] {
  return matches.filter((m) => m.reasons.includes('name_dob'));
}
