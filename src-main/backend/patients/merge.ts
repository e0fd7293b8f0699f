/**
 * Merging two records of one person. Everything that points at the merged-away record moves to
 * the kept one, in one transaction and through the change log (so other computers receive the
 * same moves); the merged-away record is removed (soft delete: it stays, as history) with a
 * patient_merges row as its "merged into" pointer, and the history of what moved.
 *
 * MOVED_TABLES lists every synced table with a patient_id column; LOCAL_TABLES this computer's
 * own tables with one; NOT_MOVED the ones left as they are, each with its reason. A test lists
 * every table of the store with a patient_id column and fails when one is in none of these,
 * so a table added later cannot be forgotten by the merge.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { ApiError } from '../../../src-shared/api/errors';
import type { MergePreview, PatientSummary } from '../../../src-shared/api/schemas/patients';
import { authorizations } from '../authorizations/schema';
import { documents } from '../documents/schema';
import { insertRow, reassignRow, softDeleteRow, updateRow, type WriteContext } from '../db/mutate';
import { budapestEvaluations, currentMedications, diagnoses, intakeSignoffs, priorTreatments, screenings } from '../intake/schema';
import { outcomeDispositions, scores } from '../outcomes/schema';
import { reminderOutbox } from '../reminders/schema';
import { appointments } from '../scheduling/schema';
import { infusionSeries, infusionSessions } from '../series/schema';
import { syncConflicts } from '../sync/schema';
import { coverages, patientMerges, patients } from './schema';

type PatientTable = SQLiteTable & {
  id: SQLiteColumn;
  version: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  deletedAt: SQLiteColumn;
  patientId: SQLiteColumn;
};

/** Synced tables whose rows belong to a patient, with what they are in words. */
export const MOVED_TABLES: readonly { name: string; label: string; table: PatientTable }[] = [
  { name: 'coverages', label: 'Insurance coverages', table: coverages },
  { name: 'diagnoses', label: 'Diagnoses', table: diagnoses },
  { name: 'budapest_evaluations', label: 'Budapest evaluations', table: budapestEvaluations },
  { name: 'prior_treatments', label: 'Prior treatments', table: priorTreatments },
  { name: 'current_medications', label: 'Current medications', table: currentMedications },
  { name: 'screenings', label: 'Screening answers', table: screenings },
  { name: 'intake_signoffs', label: 'Intake sign-offs', table: intakeSignoffs },
  { name: 'scores', label: 'Pain scores', table: scores },
  { name: 'outcome_dispositions', label: 'Review decisions', table: outcomeDispositions },
  { name: 'documents', label: 'Documents', table: documents },
  { name: 'appointments', label: 'Consultations', table: appointments },
  { name: 'infusion_series', label: 'Infusion series', table: infusionSeries },
  { name: 'infusion_sessions', label: 'Infusion sessions', table: infusionSessions },
  { name: 'authorizations', label: 'Authorizations', table: authorizations },
  { name: 'reminder_outbox', label: 'Reminders', table: reminderOutbox },
];

/**
 * This computer's own tables with a patient_id (not synced): moved with plain SQL. Prior
 * records on other computers follow through their documents rows, which are synced.
 */
export const LOCAL_TABLES: readonly { name: string; label: string }[] = [{ name: 'record_files', label: 'Prior records' }];

/** Tables with a patient_id the merge leaves as they are, and why. */
export const NOT_MOVED: Readonly<Record<string, string>> = {
  audit_events:
    'the audit trail is what happened, as it happened: who opened or changed which record stays true of the merged record (its patient_id is computed from the sealed, hash-chained event)',
};

function summary(w: WriteContext, id: string): PatientSummary & { deletedAt: number | null; version: number } {
  const p = w.db
    .select({
      id: patients.id,
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      phone: patients.phone,
      mrn: patients.mrn,
      deletedAt: patients.deletedAt,
      version: patients.version,
    })
    .from(patients)
    .where(eq(patients.id, id))
    .get();
  if (!p || p.deletedAt !== null) throw ApiError.notFound('This patient');
  return p;
}

function pair(w: WriteContext, keepId: string, mergeId: string) {
  if (keepId === mergeId) throw ApiError.validation('mergeId', 'Choose two different records: a record cannot be merged into itself.');
  return { keep: summary(w, keepId), merge: summary(w, mergeId) };
}

const plain = ({ id, firstName, lastName, dateOfBirth, sex, phone, mrn }: PatientSummary): PatientSummary => ({
  id,
  firstName,
  lastName,
  dateOfBirth,
  sex,
  phone,
  mrn,
});

