/** Patients and their insurance coverage: the API methods. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { PatientFields, PatientSummary } from '../../../src-shared/api/schemas/patients';
import { todayInZone } from '../../../src-shared/domain/dates';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { payers } from '../clinic/schema';
import { readSettings } from '../clinic/service';
import { insertRow, softDeleteRow, updateRow } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import { blockingDuplicates, findLikelyDuplicates } from './duplicates';
import { mergedInto, mergePatients, mergePreview } from './merge';
import { coverages, patients } from './schema';
import { buildPatientSearch } from './search';
import { parsePatientQuery } from './search-query';
import { patientRecord } from './record';

/** Business rules that need the clinic's data (the schema has already checked shapes). */
function checkPatientRules(ctx: HandlerContext, fields: PatientFields, selfId: string | null): void {
  const today = todayInZone(readSettings(ctx).timeZone, ctx.now());
  if (fields.dateOfBirth > today) throw ApiError.validation('dateOfBirth', 'The date of birth cannot be in the future.');
  if (fields.dateOfBirth < '1900-01-01') throw ApiError.validation('dateOfBirth', 'Check the date of birth: it is before 1900.');
  if (fields.mrn) {
    const other = ctx.db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.mrn, fields.mrn), isNull(patients.deletedAt)))
      .get();
    if (other && other.id !== selfId) {
      throw new ApiError('CONFLICT', `MRN ${fields.mrn} already belongs to another patient.`, { field: 'mrn', issues: [{ field: 'mrn', message: `MRN ${fields.mrn} already belongs to another patient.` }] });
    }
  }
}

/** Next free numeric MRN, six digits (000001, 000002, ...). */
function nextMrn(ctx: HandlerContext): string {
  const row = ctx.sqlite
    .prepare(`SELECT max(CAST(mrn AS INTEGER)) AS n FROM patients WHERE mrn GLOB '[0-9]*' AND mrn NOT GLOB '*[^0-9]*'`)
    .get() as { n: number | null };
  return String((row.n ?? 0) + 1).padStart(6, '0');
}

function detail(ctx: HandlerContext, id: string) {
  const p = ctx.db.select().from(patients).where(and(eq(patients.id, id), isNull(patients.deletedAt))).get();
  if (!p) {
    const into = mergedInto(ctx, id);
    if (into) throw new ApiError('NOT_FOUND', `This record was merged into ${into.name} (MRN ${into.mrn}). Search for that patient to open the record.`);
    throw ApiError.notFound('This patient');
  }
  const covs = ctx.db
    .select({
      id: coverages.id,
      patientId: coverages.patientId,
      payerId: coverages.payerId,
      payerName: payers.name,
      planName: coverages.planName,
      memberId: coverages.memberId,
      groupNumber: coverages.groupNumber,
      priority: coverages.priority,
      subscriberName: coverages.subscriberName,
      subscriberRelation: coverages.subscriberRelation,
      version: coverages.version,
    })
    .from(coverages)
    .innerJoin(payers, eq(payers.id, coverages.payerId))
    .where(and(eq(coverages.patientId, id), isNull(coverages.deletedAt)))
    .orderBy(sql`CASE ${coverages.priority} WHEN 'primary' THEN 0 WHEN 'secondary' THEN 1 ELSE 2 END`, asc(coverages.createdAt))
    .all();
  return { ...p, coverages: covs };
}

function checkPayer(ctx: HandlerContext, payerId: string): void {
  const p = ctx.db.select({ id: payers.id }).from(payers).where(and(eq(payers.id, payerId), isNull(payers.deletedAt))).get();
  if (!p) throw ApiError.validation('payerId', 'Choose a payer from the list.');
}

export const patientHandlers: PartialHandlers = {
  'patients.search': ({ q, limit }, ctx) => {
    const { sql: text, params } = buildPatientSearch(parsePatientQuery(q), limit);
    const rows = preparedSql(ctx.sqlite, text).all(...params) as PatientSummary[];
    return { items: rows.slice(0, limit), more: rows.length > limit };
  },

  'patients.get': ({ id }, ctx) => detail(ctx, id),

  'patients.findLikelyDuplicates': (probe, ctx) => ({ matches: findLikelyDuplicates(ctx.sqlite, probe) }),

  'patients.create': ({ confirmedNotDuplicate, ...fields }, ctx) => {
    checkPatientRules(ctx, fields, null);
    if (!confirmedNotDuplicate) {
      const same = blockingDuplicates(findLikelyDuplicates(ctx.sqlite, fields));
      if (same.length) {
        const first = same[0]!;
        const others = same.length > 1 ? ` and ${same.length - 1} more` : '';
        throw new ApiError(
          'CONFLICT',
          `A patient with this name and date of birth is already registered: ${first.firstName} ${first.lastName}, MRN ${first.mrn}${others}. Open that record, or confirm this is a different person to save a new patient.`,
        );
      }
    }
    return ctx.sqlite.transaction(() => {
      const row = insertRow(ctx, patients, patientRecord(fields, fields.mrn ?? nextMrn(ctx)));
      return detail(ctx, row.id);
    })();
  },

  'patients.update': ({ id, expectedVersion, fields }, ctx) => {
    checkPatientRules(ctx, fields, id);
    return ctx.sqlite.transaction(() => {
      const current = ctx.db.select({ mrn: patients.mrn }).from(patients).where(eq(patients.id, id)).get();
      updateRow(ctx, patients, id, patientRecord(fields, fields.mrn ?? current?.mrn ?? nextMrn(ctx)), { expectedVersion, what: 'This patient' });
      return detail(ctx, id);
    })();
  },

  'patients.remove': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, patients, id, { expectedVersion, what: 'This patient' });
    return { id };
  },

  'patients.mergePreview': ({ keepId, mergeId }, ctx) => mergePreview(ctx, keepId, mergeId),

  'patients.merge': ({ keepId, mergeId, conflictId }, ctx) => mergePatients(ctx, keepId, mergeId, conflictId),

  'patients.addCoverage': ({ patientId, fields }, ctx) => {
    detail(ctx, patientId); // NOT_FOUND for an unknown or removed patient
    checkPayer(ctx, fields.payerId);
    const row = insertRow(ctx, coverages, { ...fields, patientId });
    const found = detail(ctx, patientId).coverages.find((c) => c.id === row.id);
    return found!;
  },

  'patients.updateCoverage': ({ id, expectedVersion, fields }, ctx) => {
    checkPayer(ctx, fields.payerId);
    const row = updateRow(ctx, coverages, id, fields, { expectedVersion, what: 'This coverage' });
    return detail(ctx, row.patientId).coverages.find((c) => c.id === id)!;
  },

  'patients.removeCoverage': ({ id, expectedVersion }, ctx) => {
    softDeleteRow(ctx, coverages, id, { expectedVersion, what: 'This coverage' });
    return { id };
  },
};
