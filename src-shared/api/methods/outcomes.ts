/**
 * Pain outcomes methods: scores at every time point, the patient's outcomes (responder per
 * session and at follow-ups, chart data), the due list, the review queue and dispositions,
 * the clinic dashboard, the payer report PDF and the registry/FHIR exports.
 */
import { method } from '../method';
import { emptyInput } from '../schemas/common';
import { documentSchema } from '../schemas/documents';
import {
  dashboardSchema,
  dispositionSchema,
  dueListInput,
  dueListOutput,
  csvExportInput,
  exportInput,
  exportOutput,
  exportCancelOutput,
  exportProgressInput,
  exportProgressOutput,
  outcomeScoreSchema,
  outcomesReferenceSchema,
  patientOutcomesInput,
  patientOutcomesSchema,
  periodInput,
  recordDispositionInput,
  recordOutcomeScoreInput,
  reportPdfInput,
  reviewQueueInput,
  reviewQueueOutput,
} from '../schemas/outcomes';

const changes = 'outcomes.changed' as const;

export const outcomeMethods = {
  /** Instruments with ranges and allowed time points, follow-up schedule, thresholds, the rule in words. */
  'outcomes.reference': method({ input: emptyInput, output: outcomesReferenceSchema, permission: 'patients.read' }),
  /**
   * Record a score at any time point (append-only; a correction names the score it supersedes).
   * Refused with the field named, nothing saved: out of range, in the future, before birth, a
   * follow-up before its series ended, a session of another patient.
   */
  'outcomes.recordScore': method({ input: recordOutcomeScoreInput, output: outcomeScoreSchema, permission: 'outcomes.record', changes }),
  /** Everything about one patient's outcomes: scores, series with before/after pairs and responder results, chart data, what is owed. */
  'outcomes.patientSummary': method({ input: patientOutcomesInput, output: patientOutcomesSchema, permission: 'patients.read' }),
  /** Work list across patients: scores owed now (after-infusion not taken by discharge, follow-ups past their date), most overdue first. */
  'outcomes.due': method({ input: dueListInput, output: dueListOutput, permission: 'patients.read' }),
  /** Patients below the configured reduction at the review point, with the reason and the numbers; undecided flags only unless asked. */
  'outcomes.reviewQueue': method({ input: reviewQueueInput, output: reviewQueueOutput, permission: 'patients.read' }),
  /** A clinician's decision on a review flag (kept, append-only); the flag leaves the queue. */
  'outcomes.recordDisposition': method({ input: recordDispositionInput, output: dispositionSchema, permission: 'outcomes.review', changes }),
  /** Response rates by diagnosis, payer and series template, and data completeness, for series ended in a period. */
  'outcomes.dashboard': method({ input: periodInput, output: dashboardSchema, permission: 'patients.read' }),
  /**
   * The payer outcomes report PDF for one patient's series, filed in the patient's documents.
   * Publishes outcomes.changed, not patients.changed: nothing a reminder uses has changed, so
   * the reminders plan need not run again (it follows patients.changed).
   */
  'outcomes.reportPdf': method({ input: reportPdfInput, output: documentSchema, permission: 'patients.write', changes }),
  /** Quality-registry CSV (columns in resources/outcomes/csv-columns.md). */
  'outcomes.exportCsv': method({ input: csvExportInput, output: exportOutput, permission: 'patients.read' }),
  /** How far a running registry CSV has got (its exportId), for the screen's progress bar. */
  'outcomes.exportProgress': method({ input: exportProgressInput, output: exportProgressOutput, permission: 'patients.read' }),
  /** Stop a running export (its exportId) between slices: it answers with a refusal and no file is made. */
  'outcomes.exportCancel': method({ input: exportProgressInput, output: exportCancelOutput, permission: 'patients.read' }),
  /** FHIR R4 Bundle of QuestionnaireResponse + Observation (LOINC 72514-3 NRS, 38214-3 VAS), checked before it leaves. */
  'outcomes.exportFhir': method({ input: exportInput, output: exportOutput, permission: 'patients.read' }),
};
