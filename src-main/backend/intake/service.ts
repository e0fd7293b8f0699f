/**
 * Intake: the API methods. Shapes are checked by the contract's schemas; the rules that need
 * the clinic's data (today, the patient's birth date, the ICD-10 list, the checklists) are
 * checked here before anything is written, so a refused request saves nothing.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import {
  INSTRUMENTS,
  type BudapestFields,
  type IntakeReference,
} from '../../../src-shared/api/schemas/intake';
import { BUDAPEST_CATEGORIES } from '../../../src-shared/domain/budapest';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { staff } from '../clinic/schema';
import { insertRow, softDeleteRow, updateRow } from '../db/mutate';
import {
  budapestList,
  clinicToday,
  intakeRecord,
  livePatient,
  patientReview,
  toSignOff,
  toDiagnosis,
  toMedication,
  toScreening,
  toTreatment,
} from './record';
import { intakeResources, type IntakeResources } from './resources';
import { searchIcd10 } from './rules/icd10-search';
import { interactionFlags } from './rules/interactions';
import { reviewedMismatch } from './rules/review';
import { firstUnanswered } from './rules/screening';
import { budapestEvaluations, currentMedications, diagnoses, intakeSignoffs, priorTreatments, screenings } from './schema';
import { intakeWorklist } from './worklist';

// --- shared checks --------------------------------------------------------------------------

/** A calendar date that must not be after the clinic's today nor before the patient's birth. */
function checkPastDate(
  field: string,
  label: string,
  value: string | null,
  bounds: { today: string; dateOfBirth: string },
): void {
  if (!value) return;
  if (value > bounds.today) throw ApiError.validation(field, `The ${label} cannot be in the future.`);
  if (value < bounds.dateOfBirth) {
    throw ApiError.validation(field, `The ${label} cannot be before the patient's date of birth (${bounds.dateOfBirth}).`);
  }
}

function bounds(ctx: HandlerContext, patientId: string) {
  const p = livePatient(ctx, patientId);
  return { patient: p, today: clinicToday(ctx), dateOfBirth: p.dateOfBirth };
}

function rowOf<T extends { patientId: string; deletedAt: number | null }>(row: T | undefined, what: string): T {
  if (!row || row.deletedAt !== null) throw ApiError.notFound(what);
  return row;
}

function conflict(field: string, message: string): ApiError {
  return new ApiError('CONFLICT', message, { field, issues: [{ field, message }] });
}

// --- diagnoses ------------------------------------------------------------------------------

function checkCode(res: IntakeResources, code: string): void {
  const entry = res.icd10ByCode.get(code);
  if (!entry) throw ApiError.validation('code', `${code} is not in the clinic's ICD-10 list.`);
  if (!entry.billable) {
    const child = res.icd10.codes.find((c) => c.billable && c.code.startsWith(code));
    throw ApiError.validation(
      'code',
      `${code} is a category, not a billable code. Choose a more specific code${child ? `, such as ${child.code}` : ''}.`,
    );
  }
}

function checkDuplicateCode(ctx: HandlerContext, patientId: string, code: string, selfId: string | null): void {
  const clash = ctx.db
    .select({ id: diagnoses.id })
    .from(diagnoses)
    .where(and(eq(diagnoses.patientId, patientId), eq(diagnoses.code, code), isNull(diagnoses.deletedAt), selfId ? ne(diagnoses.id, selfId) : undefined))
    .get();
  if (clash) throw conflict('code', `${code} is already one of this patient's diagnoses.`);
}

/** Setting one primary clears the other, in the caller's transaction. */
function clearOtherPrimary(ctx: HandlerContext, patientId: string, selfId: string): void {
  const others = ctx.db
    .select({ id: diagnoses.id })
    .from(diagnoses)
    .where(and(eq(diagnoses.patientId, patientId), eq(diagnoses.isPrimary, true), isNull(diagnoses.deletedAt), ne(diagnoses.id, selfId)))
    .all();
  for (const o of others) updateRow(ctx, diagnoses, o.id, { isPrimary: false }, { what: 'The other primary diagnosis' });
}

// --- Budapest -------------------------------------------------------------------------------

function checkBudapest(ctx: HandlerContext, res: IntakeResources, f: BudapestFields, b: { today: string; dateOfBirth: string }): void {
  checkPastDate('evaluatedOn', 'evaluation date', f.evaluatedOn, b);
  for (const kind of ['symptoms', 'signs'] as const) {
    for (const c of BUDAPEST_CATEGORIES) {
      const known = res.budapestIds[c]?.[kind];
      const label = res.budapest.categories.find((x) => x.id === c)?.label.toLowerCase() ?? c;
      const unknown = f[kind][c].find((id) => !known?.has(id));
      if (unknown !== undefined) {
        throw ApiError.validation(`${kind}.${c}`, `"${unknown}" is not a ${label} ${kind === 'symptoms' ? 'symptom' : 'sign'} on the Budapest checklist.`);
      }
    }
  }
  if (f.evaluatorStaffId) {
    const s = ctx.db.select({ id: staff.id }).from(staff).where(and(eq(staff.id, f.evaluatorStaffId), isNull(staff.deletedAt))).get();
    if (!s) throw ApiError.validation('evaluatorStaffId', 'Choose the evaluator from the staff list.');
  }
}

