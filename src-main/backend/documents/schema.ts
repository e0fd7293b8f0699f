/**
 * Files the app keeps for a patient: generated (the intake summary PDF) now, and prior
 * records from watched folders later. The bytes live in the data folder; the row records
 * where, and the content hash that finds duplicates.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DOC_TYPES } from '../../../src-shared/api/schemas/documents';
import { syncedColumns } from '../db/columns';
import { patients } from '../patients/schema';

export const documents = sqliteTable(
  'documents',
  {
    ...syncedColumns,
    patientId: text('patient_id').references(() => patients.id),
    /** intake_summary | nerve_block_report | physical_therapy_note | imaging_report | referral_letter | medication_list | payer_letter | other */
    docType: text('doc_type').$type<(typeof DOC_TYPES)[number]>().notNull(),
    title: text('title').notNull(),
    /** Path inside the app's data folder, with forward slashes. */
    storedPath: text('stored_path').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** generated | watched_folder | imported */
    origin: text('origin').$type<'generated' | 'watched_folder' | 'imported'>().notNull(),
  },
  (t) => [index('documents_patient').on(t.patientId), index('documents_sha256').on(t.sha256)],
);
