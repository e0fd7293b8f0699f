/**
 * Prior records: watched folders, the files found in them, what was read from each (text
 * layer or OCR), the patient each one matched and why, its document type and the rule that
 * fired, full-text search, and indexing progress. The inbox, search and chart screens read
 * these shapes; the backend fills them (src-main/backend/records/).
 */
import { z } from 'zod';
import { calendarDate, idSchema, optionalText, textCharacterProblem } from './common';

/** Refuses control characters in a one-line field whose other checks are its own. */
const oneLine = (subject: string) => (v: string, ctx: z.RefinementCtx) => {
  const problem = textCharacterProblem(v, subject, false);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};
import { DOC_TYPES } from './documents';

// ---------------------------------------------------------------------------------------
// Vocabulary

/** Document types a prior record can have (a subset of the documents domain's types). */
export const RECORD_TYPES = [
  'nerve_block_report',
  'physical_therapy_note',
  'imaging_report',
  'referral_letter',
  'medication_list',
  'payer_letter',
  'other',
] as const satisfies readonly (typeof DOC_TYPES)[number][];
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  nerve_block_report: 'Nerve block report',
  physical_therapy_note: 'Physical therapy note',
  imaging_report: 'Imaging report',
  referral_letter: 'Referral letter',
  medication_list: 'Medication list',
  payer_letter: 'Payer letter or denial',
  other: 'Other',
};

/**
 * Where a file is in the pipeline. `missing`: the original is gone from the folder (its copy,
 * text and match are kept). `duplicate`: the same bytes (SHA-256) as another record.
 */
