/** Intake methods: diagnoses, Budapest criteria, prior treatments, medications, screening, baseline scores. */
import { z } from 'zod';
import { expectedVersion, method } from '../method';
import { emptyInput, idSchema } from '../schemas/common';
import {
  budapestEvaluationSchema,
  budapestFieldsSchema,
  diagnosisFieldsSchema,
  diagnosisSchema,
  icd10EntrySchema,
  icd10SearchInput,
  intakeRecordSchema,
  intakeReferenceSchema,
  interactionFlagSchema,
  medicationFieldsSchema,
  medicationSchema,
  priorTreatmentSchema,
  scoreInputSchema,
  scoreListInput,
  scoreListOutput,
  scoreSchema,
  screeningInputSchema,
  screeningSchema,
  signOffInputSchema,
  signOffSchema,
  treatmentFieldsSchema,
  worklistInput,
  worklistOutput,
} from '../schemas/intake';

const read = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  method({ input, output, permission: 'patients.read' });
const write = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  method({ input, output, permission: 'patients.write', changes: 'intake.changed' });

const removeInput = z.object({ id: idSchema, expectedVersion });
const removed = z.object({ id: idSchema });

export const intakeMethods = {
  /** Reference data for the intake screens: ICD-10 list, Budapest checklist, screening items, labels. */
  'intake.reference': read(emptyInput, intakeReferenceSchema),
  /** The ICD-10 picker: by code prefix ("G90.5") or words ("crps left arm", "fibro"). */
  'intake.searchIcd10': read(icd10SearchInput, z.object({ items: z.array(icd10EntrySchema), more: z.boolean() })),
  /** Interaction flags for a drug name as it is typed, before it is saved. */
  'intake.checkInteractions': read(
    z.object({ drug: z.string().max(200, { error: 'The drug name can be at most 200 characters.' }) }),
    z.object({ flags: z.array(interactionFlagSchema) }),
  ),
  /** Everything intake knows about a patient, with results and completeness (chart and PDF). */
  'intake.get': read(z.object({ patientId: idSchema }), intakeRecordSchema),
  /** Patients whose intake is incomplete, least complete first. */
  'intake.worklist': read(worklistInput, worklistOutput),

  'intake.addDiagnosis': write(z.object({ patientId: idSchema, fields: diagnosisFieldsSchema }), diagnosisSchema),
  'intake.updateDiagnosis': write(
    z.object({
      id: idSchema,
      expectedVersion,
      // Left out, isPrimary keeps its value; true makes this the primary and clears the other.
      fields: diagnosisFieldsSchema.extend({ isPrimary: z.boolean().optional() }),
    }),
    diagnosisSchema,
  ),
  'intake.removeDiagnosis': write(removeInput, removed),

  'intake.recordBudapest': write(z.object({ patientId: idSchema, fields: budapestFieldsSchema }), budapestEvaluationSchema),
  'intake.updateBudapest': write(z.object({ id: idSchema, expectedVersion, fields: budapestFieldsSchema }), budapestEvaluationSchema),
  'intake.removeBudapest': write(removeInput, removed),

  'intake.addTreatment': write(z.object({ patientId: idSchema, fields: treatmentFieldsSchema }), priorTreatmentSchema),
  'intake.updateTreatment': write(z.object({ id: idSchema, expectedVersion, fields: treatmentFieldsSchema }), priorTreatmentSchema),
  'intake.removeTreatment': write(removeInput, removed),

  'intake.addMedication': write(z.object({ patientId: idSchema, fields: medicationFieldsSchema }), medicationSchema),
  'intake.updateMedication': write(z.object({ id: idSchema, expectedVersion, fields: medicationFieldsSchema }), medicationSchema),
  'intake.removeMedication': write(removeInput, removed),

  /** A new screening; the latest one counts. Every checklist item must be answered. */
  'intake.recordScreening': write(screeningInputSchema, screeningSchema),

  /**
   * The physician signs off what needs review (screening answers, interaction flags): kept as
   * history, the latest counts. Refused until the screening is recorded, when nothing is open,
   * or when the open items are not the ones the physician was shown.
   */
  'intake.signOff': method({ input: signOffInputSchema, output: signOffSchema, permission: 'intake.signoff', changes: 'intake.changed' }),

  /** Record a score (append-only); a correction names the score it supersedes. */
  'scores.record': write(scoreInputSchema, scoreSchema),
  'scores.listForPatient': read(scoreListInput, scoreListOutput),
};
