/**
 * Intake: what a payer package and the physician need to know before the first infusion.
 * Clinical wording (ICD-10 list, Budapest checkboxes, interaction and screening tables,
 * completeness checklists) is data in resources/intake, not columns.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staff } from '../clinic/schema';
import { syncedColumns } from '../db/columns';
import { patients } from '../patients/schema';

const patientId = () =>
  text('patient_id')
    .notNull()
    .references(() => patients.id);

export const diagnoses = sqliteTable(
  'diagnoses',
  {
    ...syncedColumns,
    patientId: patientId(),
    /** ICD-10-CM code from resources/intake/icd10.json, e.g. G90.512. */
    code: text('code').notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
    /** Calendar date YYYY-MM-DD; may be only approximately known. */
    onsetDate: text('onset_date'),
    note: text('note'),
  },
  (t) => [index('diagnoses_patient').on(t.patientId)],
);

/** One Budapest evaluation: a sign counts only if seen at that visit, so each carries its date and evaluator. */
export const budapestEvaluations = sqliteTable(
  'budapest_evaluations',
  {
    ...syncedColumns,
    patientId: patientId(),
    evaluatedOn: text('evaluated_on').notNull(),
    evaluatorName: text('evaluator_name').notNull(),
    evaluatorStaffId: text('evaluator_staff_id').references(() => staff.id),
    disproportionatePain: integer('disproportionate_pain', { mode: 'boolean' }).notNull(),
    noBetterDiagnosis: integer('no_better_diagnosis', { mode: 'boolean' }).notNull(),
    symptoms: text('symptoms', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
    signs: text('signs', { mode: 'json' }).$type<Record<string, string[]>>().notNull(),
    note: text('note'),
  },
  (t) => [index('budapest_patient').on(t.patientId)],
);

/** Treatments tried before ketamine; payers deny most often for gaps here. */
export const priorTreatments = sqliteTable(
  'prior_treatments',
  {
    ...syncedColumns,
    patientId: patientId(),
    /** medication | nerve_block | physical_therapy | psychological | procedure | spinal_cord_stimulation */
    kind: text('kind').notNull(),
    /** Drug, block type (stellate ganglion, lumbar sympathetic), therapy or procedure name. */
    name: text('name').notNull(),
    dose: text('dose'),
    sessions: integer('sessions'),
    startDate: text('start_date'),
    endDate: text('end_date'),
    /** failed | intolerant | partial_relief | stopped_cost | helped | unknown */
    outcome: text('outcome').notNull(),
    /** Response in words, e.g. "relief for 3 days after each block". */
    response: text('response'),
    /** The prior record documenting it (documents domain), when one exists. */
    documentId: text('document_id'),
    note: text('note'),
  },
  (t) => [index('prior_treatments_patient').on(t.patientId)],
);

export const currentMedications = sqliteTable(
  'current_medications',
  {
    ...syncedColumns,
    patientId: patientId(),
    drug: text('drug').notNull(),
    dose: text('dose'),
    frequency: text('frequency'),
    startDate: text('start_date'),
    note: text('note'),
  },
  (t) => [index('current_medications_patient').on(t.patientId)],
);

/** Contraindication screening: answers per item of resources/intake/screening.json. */
export const screenings = sqliteTable(
  'screenings',
  {
    ...syncedColumns,
    patientId: patientId(),
    screenedOn: text('screened_on').notNull(),
    screenedBy: text('screened_by').notNull(),
    answers: text('answers', { mode: 'json' })
      .$type<Record<string, { answer: 'yes' | 'no' | 'unsure'; note?: string | null }>>()
      .notNull(),
  },
  (t) => [index('screenings_patient').on(t.patientId)],
);

/**
 * A physician's sign-off of the intake: the screening answers and interaction flags that
 * needed review, as they stood when signed. Append-only history: nobody edits or removes a
 * sign-off; a new review item after it is open until the next one (rules/review.ts).
 */
export const intakeSignoffs = sqliteTable(
  'intake_signoffs',
  {
    ...syncedColumns,
    patientId: patientId(),
    /** Epoch ms. */
    signedAt: integer('signed_at').notNull(),
    signedByUserId: text('signed_by_user_id').notNull(),
    /** The signer's display name and role as they were at the time. */
    signedByName: text('signed_by_name').notNull(),
    signedByRole: text('signed_by_role').notNull(),
    comment: text('comment'),
    /** The review items covered: key (rules/review.ts), label and detail in the words shown then. */
    reviewed: text('reviewed', { mode: 'json' }).$type<{ key: string; kind: string; label: string; detail: string }[]>().notNull(),
  },
  (t) => [index('intake_signoffs_patient').on(t.patientId, t.signedAt)],
);
