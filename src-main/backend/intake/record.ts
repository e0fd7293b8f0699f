/**
 * Reading intake: rows → API shapes with their computed results (Budapest result,
 * interaction flags, screening result), and the whole record of one patient.
 */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import {
  INSTRUMENTS,
  type BudapestEvaluation,
  type Diagnosis,
  type DiagnosisGroup,
  type IntakeRecord,
  type Medication,
  type PriorTreatment,
  type IntakeReview,
  type Score,
  type Screening,
  type SignOff,
} from '../../../src-shared/api/schemas/intake';
import { BUDAPEST_CATEGORIES, evaluateBudapest } from '../../../src-shared/domain/budapest';
import { todayInZone } from '../../../src-shared/domain/dates';
import type { HandlerContext } from '../api/context';
import { readSettings } from '../clinic/service';
import { currentPatientScores } from '../outcomes/service';
import { preparedOnce } from '../db/prepared';
import { patients } from '../patients/schema';
import type { IntakeResources } from './resources';
import { evaluateCompleteness, type CompletenessFacts } from './rules/completeness';
import { interactionFlags } from './rules/interactions';
import { evaluateReview, reviewItems } from './rules/review';
import { evaluateScreening, type ScreeningAnswers } from './rules/screening';
import { budapestEvaluations, currentMedications, diagnoses, intakeSignoffs, priorTreatments, screenings } from './schema';

type Ctx = Pick<HandlerContext, 'db' | 'now'>;

export function clinicToday(ctx: Ctx): string {
  return todayInZone(readSettings(ctx).timeZone, ctx.now());
}

export function livePatient(ctx: Ctx, id: string) {
  const p = preparedOnce(ctx.db, 'intake.livePatient', (db) =>
    db
    .select({
      id: patients.id,
      firstName: patients.firstName,
      lastName: patients.lastName,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
      mrn: patients.mrn,
    })
    .from(patients)
    .where(and(eq(patients.id, sql.placeholder('id')), isNull(patients.deletedAt)))
    .prepare(),
  ).get({ id });
  if (!p) throw ApiError.notFound('This patient');
  return p;
}