/** Ids of every row (removed ones too) of each table that point at the patient. */
function rowsOf(w: WriteContext, patientId: string): { name: string; label: string; ids: string[] }[] {
  const out = MOVED_TABLES.map(({ name, label, table }) => ({
    name,
    label,
    ids: (w.db.select({ id: table.id }).from(table).where(eq(table.patientId, patientId)).all() as { id: string }[]).map((r) => r.id),
  }));
  for (const { name, label } of LOCAL_TABLES) {
    out.push({ name, label, ids: w.sqlite.prepare(`SELECT id FROM "${name}" WHERE patient_id = ?`).pluck().all(patientId) as string[] });
  }
  return out;
}

export function mergePreview(w: WriteContext, keepId: string, mergeId: string): MergePreview {
  const { keep, merge } = pair(w, keepId, mergeId);
  const moves = rowsOf(w, mergeId)
    .filter((r) => r.ids.length > 0)
    .map((r) => ({ table: r.name, label: r.label, count: r.ids.length }));
  return { keep: plain(keep), merge: plain(merge), moves, total: moves.reduce((n, m) => n + m.count, 0) };
}

const fullName = (p: PatientSummary) => `${p.firstName} ${p.lastName}`;

export function mergePatients(w: WriteContext, keepId: string, mergeId: string, conflictId?: string) {
  return w.sqlite.transaction(() => {
    const { keep, merge } = pair(w, keepId, mergeId);
    const rows = rowsOf(w, mergeId);
    const now = w.now();
    for (const { name, ids } of rows) {
      const moved = MOVED_TABLES.find((t) => t.name === name);
      if (moved) {
        for (const id of ids) reassignRow(w, moved.table, id, { patientId: keepId } as never);
      } else if (ids.length) {
        // Not synced: this computer's own bookkeeping, written directly (the FTS tags follow by trigger).
        w.sqlite.prepare(`UPDATE "${name}" SET patient_id = ?, version = version + 1, updated_at = ? WHERE patient_id = ?`).run(keepId, now, mergeId);
      }
    }
    softDeleteRow(w, patients, mergeId, { what: 'The record to merge' });
    const moved = Object.fromEntries(rows.filter((r) => r.ids.length).map((r) => [r.name, r.ids.length]));
    const movedRows = Object.fromEntries(rows.filter((r) => r.ids.length).map((r) => [r.name, r.ids]));
    const history = insertRow(w, patientMerges, {
      keptPatientId: keepId,
      mergedPatientId: mergeId,
      mergedBy: w.userId,
      mergedAt: now,
      moved,
      movedRows,
      conflictId: conflictId ?? null,
    });
    closeDuplicateConflicts(w, keep, merge, conflictId);
    const moves = rows.filter((r) => r.ids.length).map((r) => ({ table: r.name, label: r.label, count: r.ids.length }));
    return { id: history.id, keptPatientId: keepId, mergedPatientId: mergeId, moves, total: moves.reduce((n, m) => n + m.count, 0), mergedAt: now };
  })();
}

/** Open "two records of one person" conflicts between the two close, saying so. */
function closeDuplicateConflicts(w: WriteContext, keep: PatientSummary, merge: PatientSummary, conflictId?: string): void {
  const open = w.db
    .select()
    .from(syncConflicts)
    .where(and(eq(syncConflicts.kind, 'duplicate_patient'), inArray(syncConflicts.status, ['open'])))
    .all()
    .filter((c) => c.deletedAt === null && c.subjectIds.includes(merge.id));
  if (conflictId && !open.some((c) => c.id === conflictId)) {
    const named = w.db.select({ id: syncConflicts.id, status: syncConflicts.status }).from(syncConflicts).where(eq(syncConflicts.id, conflictId)).get();
    if (!named) throw ApiError.notFound('This conflict');
  }
  const words = `Merged into ${fullName(keep)} (MRN ${keep.mrn}); ${fullName(merge)} (MRN ${merge.mrn}) was moved there.`;
  for (const c of open) {
    updateRow(w, syncConflicts, c.id, { status: 'resolved', resolution: words, resolvedBy: w.userId, resolvedAt: w.now() }, { what: 'This conflict' });
  }
}

/** The record a removed patient was merged into, if it was. */
export function mergedInto(w: Pick<WriteContext, 'sqlite'>, patientId: string): { name: string; mrn: string } | null {
  const row = w.sqlite
    .prepare(
      `SELECT p.first_name || ' ' || p.last_name AS name, p.mrn FROM patient_merges m JOIN patients p ON p.id = m.kept_patient_id
       WHERE m.merged_patient_id = ? AND m.deleted_at IS NULL ORDER BY m.merged_at DESC LIMIT 1`,
    )
    .get(patientId) as { name: string; mrn: string } | undefined;
  return row ?? null;
}
