/**
 * The chart facts the PAS export reads: the patient, the diagnoses with their descriptions and
 * the records the evidence cites (sent as supporting documents). Read through loadChartEvidence
 * (authorizations/evidence.ts), so the electronic form says what readiness, the package letter
 * and the appeal letters say: the chart's ICD-10 diagnoses (primary first) when the request names
 * none, and every record a diagnosis, prior treatment or the clearing consultation cites.
 */
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import type { HandlerContext } from '../../api/context';
import { loadChartEvidence } from '../evidence';

export type PasEvidence = Pick<ChartEvidence, 'patient' | 'diagnoses' | 'treatments' | 'consultation'>;

export function pasChartEvidence(ctx: HandlerContext, patientId: string): PasEvidence {
  const { patient, diagnoses, treatments, consultation } = loadChartEvidence(ctx, patientId);
  return { patient, diagnoses, treatments, consultation };
}