const budapestRecord = (f: BudapestFields) => ({
  evaluatedOn: f.evaluatedOn,
  evaluatorName: f.evaluatorName,
  evaluatorStaffId: f.evaluatorStaffId,
  disproportionatePain: f.disproportionatePain,
  noBetterDiagnosis: f.noBetterDiagnosis,
  // Only ticked categories are stored; reading fills in the rest.
  symptoms: Object.fromEntries(BUDAPEST_CATEGORIES.filter((c) => f.symptoms[c].length).map((c) => [c, f.symptoms[c]])),
  signs: Object.fromEntries(BUDAPEST_CATEGORIES.filter((c) => f.signs[c].length).map((c) => [c, f.signs[c]])),
  note: f.note,
});

const budapestOut = (ctx: HandlerContext, patientId: string, id: string) => budapestList(ctx, patientId).find((e) => e.id === id)!;

// --- reference --------------------------------------------------------------------------------

function reference(res: IntakeResources): IntakeReference {
  return {
    icd10: { source: res.icd10.source, groups: res.icd10.groups, codes: res.icd10.codes },
    budapest: res.budapest,
    screening: res.screening,
    treatments: res.treatments,
    interactions: res.interactions,
    completeness: {
      note: res.completeness.note,
      items: res.completeness.items.map(({ id, label, missing, section }) => ({ id, label, missing, section })),
      groups: res.completeness.groups,
      withoutDiagnosis: res.completeness.withoutDiagnosis,
    },
    instruments: Object.values(INSTRUMENTS),
  };
}

// --- handlers ---------------------------------------------------------------------------------

