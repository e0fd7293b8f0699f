/**
 * Prior records: watched folders (Settings), the records inbox, full-text search, the chart's
 * records by type, opening the original, indexing progress, and linking intake's prior
 * treatments to a record. Progress and changes are pushed on 'records.changed'.
 */
import { z } from 'zod';
import { method } from '../method';
import { emptyInput, idSchema } from '../schemas/common';
import { priorTreatmentSchema } from '../schemas/intake';
import {
  confirmInput,
  inboxInput,
  inboxOutput,
  linkTreatmentInput,
  listForPatientOutput,
  openOutput,
  progressSchema,
  recordDetailSchema,
  recordSummarySchema,
  rejectInput,
  searchInput,
  searchOutput,
  setTypeInput,
  typeRulesOutput,
  watchedFolderFields,
  watchedFolderSchema,
  watchedFolderUpdate,
} from '../schemas/records';

const settingsWrite = { permission: 'settings.write', changes: 'records.changed' } as const;
const recordsWrite = { permission: 'patients.write', changes: 'records.changed' } as const;

export const recordMethods = {
  /** Watched folders with their live state (watching, or why not). */
  'records.folders.list': method({ input: emptyInput, output: z.array(watchedFolderSchema), permission: 'clinic.read' }),
  /** Watch a folder: it must exist and be a readable folder. Files already in it are read like new ones. */
  'records.folders.add': method({ input: watchedFolderFields, output: watchedFolderSchema, ...settingsWrite }),
  'records.folders.update': method({ input: watchedFolderUpdate, output: watchedFolderSchema, ...settingsWrite }),
  /** Stop watching; the records already found are kept. */
  'records.folders.remove': method({ input: z.object({ id: idSchema }), output: z.object({ id: idSchema }), ...settingsWrite }),
  /** Walk the folders now (one folder, or all) instead of waiting for the periodic rescan. */
  'records.rescan': method({ input: z.object({ folderId: idSchema.optional() }), output: progressSchema, permission: 'patients.read' }),

  /** Records a person should look at: unmatched and suggested first, newest first, with counts per tab. */
  'records.inbox': method({ input: inboxInput, output: inboxOutput, permission: 'patients.read' }),
  /** One record with its text by page and every patient the rules considered (the preview). */
  'records.get': method({ input: z.object({ id: idSchema }), output: recordDetailSchema, permission: 'patients.read' }),
  /** Attach to a patient (the suggested one, or another to correct it), optionally setting the type. */
  'records.confirm': method({ input: confirmInput, output: recordSummarySchema, ...recordsWrite }),
  /** Not a record for this clinic (or not this patient's): leaves the inbox; an attachment is removed. */
  'records.reject': method({ input: rejectInput, output: recordSummarySchema, ...recordsWrite }),
  /** Back to the inbox after a reject, with the rules' match run again. */
  'records.reopen': method({ input: z.object({ id: idSchema }), output: recordSummarySchema, ...recordsWrite }),
  /** Correct the document type (it becomes confirmed). */
  'records.setType': method({ input: setTypeInput, output: recordSummarySchema, ...recordsWrite }),
  /** Read a failed record again (after a limit was raised or the file was replaced). */
  'records.retry': method({ input: z.object({ id: idSchema }), output: recordSummarySchema, ...recordsWrite }),
  /** Full-text search with highlighted snippets, filtered by patient, type and received date. */
  'records.search': method({ input: searchInput, output: searchOutput, permission: 'patients.read' }),
  /** The patient's attached records grouped by type (the chart). */
  'records.listForPatient': method({ input: z.object({ patientId: idSchema }), output: listForPatientOutput, permission: 'patients.read' }),
  /** The file itself for viewing (the app's copy; the original when only a reference was kept). */
  'records.open': method({ input: z.object({ id: idSchema }), output: openOutput, permission: 'patients.read' }),
  /** Files waiting, queued, being read, done and failed. */
  'records.progress': method({ input: emptyInput, output: progressSchema, permission: 'patients.read' }),
  /** The document-type rules in use (resources/records/type-rules.json). */
  'records.typeRules': method({ input: emptyInput, output: typeRulesOutput, permission: 'clinic.read' }),
  /**
   * Link an intake prior-treatment entry to the record documenting it (or unlink with null).
   * The record must be attached to the same patient.
   */
  'records.linkTreatment': method({
    input: linkTreatmentInput,
    output: priorTreatmentSchema,
    permission: 'patients.write',
    changes: 'intake.changed',
  }),
};
