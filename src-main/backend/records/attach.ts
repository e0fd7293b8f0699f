/**
 * Attaching a record to a patient writes the synced `documents` row (origin watched_folder)
 * that the chart's document list, other devices (through sync) and intake's prior-treatment
 * links see; detaching soft-deletes it. The record_files row is this device's index and keeps
 * the link in document_id.
 */
import { eq } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { RecordType } from '../../../src-shared/api/schemas/records';
import { insertRow, softDeleteRow, updateRow, type WriteContext } from '../db/mutate';
import { documents } from '../documents/schema';
import { recordFiles } from './schema';

type RecordRow = typeof recordFiles.$inferSelect;

/** Make or update the documents row for this record; returns its id. Run inside a transaction. */
export function attachDocument(w: WriteContext, r: RecordRow, patientId: string, docType: RecordType): string {
  if (!r.storedPath || !r.sha256) {
    throw new ApiError(
      'CONFLICT',
      'The app has no copy of this file (it is too large or could not be read), so it cannot be attached to a patient.',
    );
  }
  if (r.documentId) {
    const doc = w.db.select().from(documents).where(eq(documents.id, r.documentId)).get();
    if (doc && doc.deletedAt === null) {
      // The file may have been replaced in the folder since: the row follows its current copy.
      updateRow(
        w,
        documents,
        doc.id,
        { patientId, docType, title: r.fileName, storedPath: r.storedPath, mimeType: r.mimeType, sizeBytes: r.sizeBytes, sha256: r.sha256 },
        { what: 'This record' },
      );
      return doc.id;
    }
  }
  const doc = insertRow(w, documents, {
    patientId,
    docType,
    title: r.fileName,
    storedPath: r.storedPath,
    mimeType: r.mimeType,
    sizeBytes: r.sizeBytes,
    sha256: r.sha256,
    origin: 'watched_folder',
  });
  return doc.id;
}

/** Remove the documents row of a record that is no longer attached. */
export function detachDocument(w: WriteContext, r: RecordRow): void {
  if (!r.documentId) return;
  const doc = w.db.select().from(documents).where(eq(documents.id, r.documentId)).get();
  if (doc && doc.deletedAt === null) softDeleteRow(w, documents, doc.id, { what: 'This record' });
}
