/**
 * Reads what the package is written from: the authorization's request (payer and fax, member and
 * group id, codes, sessions, dates, ordering provider with credentials and NPI, clinic), the
 * chart evidence and the payer rule set (through the letters' seam, so tests can put a fixture
 * chart there), and each enclosed record's bytes from the sealed document store.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { ApiError } from '../../../../src-shared/api/errors';
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import { credentialsFromName } from '../../../../src-shared/domain/authorizations/letters';
import type { PayerRuleSet } from '../../../../src-shared/domain/authorizations/payer-rules';
import type { HandlerContext } from '../../api/context';
import { clinicSettings, payers, staff } from '../../clinic/schema';
import { documents } from '../../documents/schema';
import { readDocumentBytes } from '../../documents/store';
import { coverages } from '../../patients/schema';
import { readAuthorization } from '../lifecycle';
import { letterSources } from '../letters/sources';
import type { PackageRequest } from './package-model';
import type { RecordBytes } from './package-pdf';

type AuthRow = ReturnType<typeof readAuthorization>;

export interface PackageSources {
  auth: AuthRow;
  request: PackageRequest;
  evidence: ChartEvidence;
  rules: PayerRuleSet | null;
}

function requestOf(ctx: HandlerContext, a: AuthRow): PackageRequest {
  const payer = a.payerId ? ctx.db.select({ name: payers.name, fax: payers.fax }).from(payers).where(eq(payers.id, a.payerId)).get() : undefined;
  const coverage = a.coverageId ? ctx.db.select().from(coverages).where(eq(coverages.id, a.coverageId)).get() : undefined;
  const person = a.orderingProviderId
    ? ctx.db.select({ name: staff.name, npi: staff.npi }).from(staff).where(and(eq(staff.id, a.orderingProviderId), isNull(staff.deletedAt))).get()
    : undefined;
  const clinic = ctx.db.select({ name: clinicSettings.name }).from(clinicSettings).where(isNull(clinicSettings.deletedAt)).get();
  let orderingProvider: PackageRequest['orderingProvider'] = null;
  if (person) {
    const credentials = credentialsFromName(person.name);
    // "Dana Whitfield, MD" prints as name and credentials apart, never "MD, MD".
    const name = credentials ? person.name.slice(0, person.name.lastIndexOf(',', person.name.length - credentials.length)).trim() : person.name;
    orderingProvider = { name, credentials, npi: person.npi };
  }
  return {
    clinicName: clinic?.name ?? '',
    payerName: payer?.name ?? 'Payer not chosen',
    payerFax: payer?.fax ?? null,
    memberId: a.memberId ?? coverage?.memberId ?? null,
    groupNumber: a.groupNumber ?? coverage?.groupNumber ?? null,
    serviceLines: a.serviceLines ?? [],
    requestedSessions: a.requestedSessions,
    requestedStartDate: a.requestedStartDate,
    requestedEndDate: a.requestedEndDate,
    icd10Codes: a.icd10Codes ?? [],
    orderingProvider,
    expedited: a.expedited,
    renewal: !!a.renewalOfId,
  };
}

export function packageSources(ctx: HandlerContext, authorizationId: string): PackageSources {
  const auth = readAuthorization(ctx, authorizationId);
  const loaded = letterSources.evidence(ctx, auth.patientId);
  if (!loaded) throw ApiError.notFound('This patient’s chart');
  // The request's own diagnosis group decides which of the payer's criteria the letter answers.
  const evidence: ChartEvidence = { ...loaded, diagnosisGroup: (auth.diagnosisGroup as ChartEvidence['diagnosisGroup']) ?? loaded.diagnosisGroup };
  return { auth, request: requestOf(ctx, auth), evidence, rules: letterSources.ruleSet(ctx, auth.ruleSetKey, auth.payerId) };
}

/** A reader of the patient's own documents for the PDF: a record removed or of another patient is refused by name. */
export function recordReader(ctx: HandlerContext, patientId: string, ids: string[]): (documentId: string) => RecordBytes {
  const rows = ids.length
    ? ctx.db
        .select({ id: documents.id, storedPath: documents.storedPath, mimeType: documents.mimeType, patientId: documents.patientId, deletedAt: documents.deletedAt })
        .from(documents)
        .where(inArray(documents.id, ids))
        .all()
    : [];
  const byId = new Map(rows.filter((r) => r.patientId === patientId && r.deletedAt === null).map((r) => [r.id, r]));
  return (documentId) => {
    const r = byId.get(documentId);
    if (!r) throw new ApiError('VALIDATION', 'A ticked record is no longer on the patient’s chart. Untick it and try again.', { field: 'enclosures' });
    return { bytes: readDocumentBytes(ctx, r.storedPath), mimeType: r.mimeType };
  };
}
