/**
 * authorizations.exportPas: reads the request's rows (authorization, payer, coverage, ordering
 * provider, clinic, chart evidence, supporting files) and hands them to the pure PAS builder
 * (src-shared/domain/authorizations/pas-bundle.ts). The audit trail records the call as an
 * export (audit/classification.ts). Nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { ApiError } from '../../../../src-shared/api/errors';
import type { PasExport } from '../../../../src-shared/api/methods/authorization-pas';
import { buildPasBundle, citedDocumentIds, type PasDocument } from '../../../../src-shared/domain/authorizations/pas-bundle';
import type { HandlerContext } from '../../api/context';
import { payers, staff } from '../../clinic/schema';
import { readSettings } from '../../clinic/service';
import { documents } from '../../documents/schema';
import { readDocumentBytes } from '../../documents/store';
import { coverages } from '../../patients/schema';
import { readAuthorization } from '../lifecycle';
import { authorizationLetters } from '../schema';
import { pasChartEvidence } from './evidence-source';

export function exportPas(ctx: HandlerContext, id: string, placeOfService: string): PasExport {
  const a = readAuthorization(ctx, id);
  const payer = a.payerId ? ctx.db.select().from(payers).where(and(eq(payers.id, a.payerId), isNull(payers.deletedAt))).get() ?? null : null;
  const provider = a.orderingProviderId
    ? ctx.db.select().from(staff).where(and(eq(staff.id, a.orderingProviderId), isNull(staff.deletedAt))).get() ?? null
    : null;
  // The coverage the request names, else the patient's coverage with this payer (primary first).
  const coverage =
    (a.coverageId ? ctx.db.select().from(coverages).where(and(eq(coverages.id, a.coverageId), isNull(coverages.deletedAt))).get() : undefined) ??
    (a.payerId
      ? ctx.db
          .select()
          .from(coverages)
          .where(and(eq(coverages.patientId, a.patientId), eq(coverages.payerId, a.payerId), isNull(coverages.deletedAt)))
          .all()
          .sort((x, y) => x.priority.localeCompare(y.priority))[0]
      : undefined) ??
    null;
  const evidence = pasChartEvidence(ctx, a.patientId);
  const clinic = readSettings(ctx);

  // Supporting records: the filed request package (the letter and its enclosures), then each record the chart evidence cites.
  const pkg = ctx.db
    .select({ documentId: authorizationLetters.documentId })
    .from(authorizationLetters)
    .where(and(eq(authorizationLetters.authorizationId, id), eq(authorizationLetters.kind, 'package'), eq(authorizationLetters.state, 'final'), isNull(authorizationLetters.deletedAt)))
    .orderBy(desc(authorizationLetters.finalizedAt))
    .get();
  const wanted = [...new Set([...(pkg?.documentId ? [pkg.documentId] : []), ...citedDocumentIds(evidence)])];
  const rows = wanted.length
    ? ctx.db.select().from(documents).where(and(inArray(documents.id, wanted), eq(documents.patientId, a.patientId), isNull(documents.deletedAt))).all()
    : [];
  const docs: PasDocument[] = wanted.flatMap((docId) => {
    const d = rows.find((r) => r.id === docId);
    if (!d) return [];
    return [{ id: d.id, title: d.title, docType: d.docType, mimeType: d.mimeType, sizeBytes: d.sizeBytes, createdAt: d.createdAt, base64: readDocumentBytes(ctx, d.storedPath).toString('base64') }];
  });

  const built = buildPasBundle({
    authorization: a,
    payer: payer && { id: payer.id, name: payer.name, payerCode: payer.payerCode },
    coverage: coverage && {
      id: coverage.id,
      memberId: coverage.memberId,
      groupNumber: coverage.groupNumber,
      planName: coverage.planName,
      subscriberName: coverage.subscriberName,
      subscriberRelation: coverage.subscriberRelation,
    },
    provider: provider && { id: provider.id, name: provider.name, npi: provider.npi },
    clinic: { id: clinic.id, name: clinic.name },
    evidence,
    documents: docs,
    placeOfService,
    now: ctx.now(),
    newId: randomUUID,
  });
  if (!built.ok) {
    const [first] = built.issues;
    const message = built.issues.length === 1 ? first!.message : `The electronic form needs ${built.issues.length} more things: ${built.issues.map((i) => i.message).join(' ')}`;
    throw new ApiError('VALIDATION', message, { field: first!.field, issues: built.issues });
  }
  const json = JSON.stringify(built.bundle, null, 2);
  return {
    json,
    fileName: `prior-authorization-${evidence.patient.lastName.replace(/[^\w-]+/g, '') || 'request'}-${new Date(ctx.now()).toISOString().slice(0, 10)}.json`,
    warnings: built.warnings,
    resources: built.bundle.entry.length,
    documents: docs.length,
  };
}
