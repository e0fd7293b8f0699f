/**
 * Reading records for the screens: one SELECT shape (the record, its patient, the record it
 * duplicates, its inbox bucket) used by the inbox, search, the chart and single reads, mapped
 * to the contract's RecordSummary. Raw statements prepared once per connection: search and the
 * inbox run on every keystroke and refresh.
 */
import type { Statement } from 'better-sqlite3';
import {
  RECORD_TYPE_LABELS,
  type InboxBucket,
  type RecordCandidate,
  type RecordSummary,
  type RecordType,
} from '../../../src-shared/api/schemas/records';
import { ApiError } from '../../../src-shared/api/errors';
import type { Sqlite } from '../db/open';
import { preparedSql } from '../db/prepared';

/**
 * The filter words indexed with a record's text (record_texts.tags), from its record_files
 * row `r`: the same expression as the trigger in drizzle/0008_records_fts_tags.sql.
 */
export const TAGS_SQL = `trim(
  CASE WHEN r.match_state IN ('matched', 'confirmed') AND r.patient_id IS NOT NULL THEN 'p' || replace(r.patient_id, '-', '') ELSE '' END
  || ' t' || replace(r.doc_type, '_', '')
  || CASE WHEN r.match_state = 'rejected' THEN ' rejected' ELSE '' END)`;

export const patientTag = (patientId: string) => `p${patientId.replace(/-/g, '')}`;
export const typeTag = (docType: string) => `t${docType.replace(/_/g, '')}`;

/** The inbox tab a record belongs to; NULL once a person has decided. */
export const BUCKET_SQL = `CASE
  WHEN r.match_state IN ('confirmed', 'rejected') THEN NULL
  WHEN r.status = 'duplicate' THEN 'duplicate'
  WHEN r.status = 'failed' THEN 'failed'
  WHEN r.status = 'missing' THEN 'missing'
  WHEN r.status IN ('queued', 'extracting') THEN 'pending'
  ELSE r.match_state
END`;

export const SUMMARY_COLUMNS = `r.id, r.version, r.folder_id, r.path, r.file_name, r.size_bytes, r.mtime_ms, r.sha256, r.mime_type,
  r.stored_path, r.status, r.failure_code, r.failure_reason, r.note, r.pages, r.ocr_pages, r.method, r.duplicate_of,
  r.match_state, r.patient_id, r.match_kind, r.match_reason, r.doc_type, r.type_rule, r.type_reason, r.type_confirmed,
  r.document_id, r.created_at, r.indexed_at, r.missing_since,
  p.first_name AS p_first, p.last_name AS p_last, p.date_of_birth AS p_dob, p.mrn AS p_mrn,
  d.file_name AS d_name, d.path AS d_path,
  ${BUCKET_SQL} AS bucket`;

export const SUMMARY_FROM = `record_files r
  LEFT JOIN patients p ON p.id = r.patient_id
  LEFT JOIN record_files d ON d.id = r.duplicate_of`;

export interface SummaryRow {
  id: string;
  version: number;
  folder_id: string | null;
  path: string;
  file_name: string;
  size_bytes: number;
  mtime_ms: number;
  sha256: string | null;
  mime_type: string;
  stored_path: string | null;
  status: RecordSummary['status'];
  failure_code: RecordSummary['failureCode'];
  failure_reason: string | null;
  note: string | null;
  pages: number | null;
  ocr_pages: number;
  method: RecordSummary['method'];
  duplicate_of: string | null;
  match_state: RecordSummary['match']['state'];
  patient_id: string | null;
  match_kind: RecordSummary['match']['kind'];
  match_reason: string | null;
  doc_type: RecordType;
  type_rule: string | null;
  type_reason: string | null;
  type_confirmed: number;
  document_id: string | null;
  created_at: number;
  indexed_at: number | null;
  missing_since: number | null;
  p_first: string | null;
  p_last: string | null;
  p_dob: string | null;
  p_mrn: string | null;
  d_name: string | null;
  d_path: string | null;
  bucket: InboxBucket | null;
}

export function toSummary(r: SummaryRow): RecordSummary {
  return {
    id: r.id,
    version: r.version,
    fileName: r.file_name,
    originalPath: r.path,
    folderId: r.folder_id,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    mimeType: r.mime_type,
    status: r.status,
    bucket: r.bucket,
    failureCode: r.failure_code,
    failureReason: r.failure_reason,
    note: r.note,
    pages: r.pages,
    ocrPages: r.ocr_pages,
    method: r.method,
    duplicateOf: r.duplicate_of ? { id: r.duplicate_of, fileName: r.d_name ?? '', originalPath: r.d_path ?? '' } : null,
    match: {
      state: r.match_state,
      patientId: r.patient_id,
      patientName: r.p_last !== null ? `${r.p_last}, ${r.p_first}` : null,
      patientDateOfBirth: r.p_dob,
      patientMrn: r.p_mrn,
      kind: r.match_kind,
      reason: r.match_reason,
    },
    type: {
      docType: r.doc_type,
      label: RECORD_TYPE_LABELS[r.doc_type],
      ruleId: r.type_rule,
      reason: r.type_reason,
      confirmed: r.type_confirmed === 1,
    },
    documentId: r.document_id,
    receivedAt: r.mtime_ms,
    discoveredAt: r.created_at,
    indexedAt: r.indexed_at,
    missingSince: r.missing_since,
    hasCopy: r.stored_path !== null,
  };
}

function byIdStatement(sqlite: Sqlite): Statement {
  return preparedSql(sqlite, `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE r.id = ?`);
}

export function summaryById(sqlite: Sqlite, id: string): RecordSummary | null {
  const row = byIdStatement(sqlite).get(id) as SummaryRow | undefined;
  return row ? toSummary(row) : null;
}

export function requireSummary(sqlite: Sqlite, id: string): RecordSummary {
  const s = summaryById(sqlite, id);
  if (!s) throw ApiError.notFound('This record');
  return s;
}

export function candidatesOf(sqlite: Sqlite, id: string): RecordCandidate[] {
  const row = preparedSql(sqlite, `SELECT candidates FROM record_files WHERE id = ?`).get(id) as { candidates: string } | undefined;
  if (!row) return [];
  try {
    return JSON.parse(row.candidates) as RecordCandidate[];
  } catch {
    return [];
  }
}

export function pageTextsOf(sqlite: Sqlite, id: string, maxChars = 20_000): { page: number; text: string }[] {
  const row = preparedSql(sqlite, `SELECT body FROM record_texts WHERE record_id = ?`).get(id) as { body: string } | undefined;
  if (!row) return [];
  return row.body.split('\f').map((text, i) => ({ page: i + 1, text: text.length > maxChars ? `${text.slice(0, maxChars)}…` : text }));
}
