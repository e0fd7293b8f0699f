/**
 * The chart facts the PAS export reads: the patient, the diagnoses with their descriptions and
 * the records the evidence cites (sent as supporting documents).
 *
 * Until P1's loadChartEvidence (authorizations/evidence.ts) lands, this reads only the patient;
 * the diagnoses then come from the request's own ICD-10 codes and no chart records are cited
 * (the filed package still goes). Swapping the body for loadChartEvidence is the whole change.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../../src-shared/api/errors';
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import type { HandlerContext } from '../../api/context';
import { patients } from '../../patients/schema';

export type PasEvidence = Pick<ChartEvidence, 'patient' | 'diagnoses' | 'treatments' | 'consultation'>;

export function pasChartEvidence(ctx: HandlerContext, patientId: string): PasEvidence {
  const p = ctx.db.select().from(patients).where(and(eq(patients.id, patientId), isNull(patients.deletedAt))).get();
  if (!p) throw ApiError.notFound('This patient');
  return {
    patient: { id: p.id, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, sex: p.sex, mrn: p.mrn },
    diagnoses: [],
    treatments: [],
    consultation: null,
  };
}