export const RECORD_STATUSES = ['queued', 'extracting', 'indexed', 'failed', 'missing', 'duplicate'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * Who the file belongs to. `matched`: attached automatically on an exact MRN or name and date
 * of birth; `suggested`: a likely patient a person must confirm (fuzzy name, MRN whose name
 * does not agree); `confirmed`/`rejected`: a person decided.
 */
export const MATCH_STATES = ['unmatched', 'suggested', 'matched', 'confirmed', 'rejected'] as const;
export type MatchState = (typeof MATCH_STATES)[number];

/** What the match rested on. `manual`: a person chose the patient. */
export const MATCH_KINDS = ['mrn', 'name_dob', 'name', 'manual'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** How the text was read: the PDF's own text layer, OCR, or some pages of each. */
export const EXTRACT_METHODS = ['text', 'ocr', 'mixed'] as const;
export type ExtractMethod = (typeof EXTRACT_METHODS)[number];

/** Why a file could not be read; the record also carries the reason in plain words. */
export const FAILURE_CODES = [
  'empty',
  'too_large',
  'unsupported',
  'corrupt',
  'encrypted',
  'too_many_pixels',
  'timeout',
  'unreadable',
  'crashed',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Inbox tabs: which records need a person. */
export const INBOX_BUCKETS = ['unmatched', 'suggested', 'matched', 'pending', 'failed', 'duplicate', 'missing'] as const;
export type InboxBucket = (typeof INBOX_BUCKETS)[number];

// ---------------------------------------------------------------------------------------
// Watched folders

const seconds = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter the ${label} in seconds.` })
    .min(min, { error: `The ${label} is at least ${min} seconds.` })
    .max(max, { error: `The ${label} can be at most ${max} seconds.` });

export const watchedFolderFields = z.object({
  /** An absolute path on this computer or a mounted network share. */
  path: z
    .string({ error: 'Enter the folder to watch.' })
    .trim()
    .min(1, { error: 'Enter the folder to watch.' })
    .max(1024, { error: 'The folder path can be at most 1024 characters.', abort: true })
    .superRefine(oneLine('The folder path')),
  /** Network shares send no change events: poll them instead. */
  polling: z.boolean().default(false),
  pollIntervalSeconds: seconds('polling interval', 1, 3600).default(5),
  /** A file is read once its size and time have held still this long (scanners write page by page). */
  stabilitySeconds: seconds('waiting time', 0.1, 600).default(5),
  enabled: z.boolean().default(true),
});
export type WatchedFolderFields = z.output<typeof watchedFolderFields>;

export const watchedFolderUpdate = z.object({
  id: idSchema,
  path: watchedFolderFields.shape.path.optional(),
  polling: z.boolean().optional(),
  pollIntervalSeconds: seconds('polling interval', 1, 3600).optional(),
  stabilitySeconds: seconds('waiting time', 0.1, 600).optional(),
  enabled: z.boolean().optional(),
});

export const watchedFolderSchema = z.object({
  id: idSchema,
  path: z.string(),
  polling: z.boolean(),
  pollIntervalSeconds: z.number(),
  stabilitySeconds: z.number(),
  enabled: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Live state of the watcher in this app: watching, or why not. */
  watching: z.boolean(),
  problem: z.string().nullable(),
  /** Records found in this folder (any status). */
  files: z.number().int(),
});
export type WatchedFolder = z.infer<typeof watchedFolderSchema>;

// ---------------------------------------------------------------------------------------
// Records

export const recordMatchSchema = z.object({
  state: z.enum(MATCH_STATES),
  patientId: idSchema.nullable(),
  /** "Ramirez, Ana" with date of birth and MRN, for the inbox row. */
  patientName: z.string().nullable(),
  patientDateOfBirth: z.string().nullable(),
  patientMrn: z.string().nullable(),
  kind: z.enum(MATCH_KINDS).nullable(),
  /** Why, in words: "MRN 004512 on page 1", "name and date of birth on page 2". */
  reason: z.string().nullable(),
});
export type RecordMatch = z.infer<typeof recordMatchSchema>;

export const recordTypeInfoSchema = z.object({
  docType: z.enum(RECORD_TYPES),
  label: z.string(),
  /** The rule that fired (its id in resources/records/type-rules.json); null for a person's choice or no rule. */
  ruleId: z.string().nullable(),
  /** "Rule 'Nerve block report' fired on: stellate ganglion, fluoroscopy (page 1)". */
  reason: z.string().nullable(),
  /** A person set or confirmed the type. */
  confirmed: z.boolean(),
});

export const recordSummarySchema = z.object({
  id: idSchema,
  version: z.number().int(),
  fileName: z.string(),
  /** Where the original was last seen. */
  originalPath: z.string(),
  folderId: idSchema.nullable(),
  sizeBytes: z.number().int(),
  sha256: z.string().nullable(),
  mimeType: z.string(),
  status: z.enum(RECORD_STATUSES),
  bucket: z.enum(INBOX_BUCKETS).nullable(),
  failureCode: z.enum(FAILURE_CODES).nullable(),
  /** Plain words: "The PDF is protected by a password, so it could not be read." */
  failureReason: z.string().nullable(),
  /** A limit that cut reading short: "Only the first 200 of 350 pages were read." */
  note: z.string().nullable(),
  pages: z.number().int().nullable(),
  ocrPages: z.number().int(),
  method: z.enum(EXTRACT_METHODS).nullable(),
  /** The record with the same content found first. */
  duplicateOf: z.object({ id: idSchema, fileName: z.string(), originalPath: z.string() }).nullable(),
  match: recordMatchSchema,
  type: recordTypeInfoSchema,
  /** The documents-domain row once attached to a patient (what intake's prior treatments link to). */
  documentId: idSchema.nullable(),
  /** Modification time of the file when it was read (when it arrived, for a fax). */
  receivedAt: z.number().int(),
  /** When the app first saw it. */
  discoveredAt: z.number().int(),
  indexedAt: z.number().int().nullable(),
  missingSince: z.number().int().nullable(),
  /** The app kept its own copy (false when only a reference could be kept: too large). */
  hasCopy: z.boolean(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const recordCandidateSchema = z.object({
  patientId: idSchema,
  patientName: z.string(),
  dateOfBirth: z.string(),
  mrn: z.string(),
  kind: z.enum(MATCH_KINDS),
  /** Strong candidates attach on their own; weak ones are suggestions. */
  strength: z.enum(['strong', 'weak']),
  reason: z.string(),
});
export type RecordCandidate = z.infer<typeof recordCandidateSchema>;

export const recordDetailSchema = recordSummarySchema.extend({
  /** The text read from each page (cut at 20,000 characters a page for the preview). */
  pageTexts: z.array(z.object({ page: z.number().int(), text: z.string() })),
  /** Every patient the rules considered, best first. */
  candidates: z.array(recordCandidateSchema),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

export const inboxInput = z.object({
  show: z.array(z.enum(INBOX_BUCKETS)).min(1).default(['unmatched', 'suggested', 'failed']),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

export const inboxOutput = z.object({
  items: z.array(recordSummarySchema),
  /** Records in the chosen buckets (for paging). */
  total: z.number().int(),
  /** Records in every bucket, for the tab labels. */
  counts: z.record(z.enum(INBOX_BUCKETS), z.number().int()),
});

export const confirmInput = z.object({
  id: idSchema,
  /** Left out: the suggested or matched patient. */
  patientId: idSchema.optional(),
  /** Left out: keep the current type (it becomes confirmed). */
  docType: z.enum(RECORD_TYPES, { error: 'Choose one of the record types.' }).optional(),
  expectedVersion: z.number().int().min(0).optional(),
});

export const rejectInput = z.object({
  id: idSchema,
  /** Why, in a few words (kept with the record): "not our patient", "blank page". */
  reason: optionalText('The reason', 200),
  expectedVersion: z.number().int().min(0).optional(),
});

export const setTypeInput = z.object({
  id: idSchema,
  docType: z.enum(RECORD_TYPES, { error: 'Choose one of the record types.' }),
  expectedVersion: z.number().int().min(0).optional(),
});

export const searchInput = z
  .object({
    q: z
      .string({ error: 'Enter words to search for.' })
      .trim()
      .min(1, { error: 'Enter words to search for.' })
      .max(200, { error: 'Search for at most 200 characters.', abort: true })
      .superRefine(oneLine('Search text')),
    patientId: idSchema.optional(),
    docType: z.enum(RECORD_TYPES).optional(),
    /** Received on or after this clinic-local date. */
    from: calendarDate('first date').optional(),
    /** Received on or before this clinic-local date. */
    to: calendarDate('last date').optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).default(0),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last date cannot be before the first date.' });
    }
  });

/** A piece of a snippet: `hit` pieces are the words that matched (show them highlighted). */
export const snippetPartSchema = z.object({ text: z.string(), hit: z.boolean() });

export const searchOutput = z.object({
  items: z.array(z.object({ record: recordSummarySchema, snippet: z.array(snippetPartSchema) })),
  /** How many records match, counted up to 1,000 (see totalCapped). */
  total: z.number().int(),
  /** More records match than `total` (the count stops at 1,000): say "more than 1,000". */
  totalCapped: z.boolean(),
  /** The words searched for, as the index understood them; a quoted phrase is one entry ("nerve block"). */
  terms: z.array(z.string()),
});

export const listForPatientOutput = z.object({
  groups: z.array(
    z.object({
      docType: z.enum(RECORD_TYPES),
      label: z.string(),
      items: z.array(recordSummarySchema),
    }),
  ),
});

export const openOutput = z.object({
  id: idSchema,
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes, base64 (from the app's copy; from the original when only a reference was kept). */
  base64: z.string(),
  originalPath: z.string(),
  originalExists: z.boolean(),
  fromCopy: z.boolean(),
});

export const progressSchema = z.object({
  /** Files seen that are still being written (waiting for size and time to hold still). */
  waiting: z.number().int(),
  queued: z.number().int(),
  extracting: z.number().int(),
  /** Indexed or recognised as duplicates. */
  done: z.number().int(),
  failed: z.number().int(),
  missing: z.number().int(),
  total: z.number().int(),
  /** True while anything is waiting, queued or being read. */
  busy: z.boolean(),
  folders: z.array(z.object({ id: idSchema, path: z.string(), watching: z.boolean(), problem: z.string().nullable() })),
});
export type RecordsProgress = z.infer<typeof progressSchema>;

export const linkTreatmentInput = z.object({
  treatmentId: idSchema,
  /** null removes the link. */
  recordId: idSchema.nullable(),
  expectedVersion: z.number().int().min(0).optional(),
});

export const typeRulesOutput = z.object({
  /** The rules file in use (to edit it). */
  file: z.string(),
  rules: z.array(
    z.object({ id: z.string(), label: z.string(), docType: z.enum(RECORD_TYPES), phrases: z.array(z.string()), minMatches: z.number().int() }),
  ),
});
