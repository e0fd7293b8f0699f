/** A CRPS chart's evidence and a payer rule set, for the letter tests (P1's loaders read the same shapes from a chart). */
import type { ChartEvidence } from '../../../src-shared/domain/authorizations/evidence';
import type { PayerRuleSet } from '../../../src-shared/domain/authorizations/payer-rules';

export const NERVE_BLOCK_REPORT = { documentId: '0190a1b2-0000-7000-8000-000000000001', title: 'Stellate ganglion block report', page: 2 };
export const PT_NOTE = { documentId: '0190a1b2-0000-7000-8000-000000000002', title: 'Physical therapy discharge note', page: 1 };
export const NEURO_CONSULT = { documentId: '0190a1b2-0000-7000-8000-000000000003', title: 'Neurology consultation', page: 3 };

export function crpsEvidence(patientId: string): ChartEvidence {
  return {
    patient: { id: patientId, firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: '1984-03-07', sex: 'female', mrn: 'MRN-1' },
    coverage: null,
    diagnosisGroup: 'crps',
    diagnoses: [{ code: 'G90.512', description: 'Complex regional pain syndrome I of left upper limb', isPrimary: true, onsetDate: '2025-02-10', cites: [NEURO_CONSULT] }],
    budapest: {
      evaluatedOn: '2026-09-14',
      evaluatorName: 'Dana Whitfield',
      disproportionatePain: true,
      noBetterDiagnosis: true,
      metClinical: true,
      metResearch: false,
      items: [
        { category: 'sensory', kind: 'symptom', finding: 'allodynia to light touch' },
        { category: 'vasomotor', kind: 'sign', finding: 'skin colour asymmetry' },
      ],
    },
    treatments: [
      { kind: 'nerve_block', name: 'Stellate ganglion sympathetic block', dose: null, sessions: 3, startDate: '2025-05-01', endDate: '2025-07-15', outcome: 'failed', response: 'relief for 2 days', cites: [NERVE_BLOCK_REPORT] },
      { kind: 'physical_therapy', name: 'Graded motor imagery', dose: null, sessions: 12, startDate: '2025-03-01', endDate: '2025-06-30', outcome: 'partial_relief', response: null, cites: [PT_NOTE] },
      { kind: 'medication', name: 'Gabapentin', dose: '900 mg/day', sessions: null, startDate: '2025-02-20', endDate: '2025-08-01', outcome: 'intolerant', response: 'dizziness', cites: [] },
    ],
    baseline: [{ instrument: 'nrs', value: 8, takenAt: Date.UTC(2026, 8, 14, 15), takenOn: '2026-09-14' }],
    screening: { completedOn: '2026-09-14', contraindications: [], needsReview: false },
    consultation: { date: '2026-09-14', providerName: 'Dana Whitfield', noteDocumentId: null },
    lastSeriesResponse: null,
    records: [],
  };
}

export const CRPS_RULES: PayerRuleSet = {
  key: 'bluelake',
  name: 'Blue Lake Health',
  template: true,
  policy: { reference: 'MP-446', title: 'Intravenous Anesthetics for the Treatment of Chronic Pain', stance: 'Investigational' },
  evidence: {
    crps: [
      { kind: 'diagnosis', label: 'CRPS diagnosis (ICD-10-CM G90.5)', codePrefixes: ['G90.5'] },
      { kind: 'budapest', label: 'Budapest clinical criteria met', criteria: 'clinical' },
      { kind: 'failed_treatment', label: 'Failed sympathetic block', treatmentKinds: ['nerve_block'], outcomes: ['failed'], nameMatches: ['sympathetic'], min: 1 },
      { kind: 'failed_treatment', label: 'Failed physical therapy', treatmentKinds: ['physical_therapy'], outcomes: ['failed', 'partial_relief'], min: 1 },
      { kind: 'failed_treatment', label: 'More than 3 months of failed conservative therapy', treatmentKinds: ['medication', 'physical_therapy'], outcomes: ['failed', 'intolerant', 'partial_relief'], min: 1, minMonths: 3 },
      { kind: 'baseline_score', label: 'Baseline pain score', instruments: ['nrs', 'vas'] },
      { kind: 'prior_response', label: 'Response to the last series', minPercent: 30 },
    ],
  },
  codes: { administration: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }], drug: [] },
  submission: { route: 'portal' },
  clocks: { cms0057f: false, decisionStandardDays: 15, decisionExpeditedHours: 72, appealDays: 180, externalReviewMonths: 4, p2pBusinessDays: 5, expiryWarningDays: [14, 7] },
};