const meta = (r: { id: string; patientId: string; version: number; createdAt: number; updatedAt: number }) => ({
  id: r.id,
  patientId: r.patientId,
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

// --- diagnoses ---------------------------------------------------------------------------

export function toDiagnosis(res: IntakeResources, r: typeof diagnoses.$inferSelect): Diagnosis {
  const e = res.icd10ByCode.get(r.code);
  return {
    ...meta(r),
    code: r.code,
    title: e?.title ?? `${r.code} (no longer in the clinic's ICD-10 list)`,
    group: e?.group ?? null,
    laterality: e?.laterality ?? null,
    site: e?.site ?? null,
    billable: e?.billable ?? false,
    isPrimary: r.isPrimary,
    onsetDate: r.onsetDate,
    note: r.note,
  };
}

export function diagnosisRows(ctx: Ctx, patientId: string) {
  return preparedOnce(ctx.db, 'intake.diagnoses', (db) =>
    db
    .select()
    .from(diagnoses)
    .where(and(eq(diagnoses.patientId, sql.placeholder('patientId')), isNull(diagnoses.deletedAt)))
    .orderBy(desc(diagnoses.isPrimary), sql`${diagnoses.onsetDate} IS NULL`, asc(diagnoses.onsetDate), asc(diagnoses.createdAt))
    .prepare(),
  ).all({ patientId });
}

/** The group a diagnosis counts under for completeness; a code gone from the list is other chronic pain. */
export const groupOf = (res: IntakeResources, code: string): DiagnosisGroup => res.icd10ByCode.get(code)?.group ?? 'other_chronic_pain';

// --- Budapest ----------------------------------------------------------------------------

type BudapestRow = typeof budapestEvaluations.$inferSelect;

const allCategories = (m: Record<string, string[]> | null | undefined) =>
  Object.fromEntries(BUDAPEST_CATEGORIES.map((c) => [c, [...(m?.[c] ?? [])]])) as BudapestEvaluation['symptoms'];

export function budapestResult(r: Pick<BudapestRow, 'disproportionatePain' | 'noBetterDiagnosis' | 'symptoms' | 'signs'>) {
  return evaluateBudapest({
    disproportionatePain: r.disproportionatePain,
    noBetterDiagnosis: r.noBetterDiagnosis,
    symptoms: r.symptoms,
    signs: r.signs,
  });
}

export function toBudapest(r: BudapestRow, isCurrent: boolean): BudapestEvaluation {
  return {
    ...meta(r),
    evaluatedOn: r.evaluatedOn,
    evaluatorName: r.evaluatorName,
    evaluatorStaffId: r.evaluatorStaffId,
    disproportionatePain: r.disproportionatePain,
    noBetterDiagnosis: r.noBetterDiagnosis,
    symptoms: allCategories(r.symptoms),
    signs: allCategories(r.signs),
    note: r.note,
    result: budapestResult(r),
    isCurrent,
  };
}

/** Latest first: by evaluation date, then by entry. The first is the current one. */
export function budapestList(ctx: Ctx, patientId: string): BudapestEvaluation[] {
  return preparedOnce(ctx.db, 'intake.budapest', (db) =>
    db
    .select()
    .from(budapestEvaluations)
    .where(and(eq(budapestEvaluations.patientId, sql.placeholder('patientId')), isNull(budapestEvaluations.deletedAt)))
    .orderBy(desc(budapestEvaluations.evaluatedOn), desc(budapestEvaluations.createdAt), desc(budapestEvaluations.id))
    .prepare(),
  ).all({ patientId })
    .map((r, i) => toBudapest(r, i === 0));
}

// --- treatments and medications -----------------------------------------------------------

export function toTreatment(r: typeof priorTreatments.$inferSelect): PriorTreatment {
  return {
    ...meta(r),
    kind: r.kind as PriorTreatment['kind'],
    name: r.name,
    dose: r.dose,
    sessions: r.sessions,
    startDate: r.startDate,
    endDate: r.endDate,
    outcome: r.outcome as PriorTreatment['outcome'],
    response: r.response,
    documentId: r.documentId,
    note: r.note,
  };
}

export function treatmentList(ctx: Ctx, patientId: string): PriorTreatment[] {
  return preparedOnce(ctx.db, 'intake.treatments', (db) =>
    db
    .select()
    .from(priorTreatments)
    .where(and(eq(priorTreatments.patientId, sql.placeholder('patientId')), isNull(priorTreatments.deletedAt)))
    .orderBy(sql`${priorTreatments.startDate} IS NULL`, asc(priorTreatments.startDate), asc(priorTreatments.createdAt))
    .prepare(),
  ).all({ patientId })
    .map(toTreatment);
}

export function toMedication(res: IntakeResources, r: typeof currentMedications.$inferSelect): Medication {
  return {
    ...meta(r),
    drug: r.drug,
    dose: r.dose,
    frequency: r.frequency,
    startDate: r.startDate,
    note: r.note,
    flags: interactionFlags(r.drug, res.interactions.rules),
  };
}

export function medicationList(ctx: Ctx, res: IntakeResources, patientId: string): Medication[] {
  return preparedOnce(ctx.db, 'intake.medications', (db) =>
    db
    .select()
    .from(currentMedications)
    .where(and(eq(currentMedications.patientId, sql.placeholder('patientId')), isNull(currentMedications.deletedAt)))
    .orderBy(sql`lower(${currentMedications.drug})`, asc(currentMedications.createdAt))
    .prepare(),
  ).all({ patientId })
    .map((r) => toMedication(res, r));
}

// --- screening ---------------------------------------------------------------------------

export function toScreening(res: IntakeResources, r: typeof screenings.$inferSelect): Screening {
  const items = res.screening.items;
  // Checklist order, then any answer to an item since dropped from the checklist.
  const known = new Set(items.map((i) => i.id));
  const answers = [
    ...items.map((i) => ({ itemId: i.id, question: i.question, answer: r.answers[i.id]?.answer ?? null, note: r.answers[i.id]?.note ?? null })),
    ...Object.entries(r.answers)
      .filter(([id]) => !known.has(id))
      .map(([id, a]) => ({ itemId: id, question: `(question no longer on the checklist: ${id})`, answer: a.answer, note: a.note ?? null })),
  ];
  return {
    ...meta(r),
    screenedOn: r.screenedOn,
    screenedBy: r.screenedBy,
    answers,
    result: evaluateScreening(items, r.answers),
  };
}

export function latestScreening(ctx: Ctx, res: IntakeResources, patientId: string): Screening | null {
  const r = preparedOnce(ctx.db, 'intake.screening', (db) =>
    db
    .select()
    .from(screenings)
    .where(and(eq(screenings.patientId, sql.placeholder('patientId')), isNull(screenings.deletedAt)))
    .orderBy(desc(screenings.screenedOn), desc(screenings.createdAt), desc(screenings.id))
    .prepare(),
  ).get({ patientId });
  return r ? toScreening(res, r) : null;
}

// --- the physician's review and sign-offs ----------------------------------------------------

export function toSignOff(r: typeof intakeSignoffs.$inferSelect): SignOff {
  return {
    id: r.id,
    patientId: r.patientId,
    signedAt: r.signedAt,
    signedByUserId: r.signedByUserId,
    signedByName: r.signedByName,
    signedByRole: r.signedByRole,
    comment: r.comment,
    reviewed: r.reviewed.map((i) => ({ key: i.key, kind: i.kind === 'interaction' ? 'interaction' : 'screening', label: i.label, detail: i.detail })),
  };
}

/** Newest first: the first is the one that counts. */
export function signOffList(ctx: Ctx, patientId: string): SignOff[] {
  return preparedOnce(ctx.db, 'intake.signoffs', (db) =>
    db
      .select()
      .from(intakeSignoffs)
      .where(and(eq(intakeSignoffs.patientId, sql.placeholder('patientId')), isNull(intakeSignoffs.deletedAt)))
      .orderBy(desc(intakeSignoffs.signedAt), desc(intakeSignoffs.createdAt), desc(intakeSignoffs.id))
      .prepare(),
  )
    .all({ patientId })
    .map(toSignOff);
}

/** The stored answers of a screening as read back (unasked items have no answer). */
const answersOf = (s: Screening): ScreeningAnswers =>
  Object.fromEntries(s.answers.flatMap((a) => (a.answer ? [[a.itemId, { answer: a.answer, note: a.note }]] : [])));

export function reviewOf(res: IntakeResources, screening: Screening | null, medications: readonly Medication[], signOffs: SignOff[]): IntakeReview {
  const items = reviewItems(res.screening.items, screening ? answersOf(screening) : null, medications, res.interactions.rules);
  return evaluateReview(items, signOffs, screening !== null);
}

/** The review as the completeness rule needs it. */
export const reviewFacts = (r: IntakeReview): CompletenessFacts['review'] => ({
  items: r.items.length,
  openLabels: r.items.filter((i) => i.open).map((i) => i.label),
  signedBefore: r.signOffs.length > 0,
});

/** The physician's review of one patient's intake as it stands now. */
export function patientReview(ctx: Ctx, res: IntakeResources, patientId: string): IntakeReview {
  return reviewOf(res, latestScreening(ctx, res, patientId), medicationList(ctx, res, patientId), signOffList(ctx, patientId));
}

// --- the whole record ----------------------------------------------------------------------

export function baselineOf(current: Score[]): IntakeRecord['baseline'] {
  const latest = (i: keyof typeof INSTRUMENTS) => current.find((s) => s.instrument === i) ?? null;
  return { nrs: latest('nrs'), vas: latest('vas'), peg: latest('peg'), bpiInterference: latest('bpi_interference'), all: current };
}

export function intakeRecord(ctx: Ctx, res: IntakeResources, patientId: string): IntakeRecord {
  const patient = livePatient(ctx, patientId);
  const diagnosisList = diagnosisRows(ctx, patientId).map((r) => toDiagnosis(res, r));
  const budapest = budapestList(ctx, patientId);
  const treatments = treatmentList(ctx, patientId);
  const medications = medicationList(ctx, res, patientId);
  const screening = latestScreening(ctx, res, patientId);
  const baselineScores = currentPatientScores(ctx, patientId, 'baseline');
  const review = reviewOf(res, screening, medications, signOffList(ctx, patientId));

  const current = budapest[0];
  const facts: CompletenessFacts = {
    diagnosisGroups: [...new Set(diagnosisList.map((d) => groupOf(res, d.code)))],
    budapest: current
      ? {
          evaluatedOn: current.evaluatedOn,
          clinicalMet: current.result.clinicalMet,
          researchMet: current.result.researchMet,
          clinicalExplanation: current.result.clinicalExplanation,
          researchExplanation: current.result.researchExplanation,
        }
      : null,
    treatments,
    baselineInstruments: new Set(baselineScores.map((s) => s.instrument)),
    screeningDone: screening !== null,
    review: reviewFacts(review),
  };

  return {
    patient,
    asOf: clinicToday(ctx),
    diagnoses: diagnosisList,
    primaryDiagnosisId: diagnosisList.find((d) => d.isPrimary)?.id ?? null,
    budapestEvaluations: budapest,
    priorTreatments: treatments,
    medications,
    screening,
    baseline: baselineOf(baselineScores),
    completeness: evaluateCompleteness(res.completeness, facts),
    review,
  };
}
