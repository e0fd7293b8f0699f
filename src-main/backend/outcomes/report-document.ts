/** outcomes.reportPdf: the payer outcomes report, rendered and filed in the patient's documents. */
import { ApiError } from '../../../src-shared/api/errors';
import { localDateAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { readSettings } from '../clinic/service';
import { preparedSql } from '../db/prepared';
import { REPORT_CONTENT_WIDTH, renderReportPdf } from '../documents/pdf/render-pdf';
import { saveGeneratedDocument } from '../documents/store';
import { intakeResources } from '../intake/resources';
import { loadPatientOutcomes, patientSummary } from './patient-summary';
import { buildOutcomesReport } from './report';

function payerLine(ctx: HandlerContext, seriesId: string): string {
  const r = preparedSql(
    ctx.sqlite,
    `SELECT s.self_pay AS selfPay, a.auth_number AS authNumber, a.status, a.approved_sessions AS approved, p.name AS payer
     FROM infusion_series s LEFT JOIN authorizations a ON a.id = s.authorization_id LEFT JOIN payers p ON p.id = a.payer_id WHERE s.id = ?`,
  ).get(seriesId) as { selfPay: number; authNumber: string | null; status: string | null; approved: number | null; payer: string | null } | undefined;
  if (!r || r.selfPay) return 'Self-pay';
  if (!r.status) return 'No authorization recorded';
  const auth = [r.authNumber ? `authorization ${r.authNumber}` : 'authorization', `(${r.status}${r.approved ? `, ${r.approved} sessions approved` : ''})`].join(' ');
  return `${r.payer ?? 'Payer not named'}, ${auth}`;
}

function diagnosisLines(ctx: HandlerContext, patientId: string): string[] {
  const res = intakeResources();
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT code, is_primary AS isPrimary FROM diagnoses WHERE patient_id = ? AND deleted_at IS NULL ORDER BY is_primary DESC, created_at`,
  ).all(patientId) as { code: string; isPrimary: number }[];
  return rows.map((d) => `${d.code} ${res.icd10ByCode.get(d.code)?.title ?? '(not in the clinic list)'}${d.isPrimary ? ' (primary)' : ''}`);
}

export async function generateOutcomesReport(ctx: HandlerContext, patientId: string, seriesId: string | null) {
  const data = loadPatientOutcomes(ctx, patientId); // NOT_FOUND for an unknown patient
  const summary = patientSummary(data, ctx.now(), false);
  const series = seriesId ? summary.series.find((s) => s.seriesId === seriesId) : summary.series.at(-1);
  if (!series) {
    throw seriesId
      ? ApiError.validation('seriesId', 'That infusion series was not found for this patient.')
      : ApiError.validation('seriesId', 'This patient has no infusion series to report on yet.');
  }
  const settings = readSettings(ctx);
  const cfg = data.cfg;
  const model = buildOutcomesReport(summary, series, {
    clinicName: settings.name,
    timeZone: settings.timeZone,
    generatedAt: ctx.now(),
    generatedBy: ctx.user.displayName,
    payer: payerLine(ctx, series.seriesId),
    diagnoses: diagnosisLines(ctx, patientId),
    categories: cfg.categories,
    // The literature behind the thresholds, not the clinic's own working choices.
    citations: ['categories', 'nrsAnchor', 'pgic'].map((k) => cfg.sources[k]).filter((t): t is string => !!t),
    pgicLabel: (v) => cfg.pgicAnswers.find((a) => a.value === v)?.label ?? String(v),
    contentWidth: REPORT_CONTENT_WIDTH,
  });
  const bytes = await renderReportPdf(model, { author: settings.name, createdAt: new Date(ctx.now()) });
  const p = data.patient;
  return saveGeneratedDocument(ctx, {
    patientId,
    docType: 'outcomes_report',
    title: `Outcomes report ${p.lastName}, ${p.firstName} ${localDateAt(settings.timeZone, ctx.now())}`,
    mimeType: 'application/pdf',
    extension: 'pdf',
    bytes,
  });
}
