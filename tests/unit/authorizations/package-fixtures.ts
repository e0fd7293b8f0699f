/**
 * A CRPS patient's chart evidence, a request and a payer rule set as plain data, with real
 * generated record PDFs to enclose: the package tests and the bench build packages from these
 * without a store.
 */
import { renderReportPdf } from '../../../src-main/backend/documents/pdf/render-pdf';
import type { PackageRequest } from '../../../src-main/backend/authorizations/package/package-model';
import type { ChartEvidence } from '../../../src-shared/domain/authorizations/evidence';
import type { PayerRuleSet } from '../../../src-shared/domain/authorizations/payer-rules';

/** A record PDF of about `pages` pages whose every page names the record and its page. */
export async function recordPdf(title: string, pages: number): Promise<Uint8Array> {
  const lines = Array.from({ length: pages * 40 }, (_, i) => `${title} line ${i + 1}: findings recorded at the visit.`);
  return renderReportPdf({ title, subtitle: ['Outside record'], footer: title, sections: [{ heading: 'Notes', blocks: [{ kind: 'list', items: lines }] }] });
}

export const RULES: PayerRuleSet = {
  key: 'aetna',
  name: 'Aetna',
  template: true,
  policy: { reference: 'CPB 0447', title: 'CRPS treatments', stance: 'IV ketamine for chronic pain: investigational' },
  evidence: {
    crps: [
      { kind: 'diagnosis', label: 'CRPS diagnosis', codePrefixes: ['G90.5'] },
      { kind: 'budapest', label: 'Budapest criteria met', criteria: 'clinical' },
      { kind: 'failed_treatment', label: 'Failed physical therapy', treatmentKinds: ['physical_therapy'], outcomes: ['failed', 'partial_relief'], min: 1 },
      {
        kind: 'failed_treatment',
        label: 'Failed sympathetic block',
        treatmentKinds: ['nerve_block'],
        outcomes: ['failed', 'partial_relief'],
        nameMatches: ['sympathetic'],
        min: 1,
      },
      { kind: 'baseline_score', label: 'Baseline pain score', instruments: ['nrs', 'vas'] },
    ],
  },
  codes: { administration: [{ code: '96365', system: 'CPT', unitsPerSession: 1 }], drug: [{ code: 'J3490', system: 'HCPCS', unitsPerSession: 1 }] },
  submission: { route: 'fax' },
  clocks: {
    cms0057f: false,
    decisionStandardDays: 15,
    decisionExpeditedHours: 72,
    appealDays: 180,
    externalReviewMonths: 4,
    p2pBusinessDays: 10,
    expiryWarningDays: [14, 7],
  },
};

export function evidence(over: Partial<ChartEvidence> = {}): ChartEvidence {
  return {
    patient: { id: 'p1', firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1980-04-02', sex: 'female', mrn: '004512' },
    coverage: { id: 'c1', payerId: 'pay1', payerName: 'Aetna', memberId: 'W123456789', groupNumber: 'G-77', planName: 'Choice POS II' },
    diagnosisGroup: 'crps',
    diagnoses: [
      {
        code: 'G90.511',
        description: 'Complex regional pain syndrome I of right upper limb',
        isPrimary: true,
        onsetDate: '2024-06-01',
        cites: [{ documentId: 'rec-neuro', title: 'Neurology consult', page: 2 }],
      },
    ],
    budapest: {
      evaluatedOn: '2025-09-12',
      evaluatorName: 'Dr. Imani Okafor',
      disproportionatePain: true,
      noBetterDiagnosis: true,
      metClinical: true,
      metResearch: false,
      items: [
        { category: 'sensory', kind: 'symptom', finding: 'hyperesthesia of the right hand' },
        { category: 'sensory', kind: 'sign', finding: 'allodynia to light touch' },
        { category: 'vasomotor', kind: 'sign', finding: 'skin colour asymmetry' },
        { category: 'sudomotor_edema', kind: 'symptom', finding: 'swelling of the right wrist' },
        { category: 'motor_trophic', kind: 'sign', finding: 'decreased range of motion' },
      ],
    },
    treatments: [
      {
        kind: 'physical_therapy',
        name: 'Physical therapy',
        dose: null,
        sessions: 12,
        startDate: '2024-08-05',
        endDate: '2024-11-01',
        outcome: 'failed',
        response: 'no change in pain',
        cites: [{ documentId: 'rec-pt', title: 'PT discharge summary', page: 3 }],
      },
      {
        kind: 'nerve_block',
        name: 'Stellate ganglion sympathetic block',
        dose: null,
        sessions: 2,
        startDate: '2025-01-14',
        endDate: '2025-02-11',
        outcome: 'partial_relief',
        response: 'relief lasted one day',
        cites: [{ documentId: 'rec-block', title: 'Procedure note', page: 1 }],
      },
      {
        kind: 'medication',
        name: 'Gabapentin',
        dose: '300 mg TID',
        sessions: null,
        startDate: '2024-07-01',
        endDate: '2024-12-20',
        outcome: 'intolerant',
        response: 'dizziness',
        cites: [{ documentId: 'rec-neuro', title: 'Neurology consult', page: 4 }],
      },
    ],
    baseline: [
      { instrument: 'nrs', value: 8, takenAt: Date.UTC(2025, 8, 12, 15), takenOn: '2025-09-12' },
      { instrument: 'bpi_interference', value: 7.1, takenAt: Date.UTC(2025, 8, 12, 15), takenOn: '2025-09-12' },
    ],
    screening: { completedOn: '2025-09-12', contraindications: [], needsReview: false },
    consultation: { date: '2025-09-12', providerName: 'Dr. Imani Okafor', noteDocumentId: null },
    lastSeriesResponse: null,
    records: [
      { documentId: 'rec-neuro', title: 'Neurology consult', docType: 'consult_note', mimeType: 'application/pdf', pages: 5 },
      { documentId: 'rec-pt', title: 'PT discharge summary', docType: 'therapy_note', mimeType: 'application/pdf', pages: 3 },
      { documentId: 'rec-block', title: 'Procedure note', docType: 'procedure_note', mimeType: 'application/pdf', pages: 2 },
      { documentId: 'rec-other', title: 'Dental x-ray', docType: 'imaging', mimeType: 'image/png', pages: 1 },
    ],
    ...over,
  };
}

export function request(over: Partial<PackageRequest> = {}): PackageRequest {
  return {
    clinicName: 'Lakeside Pain & Infusion Center',
    payerName: 'Aetna',
    payerFax: '1-800-555-0100',
    memberId: 'W123456789',
    groupNumber: 'G-77',
    serviceLines: [
      { code: '96365', system: 'CPT', unitsPerSession: 1, description: 'IV infusion, first hour' },
      { code: '96366', system: 'CPT', unitsPerSession: 3, description: 'IV infusion, each additional hour' },
      { code: 'J3490', system: 'HCPCS', unitsPerSession: 1, description: 'Ketamine HCl' },
    ],
    requestedSessions: 6,
    requestedStartDate: '2026-01-05',
    requestedEndDate: '2026-01-16',
    icd10Codes: ['G90.511'],
    orderingProvider: { name: 'Dr. Imani Okafor', credentials: 'MD', npi: '1234567893' },
    expedited: false,
    renewal: false,
    ...over,
  };
}
