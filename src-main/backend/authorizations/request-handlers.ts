/**
 * API handlers of the authorization request (issue 11, P6): one authorization's page, and the
 * request's fields while it is a draft. The payer's member and group id come from the patient's
 * coverage unless typed; the payer's rule-set key is copied so the request is checked against the
 * payer it was written for. Writes go through the mutation helpers (synced, audited).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { RequestFields } from '../../../src-shared/api/schemas/authorization-request';
import { defaultServiceLines } from '../../../src-shared/domain/authorizations/service-lines';
import { formatCalendarDate } from '../../../src-shared/domain/dates';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { payers, staff } from '../clinic/schema';
import { insertRow, updateRow } from '../db/mutate';
import { coverages, patients } from '../patients/schema';
import { seriesTemplates } from '../series/schema';
import { authorizations } from './schema';
import { ruleSetFor } from './rule-sets';
import { authorizationOut, recordFormStatus } from './service';

type AuthRow = typeof authorizations.$inferSelect;

/** Statuses whose request may still be changed: nothing has gone to the payer yet. */
const EDITABLE = new Set(['draft', 'ready']);

function readRow(ctx: HandlerContext, id: string): AuthRow {
  const row = ctx.db.select().from(authorizations).where(and(eq(authorizations.id, id), isNull(authorizations.deletedAt))).get();
  if (!row) throw ApiError.notFound('This authorization');
  return row;
}

/** The fields as they will be stored: coverage facts filled in, references checked, dates in order. */
function resolve(ctx: HandlerContext, patientId: string, fields: RequestFields, current: Partial<AuthRow>): Partial<AuthRow> {
  const out: Partial<AuthRow> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<AuthRow>;
  if (fields.coverageId) {
    const c = ctx.db
      .select()
      .from(coverages)
      .where(and(eq(coverages.id, fields.coverageId), eq(coverages.patientId, patientId), isNull(coverages.deletedAt)))
      .get();
    if (!c) throw new ApiError('NOT_FOUND', 'This coverage is not one of the patient’s. Choose the coverage again.', { field: 'coverageId' });
    if (fields.payerId === undefined || fields.payerId === null) out.payerId = c.payerId;
    else if (fields.payerId !== c.payerId) throw ApiError.validation('payerId', 'The payer is not the coverage’s payer: choose the coverage for this payer, or no coverage.');
    if (!fields.memberId) out.memberId = c.memberId;
    if (fields.groupNumber === undefined || fields.groupNumber === null) out.groupNumber = c.groupNumber;
  }
  const payerId = out.payerId !== undefined ? out.payerId : current.payerId;
  if (out.payerId !== undefined) {
    if (payerId) {
      const p = ctx.db.select({ ruleSetKey: payers.ruleSetKey }).from(payers).where(and(eq(payers.id, payerId), isNull(payers.deletedAt))).get();
      if (!p) throw new ApiError('NOT_FOUND', 'This payer was not found. It may have been removed on another device.', { field: 'payerId' });
      out.ruleSetKey = p.ruleSetKey ?? null;
    } else out.ruleSetKey = null;
  }
  if (fields.orderingProviderId) {
    const s = ctx.db.select({ id: staff.id }).from(staff).where(and(eq(staff.id, fields.orderingProviderId), isNull(staff.deletedAt))).get();
    if (!s) throw new ApiError('NOT_FOUND', 'This provider was not found among the staff.', { field: 'orderingProviderId' });
  }
  if (fields.templateId) {
    const t = ctx.db.select({ id: seriesTemplates.id }).from(seriesTemplates).where(eq(seriesTemplates.id, fields.templateId)).get();
    if (!t) throw new ApiError('NOT_FOUND', 'This series template was not found.', { field: 'templateId' });
  }
  const start = out.requestedStartDate !== undefined ? out.requestedStartDate : current.requestedStartDate;
  const end = out.requestedEndDate !== undefined ? out.requestedEndDate : current.requestedEndDate;
  if (start && end && end < start) {
    throw ApiError.validation('requestedEndDate', `The last day asked for (${formatCalendarDate(end)}) is before the first day asked for (${formatCalendarDate(start)}).`);
  }
  return out;
}

export const authorizationRequestHandlers: PartialHandlers = {
  'authorizations.get': ({ id }, ctx) => {
    const row = readRow(ctx, id);
    const p = ctx.db
      .select({ firstName: patients.firstName, lastName: patients.lastName, mrn: patients.mrn, dob: patients.dateOfBirth })
      .from(patients)
      .where(eq(patients.id, row.patientId))
      .get();
    if (!p) throw ApiError.notFound('This authorization’s patient');
    const payer = row.payerId ? ctx.db.select({ name: payers.name }).from(payers).where(eq(payers.id, row.payerId)).get() : undefined;
    const provider = row.orderingProviderId
      ? ctx.db.select({ name: staff.name, npi: staff.npi }).from(staff).where(eq(staff.id, row.orderingProviderId)).get()
      : undefined;
    const template = row.templateId ? ctx.db.select({ name: seriesTemplates.name }).from(seriesTemplates).where(eq(seriesTemplates.id, row.templateId)).get() : undefined;
    return {
      ...authorizationOut(ctx, row),
      patientName: `${p.firstName} ${p.lastName}`,
      patientMrn: p.mrn,
      patientDateOfBirth: p.dob,
      payerName: payer?.name ?? null,
      orderingProviderName: provider?.name ?? null,
      orderingProviderNpi: provider?.npi ?? null,
      templateName: template?.name ?? null,
    };
  },

  'authorizations.createRequest': ({ patientId, ...fields }, ctx) => {
    const p = ctx.db.select({ id: patients.id }).from(patients).where(and(eq(patients.id, patientId), isNull(patients.deletedAt))).get();
    if (!p) throw new ApiError('NOT_FOUND', 'This patient was not found. They may have been removed on another device.', { field: 'patientId' });
    const values = resolve(ctx, patientId, fields, {});
    if (!values.payerId) throw ApiError.validation('payerId', 'Choose the payer the request goes to.');
    // No codes typed: the payer's rule set's, with 96366 units from the template's infusion length.
    if (fields.serviceLines === undefined || fields.serviceLines === null || fields.serviceLines.length === 0) {
      const minutes = values.templateId
        ? (ctx.db.select({ m: seriesTemplates.infusionMinutes }).from(seriesTemplates).where(eq(seriesTemplates.id, values.templateId)).get()?.m ?? null)
        : null;
      values.serviceLines = defaultServiceLines(ruleSetFor(ctx, values.ruleSetKey ?? values.payerId).rules, minutes);
    }
    // The history starts with the request (who wrote it, as a draft), as it does for the plain form.
    return ctx.sqlite.transaction(() => {
      const row = insertRow(ctx, authorizations, { ...values, patientId, status: 'draft', expedited: values.expedited ?? false } as never);
      recordFormStatus(ctx, row.id, null, row.status, {}, row.createdAt);
      return authorizationOut(ctx, row);
    })();
  },

  'authorizations.updateRequest': ({ id, expectedVersion, ...fields }, ctx) => {
    const current = readRow(ctx, id);
    if (!EDITABLE.has(current.status)) {
      throw new ApiError('CONFLICT', 'This request has been sent: what it asked for can no longer be changed. Record what happens next as a status step.');
    }
    const values = resolve(ctx, current.patientId, fields, current);
    return authorizationOut(ctx, updateRow(ctx, authorizations, id, values, { expectedVersion, what: 'This authorization' }));
  },
};
