/** Gathers what a letter is written from: the authorization, patient, payer, physician, clinic and chart. */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../../src-shared/api/errors';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { credentialsFromName, type LetterFacts } from '../../../../src-shared/domain/authorizations/letters';
import type { PayerRuleSet } from '../../../../src-shared/domain/authorizations/payer-rules';
import type { HandlerContext } from '../../api/context';
import { clinicSettings, payers, staff } from '../../clinic/schema';
import { coverages, patients } from '../../patients/schema';
import { readScheduleSettings } from '../../scheduling/schedule-data';
import { readAuthorization } from '../lifecycle';
import { letterSources } from './sources';

export interface FactOptions {
  callWindows?: (string | null)[] | undefined;
  physicianId?: string | undefined;
  physicianCredentials?: string | null | undefined;
  physicianPhone?: string | null | undefined;
  /** Load the chart's evidence (the provider appeal's criteria need it; warnings do not). */
  withEvidence?: boolean;
}

export function letterFacts(ctx: HandlerContext, authorizationId: string, opts: FactOptions = {}): { facts: LetterFacts; diagnosisGroup: string | null; patientId: string; clocks: PayerRuleSet['clocks'] | undefined } {
  const a = readAuthorization(ctx, authorizationId);
  const patient = ctx.db.select().from(patients).where(eq(patients.id, a.patientId)).get();
  if (!patient || patient.deletedAt !== null) throw ApiError.notFound('This patient');
  const payer = a.payerId ? ctx.db.select().from(payers).where(eq(payers.id, a.payerId)).get() : undefined;
  const coverage = a.coverageId ? ctx.db.select().from(coverages).where(eq(coverages.id, a.coverageId)).get() : undefined;
  const physicianId = opts.physicianId ?? a.orderingProviderId;
  const person = physicianId ? ctx.db.select().from(staff).where(and(eq(staff.id, physicianId), isNull(staff.deletedAt))).get() : undefined;
  if (opts.physicianId && !person) throw new ApiError('NOT_FOUND', 'This physician was not found in the clinic’s staff.', { field: 'physicianId' });
  const { timeZone } = readScheduleSettings(ctx.sqlite);
  const clinic = ctx.db.select({ name: clinicSettings.name }).from(clinicSettings).where(isNull(clinicSettings.deletedAt)).get();
  const ruleSet = letterSources.ruleSet(ctx, a.ruleSetKey, a.payerId);

  let physician: LetterFacts['physician'] = null;
  if (person) {
    const fromName = credentialsFromName(person.name);
    // "Dana Whitfield, MD": the name without its credentials, so the letter does not say "MD, MD".
    const name = fromName ? person.name.slice(0, person.name.lastIndexOf(',', person.name.length - fromName.length)).trim() : person.name;
    physician = { name, credentials: opts.physicianCredentials ?? fromName, npi: person.npi, phone: opts.physicianPhone ?? null };
  }
  const facts: LetterFacts = {
    today: todayInZone(timeZone, ctx.now()),
    clinicName: clinic?.name ?? '',
    patient: { firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth, mrn: patient.mrn },
    payerName: payer?.name ?? null,
    planName: coverage?.planName ?? null,
    authorization: {
      ...a,
      groupNumber: a.groupNumber ?? coverage?.groupNumber ?? null,
      memberId: a.memberId ?? coverage?.memberId ?? null,
      serviceLines: a.serviceLines ?? null,
      icd10Codes: a.icd10Codes ?? null,
    },
    physician,
    callWindows: (opts.callWindows ?? []).filter((w): w is string => !!w),
    evidence: opts.withEvidence ? letterSources.evidence(ctx, a.patientId) : null,
    ruleSet,
  };
  return { facts, diagnosisGroup: a.diagnosisGroup, patientId: a.patientId, clocks: ruleSet?.clocks };
}
