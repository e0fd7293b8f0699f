/** The outcomes API handlers (merged in backend.ts). Each is a thin call into its module. */
import { INSTRUMENTS } from '../../../src-shared/api/schemas/intake';
import { DISPOSITIONS, OUTCOME_TIME_POINTS, SCORE_SOURCES, type OutcomesReference } from '../../../src-shared/api/schemas/outcomes';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { clinicDueList, recordDisposition, reviewQueue } from './clinic-lists';
import { outcomesConfig } from './config-file';
import { dashboard } from './dashboard';
import { readProgress, requestCancel } from './export/progress';
import { exportCsv, exportFhir } from './exports';
import { loadPatientOutcomes, patientSummary } from './patient-summary';
import { DISPOSITION_LABELS, scoreLabels, scoreOut, SOURCE_LABELS } from './present';
import { recordScore } from './record-score';
import { generateOutcomesReport } from './report-document';
import { seriesOfPatient } from './data';
import { comparisonSentence, reviewSentence } from './rules/wording';

function reference(ctx: HandlerContext): OutcomesReference {
  const cfg = outcomesConfig(ctx);
  const all = [...OUTCOME_TIME_POINTS];
  return {
    instruments: [
      ...Object.values(INSTRUMENTS).map((i) => ({
        id: i.id,
        name: i.name,
        label: i.label,
        min: i.min,
        max: i.max,
        step: i.id === 'vas' ? 0.1 : 1,
        items: i.items,
        loinc: i.loinc,
        timePoints: all,
      })),
      { id: 'pgic' as const, name: 'PGIC', label: 'Patient global impression of change (1 very much improved - 7 very much worse)', min: 1, max: 7, step: 1, items: null, loinc: null, timePoints: ['follow_up' as const] },
    ],
    pgicAnswers: cfg.pgicAnswers,
    followUps: cfg.followUps,
    comparison: { ...cfg.comparison, sentence: comparisonSentence(cfg) },
    categories: cfg.categories,
    review: { ...cfg.review, sentence: reviewSentence(cfg) },
    dispositions: DISPOSITIONS.map((id) => ({ id, label: DISPOSITION_LABELS[id] })),
    sources: SCORE_SOURCES.map((id) => ({ id, label: SOURCE_LABELS[id] })),
    citations: cfg.sources,
  };
}

export const outcomeHandlers: PartialHandlers = {
  'outcomes.reference': (_input, ctx) => reference(ctx),

  'outcomes.recordScore': (input, ctx) => {
    const row = recordScore(ctx, input);
    // The intake screen shows baselines: tell it too.
    if (row.timePoint === 'baseline') ctx.emit('intake.changed', { method: 'outcomes.recordScore' });
    const labels = scoreLabels(seriesOfPatient(ctx.sqlite, input.patientId), outcomesConfig(ctx));
    return scoreOut({ ...row, items: row.items ?? null }, labels);
  },

  'outcomes.patientSummary': ({ patientId, includeSuperseded }, ctx) => patientSummary(loadPatientOutcomes(ctx, patientId), ctx.now(), includeSuperseded),

  'outcomes.due': (input, ctx) => clinicDueList(ctx, input),

  'outcomes.reviewQueue': (input, ctx) => reviewQueue(ctx, input),

  'outcomes.recordDisposition': (input, ctx) => recordDisposition(ctx, input),

  'outcomes.dashboard': (input, ctx) => dashboard(ctx, input),

  'outcomes.reportPdf': (input, ctx) => generateOutcomesReport(ctx, input.patientId, input.seriesId),

  'outcomes.exportCsv': (input, ctx) => exportCsv(ctx, input),
  'outcomes.exportProgress': ({ exportId }) => ({ progress: readProgress(exportId) }),
  'outcomes.exportCancel': ({ exportId }) => ({ cancelled: requestCancel(exportId) }),

  'outcomes.exportFhir': (input, ctx) => exportFhir(ctx, input),
};
