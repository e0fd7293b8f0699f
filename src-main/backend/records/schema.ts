/**
 * Prior records, as this computer indexed them. These tables are local to the device (not
 * synced): folder paths, file times and extraction state only make sense on the machine that
 * watches the folder. What other devices need to know (this file belongs to this patient, it
 * is a nerve block report) goes into the synced `documents` table when a record is attached
 * (record_files.document_id).
 *
 * The extracted text lives in record_texts and is indexed by the FTS5 table
 * record_texts_fts (external content, kept in step by triggers): see
 * drizzle/0006_records_fts.sql, which drizzle-kit cannot express.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type {
  ExtractMethod,
  FailureCode,
  MatchKind,
  MatchState,
  RecordCandidate,
  RecordStatus,
  RecordType,
} from '../../../src-shared/api/schemas/records';
import { documents } from '../documents/schema';
import { patients } from '../patients/schema';

export const watchedFolders = sqliteTable('watched_folders', {
  id: text('id').primaryKey(),
  /** Absolute path, as entered (resolved). */
  path: text('path').notNull().unique(),
  /** Poll instead of waiting for change events (network shares send none). */
  polling: integer('polling', { mode: 'boolean' }).notNull().default(false),
  pollIntervalMs: integer('poll_interval_ms').notNull().default(5000),
  /** Size and time must hold still this long before a file is read. */
  stabilityMs: integer('stability_ms').notNull().default(5000),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const recordFiles = sqliteTable(
  'record_files',
  {
    id: text('id').primaryKey(),
    /** Bumped on every change a person makes (confirm, reject, type); the inbox sends it back. */
    version: integer('version').notNull().default(1),
    /** Null once the folder is no longer watched (the record is kept). */
    folderId: text('folder_id').references(() => watchedFolders.id, { onDelete: 'set null' }),
    /** Where the original was last seen (absolute). */
    path: text('path').notNull(),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mtimeMs: integer('mtime_ms').notNull(),
    sha256: text('sha256'),
    mimeType: text('mime_type').notNull(),
    /** The app's content-addressed copy inside the data folder; null when only a reference is kept. */
    storedPath: text('stored_path'),
    status: text('status').$type<RecordStatus>().notNull(),
    failureCode: text('failure_code').$type<FailureCode>(),
    failureReason: text('failure_reason'),
    note: text('note'),
    pages: integer('pages'),
    ocrPages: integer('ocr_pages').notNull().default(0),
    method: text('method').$type<ExtractMethod>(),
    duplicateOf: text('duplicate_of').references((): AnySQLiteColumn => recordFiles.id),
    matchState: text('match_state').$type<MatchState>().notNull().default('unmatched'),
    patientId: text('patient_id').references(() => patients.id),
    matchKind: text('match_kind').$type<MatchKind>(),
    matchReason: text('match_reason'),
    /** Every patient the rules considered (for the preview), best first. */
    candidates: text('candidates', { mode: 'json' }).$type<RecordCandidate[]>().notNull().default(sql`'[]'`),
    docType: text('doc_type').$type<RecordType>().notNull().default('other'),
    typeRule: text('type_rule'),
    typeReason: text('type_reason'),
    typeConfirmed: integer('type_confirmed', { mode: 'boolean' }).notNull().default(false),
    /** The synced documents row made when the record was attached to a patient. */
    documentId: text('document_id').references(() => documents.id),
    rejectReason: text('reject_reason'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    indexedAt: integer('indexed_at'),
    missingSince: integer('missing_since'),
  },
  (t) => [
    index('record_files_path').on(t.path),
    index('record_files_sha').on(t.sha256, t.sizeBytes),
    index('record_files_status').on(t.status),
    index('record_files_inbox').on(t.matchState, t.mtimeMs),
    index('record_files_patient').on(t.patientId, t.docType),
    index('record_files_folder').on(t.folderId),
    index('record_files_received').on(t.mtimeMs),
    /**
     * Covers the received-date filter of search (records/queries.ts, DATED_FROM): every FTS5 hit
     * is joined to its record by id and only mtime_ms is read, from this index instead of the
     * wide row (candidates JSON, reasons). Migration 0023.
     */
    index('record_files_id_received').on(t.id, t.mtimeMs),
  ],
);

/**
 * The text read from a record: one row per record, pages separated by form feeds (\f) so the
 * page of a hit can be told. An INTEGER PRIMARY KEY, because FTS5's external content refers to
 * rows by rowid and a plain rowid may change on VACUUM.
 */
export const recordTexts = sqliteTable('record_texts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  recordId: text('record_id')
    .notNull()
    .unique()
    .references(() => recordFiles.id, { onDelete: 'cascade' }),
  /** The file name, searchable too ("PT_note_march.pdf"). */
  title: text('title').notNull(),
  body: text('body').notNull(),
  /**
   * Filter words indexed with the text, so a patient or type filter is part of the FTS5 match
   * (a short doclist) instead of a scan: "p<patient id without dashes>" while attached,
   * "t<type without underscores>", "rejected". Kept in step with record_files by trigger
   * (drizzle/0008_records_fts_tags.sql) and set on insert from TAGS_SQL (records/read.ts).
   */
  tags: text('tags').notNull().default(''),
});