export const intakeHandlers: PartialHandlers = {
  'intake.reference': () => reference(intakeResources()),

  'intake.searchIcd10': ({ q, limit, includeHeaders }) => searchIcd10(intakeResources().icd10.codes, q, { limit, includeHeaders }),

  'intake.checkInteractions': ({ drug }) => ({ flags: interactionFlags(drug, intakeResources().interactions.rules) }),

  'intake.get': ({ patientId }, ctx) => intakeRecord(ctx, intakeResources(), patientId),

  'intake.worklist': (opts, ctx) => intakeWorklist(ctx, intakeResources(), opts),

  // Diagnoses

  'intake.addDiagnosis': ({ patientId, fields }, ctx) => {
    const res = intakeResources();
    const b = bounds(ctx, patientId);
    checkCode(res, fields.code);
    checkPastDate('onsetDate', 'onset date', fields.onsetDate, b);
    return ctx.sqlite.transaction(() => {
      checkDuplicateCode(ctx, patientId, fields.code, null);
      const hasAny = ctx.db
        .select({ id: diagnoses.id })
        .from(diagnoses)
        .where(and(eq(diagnoses.patientId, patientId), isNull(diagnoses.deletedAt)))
        .get();
      // The first diagnosis is the primary one until another is chosen.
      const isPrimary = fields.isPrimary || !hasAny;
      const row = insertRow(ctx, diagnoses, { patientId, code: fields.code, isPrimary, onsetDate: fields.onsetDate, note: fields.note });
      if (isPrimary) clearOtherPrimary(ctx, patientId, row.id);
      return toDiagnosis(res, row);
    })();
  },

  'intake.updateDiagnosis': ({ id, expectedVersion, fields }, ctx) => {
    const res = intakeResources();
    const current = rowOf(ctx.db.select().from(diagnoses).where(eq(diagnoses.id, id)).get(), 'This diagnosis');
    const b = bounds(ctx, current.patientId);
    checkCode(res, fields.code);
    checkPastDate('onsetDate', 'onset date', fields.onsetDate, b);
    return ctx.sqlite.transaction(() => {
      checkDuplicateCode(ctx, current.patientId, fields.code, id);
      const row = updateRow(
        ctx,
        diagnoses,
        id,
        { code: fields.code, onsetDate: fields.onsetDate, note: fields.note, ...(fields.isPrimary !== undefined ? { isPrimary: fields.isPrimary } : {}) },
        { expectedVersion, what: 'This diagnosis' },
      );
      if (row.isPrimary) clearOtherPrimary(ctx, current.patientId, id);
      return toDiagnosis(res, row);
    })();
  },

  'intake.removeDiagnosis': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, diagnoses, id, { expectedVersion, what: 'This diagnosis' });
    return { id };
  },

  // Budapest

  'intake.recordBudapest': ({ patientId, fields }, ctx) => {
    const res = intakeResources();
    checkBudapest(ctx, res, fields, bounds(ctx, patientId));
    const row = insertRow(ctx, budapestEvaluations, { patientId, ...budapestRecord(fields) });
    return budapestOut(ctx, patientId, row.id);
  },

  'intake.updateBudapest': ({ id, expectedVersion, fields }, ctx) => {
    const res = intakeResources();
    const current = rowOf(ctx.db.select().from(budapestEvaluations).where(eq(budapestEvaluations.id, id)).get(), 'This Budapest evaluation');
    checkBudapest(ctx, res, fields, bounds(ctx, current.patientId));
    updateRow(ctx, budapestEvaluations, id, budapestRecord(fields), { expectedVersion, what: 'This Budapest evaluation' });
    return budapestOut(ctx, current.patientId, id);
  },

  'intake.removeBudapest': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, budapestEvaluations, id, { expectedVersion, what: 'This Budapest evaluation' });
    return { id };
  },

  // Prior treatments

  'intake.addTreatment': ({ patientId, fields }, ctx) => {
    const b = bounds(ctx, patientId);
    checkPastDate('startDate', 'start date', fields.startDate, b);
    checkPastDate('endDate', 'end date', fields.endDate, b);
    return toTreatment(insertRow(ctx, priorTreatments, { patientId, ...fields }));
  },

  'intake.updateTreatment': ({ id, expectedVersion, fields }, ctx) => {
    const current = rowOf(ctx.db.select().from(priorTreatments).where(eq(priorTreatments.id, id)).get(), 'This treatment');
    const b = bounds(ctx, current.patientId);
    checkPastDate('startDate', 'start date', fields.startDate, b);
    checkPastDate('endDate', 'end date', fields.endDate, b);
    return toTreatment(updateRow(ctx, priorTreatments, id, fields, { expectedVersion, what: 'This treatment' }));
  },

  'intake.removeTreatment': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, priorTreatments, id, { expectedVersion, what: 'This treatment' });
    return { id };
  },

  // Current medications

  'intake.addMedication': ({ patientId, fields }, ctx) => {
    checkPastDate('startDate', 'start date', fields.startDate, bounds(ctx, patientId));
    return toMedication(intakeResources(), insertRow(ctx, currentMedications, { patientId, ...fields }));
  },

  'intake.updateMedication': ({ id, expectedVersion, fields }, ctx) => {
    const current = rowOf(ctx.db.select().from(currentMedications).where(eq(currentMedications.id, id)).get(), 'This medication');
    checkPastDate('startDate', 'start date', fields.startDate, bounds(ctx, current.patientId));
    return toMedication(intakeResources(), updateRow(ctx, currentMedications, id, fields, { expectedVersion, what: 'This medication' }));
  },

  'intake.removeMedication': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, currentMedications, id, { expectedVersion, what: 'This medication' });
    return { id };
  },

  // Screening

  'intake.recordScreening': ({ patientId, screenedOn, screenedBy, answers }, ctx) => {
    const res = intakeResources();
    const b = bounds(ctx, patientId);
    checkPastDate('screenedOn', 'screening date', screenedOn, b);
    const items = res.screening.items;
    const unknown = Object.keys(answers).find((id) => !items.some((i) => i.id === id));
    if (unknown !== undefined) throw ApiError.validation(`answers.${unknown}`, `"${unknown}" is not on the screening checklist.`);
    const missing = firstUnanswered(items, answers);
    if (missing) throw ApiError.validation(`answers.${missing.id}`, `Answer every screening question. Not answered yet: "${missing.question}"`);
    const stored = Object.fromEntries(items.map((i) => [i.id, { answer: answers[i.id]!.answer, note: answers[i.id]!.note ?? null }]));
    const row = insertRow(ctx, screenings, { patientId, screenedOn, screenedBy: screenedBy ?? ctx.user.displayName, answers: stored });
    return toScreening(res, row);
  },

  // The physician's sign-off

  'intake.signOff': ({ patientId, reviewed, comment }, ctx) => {
    const res = intakeResources();
    livePatient(ctx, patientId);
    // Read and write in one transaction: a change synced in between cannot slip under the sign-off.
    return ctx.sqlite.transaction(() => {
      const review = patientReview(ctx, res, patientId);
      if (review.blockedReason) throw conflict('reviewed', review.blockedReason);
      const mismatch = reviewedMismatch(review, reviewed);
      if (mismatch) throw conflict('reviewed', mismatch);
      const row = insertRow(ctx, intakeSignoffs, {
        patientId,
        signedAt: ctx.now(),
        signedByUserId: ctx.user.id,
        signedByName: ctx.user.displayName,
        signedByRole: ctx.user.role,
        comment,
        // Every current item, also those the last sign-off covered: only the latest counts.
        reviewed: review.items.map(({ key, kind, label, detail }) => ({ key, kind, label, detail })),
      });
      return toSignOff(row);
    })();
  },
};

